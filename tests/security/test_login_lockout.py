"""Log-in that neither leaks nor locks out.

- A stranger's failures lock the stranger's (account, address) pair, not the account: its owner still
  logs in from their own address.
- Unknown, locked, inactive and wrong-password attempts get the same answer after the same work.
- The counters live in the database: every worker sees the failures made through another.
"""

import time
from datetime import timedelta

from sqlalchemy import func, select, update

from tests import factories
from tests.conftest import _config
from tracker import create_app
from tracker.accounts.models import LoginFailure
from tracker.core.time import utcnow
from tracker.extensions import db

GENERIC = "Invalid e-mail or password."
STRANGER, OWNER = "203.0.113.7", "198.51.100.20"


def _post(client, email, password, address):
    return client.post(
        "/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def test_a_stranger_cannot_lock_the_administrator_out(app, client):
    admin = factories.user(role="admin")
    db.session.commit()
    for _ in range(app.config["LOGIN_MAX_FAILURES"] + 3):
        assert _post(client, admin.email, "guessing wrong", STRANGER).status_code == 200
    # The stranger's pair is locked: even the right password does not open it from there...
    locked = _post(client, admin.email, factories.PASSWORD, STRANGER)
    assert locked.status_code == 200 and GENERIC in locked.get_data(as_text=True)
    # ...while the administrator, from their own address, logs in.
    assert _post(app.test_client(), admin.email, factories.PASSWORD, OWNER).status_code == 302


def test_a_success_clears_the_pairs_failures_only(app, client):
    user = factories.user()
    db.session.commit()
    for address in (STRANGER, OWNER):
        _post(client, user.email, "guessing wrong", address)
    assert _post(client, user.email, factories.PASSWORD, OWNER).status_code == 302
    remaining = db.session.scalars(select(LoginFailure.address)).all()
    assert remaining == [STRANGER]


def _page(response, email):
    return response.status_code, response.get_data(as_text=True).replace(email, "EMAIL")


def test_unknown_locked_inactive_and_wrong_get_the_same_answer(app, client):
    wrong, locked, inactive = factories.user(), factories.user(), factories.user(active=False)
    db.session.commit()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        _post(client, locked.email, "guessing wrong", STRANGER)
    answers = {
        "wrong": _page(_post(app.test_client(), wrong.email, "guessing wrong", STRANGER), wrong.email),
        "unknown": _page(_post(app.test_client(), "no.one@example.org", "x", STRANGER), "no.one@example.org"),
        "locked": _page(_post(app.test_client(), locked.email, factories.PASSWORD, STRANGER), locked.email),
        "inactive": _page(
            _post(app.test_client(), inactive.email, factories.PASSWORD, STRANGER), inactive.email
        ),
    }
    assert answers["wrong"][0] == 200 and GENERIC in answers["wrong"][1]
    assert all(answer == answers["wrong"] for answer in answers.values()), answers.keys()


def test_unknown_and_locked_accounts_take_as_long_as_a_wrong_password(database_url):
    """One password-hash check in every case. With a deliberately slow hash (~100 ms) a locked account
    used to answer in a few milliseconds, which told an attacker that the account exists."""
    slow = create_app(_config(database_url) | {"PASSWORD_HASH_METHOD": "pbkdf2:sha256:400000"})
    with slow.app_context():
        try:
            wrong, locked = factories.user(), factories.user()
            db.session.commit()
            client = slow.test_client()
            for _ in range(slow.config["LOGIN_MAX_FAILURES"]):
                _post(client, locked.email, "guessing wrong", STRANGER)

            cases = {
                "wrong": (wrong.email, "guessing wrong"),
                "unknown": ("no.one@example.org", "guessing wrong"),
                "locked": (locked.email, factories.PASSWORD),
            }
            # Interleaved rounds and the fastest of each: the machine's other load hits every case alike.
            timings = {case: [] for case in cases}
            for _ in range(4):
                for case, (email, password) in cases.items():
                    started = time.perf_counter()
                    assert _post(client, email, password, STRANGER).status_code == 200
                    timings[case].append(time.perf_counter() - started)
            times = {case: min(values) for case, values in timings.items()}
            assert times["wrong"] > 0.02, times  # the hash is slow enough to be seen
            for case in ("unknown", "locked"):
                assert 1 / 3 < times[case] / times["wrong"] < 3, times  # it was 1/20 for "locked"
        finally:
            db.session.rollback()
            for table in ("login_failures", "audit_events", "users"):
                db.session.execute(db.metadata.tables[table].delete())
            db.session.commit()
            db.session.remove()
            db.engine.dispose()


def test_every_worker_counts_the_same_failures(app, database_url):
    """Two app instances stand for two gunicorn workers: failures made through one throttle the other."""
    config = _config(database_url) | {"LOGIN_FAILURES_PER_ADDRESS": "3 per hour"}
    first, second = create_app(config).test_client(), create_app(config).test_client()
    statuses = [
        _post(worker, f"nobody{n}@example.org", "guessing wrong", STRANGER).status_code
        for n, worker in enumerate([first, second, first, second, first])
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert db.session.scalar(select(func.count(LoginFailure.id))) == 5


def test_old_failures_are_forgotten(app, client):
    user = factories.user()
    db.session.commit()
    _post(client, user.email, "guessing wrong", STRANGER)
    db.session.execute(update(LoginFailure).values(at=utcnow() - timedelta(days=1)))
    db.session.commit()
    _post(client, user.email, "guessing wrong again", STRANGER)
    assert db.session.scalar(select(func.count(LoginFailure.id))) == 1
