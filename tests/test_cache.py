"""The dashboard and the plenary report are cached, and never stale: any write moves the data version."""

from sqlalchemy import select

from tests.directory import factories as directory_factories
from tracker.core.cache import DataVersion, cache, current_version
from tracker.demo import load_demo
from tracker.extensions import db


def test_a_write_moves_the_version_an_unchanged_read_does_not(app):
    before = current_version(db.session)
    db.session.scalars(select(DataVersion)).all()
    db.session.commit()
    assert current_version(db.session) == before
    directory_factories.contact_point("FJI")
    db.session.commit()
    assert current_version(db.session) == before + 1
    directory_factories.contact_point("FJI")
    db.session.rollback()
    assert current_version(db.session) == before + 1


def test_dashboard_is_served_from_cache_until_a_write(client, login_as, count_queries):
    load_demo()
    db.session.commit()
    login_as("viewer")
    cache.clear()
    first = client.get("/?on=2024-12-10").get_data(as_text=True)
    with count_queries() as statements:
        assert client.get("/?on=2024-12-10").get_data(as_text=True) == first
    assert len(statements) <= 2  # the logged-in user and the data version
    assert ">12</div>" in first  # Parties with more than one contact point
    directory_factories.contact_point("KIR", institution="Second Kiribati unit")
    db.session.commit()
    after = client.get("/?on=2024-12-10").get_data(as_text=True)
    assert ">13</div>" in after  # the write shows at once


def test_the_version_is_shared_by_every_worker(app, database_url):
    """A second app (another worker) sees the version the first one moved: its cache cannot go stale."""
    from tests.conftest import _config
    from tracker import create_app

    other = create_app(_config(database_url))
    with other.app_context():
        seen = current_version(db.session)
    directory_factories.contact_point("FJI")
    db.session.commit()
    with other.app_context():
        assert current_version(db.session) == seen + 1
        db.session.remove()
        db.engine.dispose()
