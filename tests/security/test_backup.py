from sqlalchemy import select

from tests import factories
from tracker.countries.models import Organisation
from tracker.extensions import db


def names() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(Organisation.name).order_by(Organisation.name)))


def test_backup_then_restore_brings_back_the_data(app, tmp_path):
    runner = app.test_cli_runner()
    factories.organisation(name="Kept")
    db.session.commit()
    target = tmp_path / "tracker.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    factories.organisation(name="Added after the backup")
    db.session.commit()
    db.session.remove()
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert names() == ["Kept"]


def test_restore_refuses_a_file_that_is_not_a_backup(app, tmp_path):
    bogus = tmp_path / "bogus.backup"
    bogus.write_text("not a backup")
    factories.organisation(name="Untouched")
    db.session.commit()
    db.session.remove()
    result = app.test_cli_runner().invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0
    assert names() == ["Untouched"]


def test_restore_asks_before_replacing(app, tmp_path):
    bogus = tmp_path / "x.backup"
    bogus.write_text("x")
    result = app.test_cli_runner().invoke(args=["restore", str(bogus)], input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
