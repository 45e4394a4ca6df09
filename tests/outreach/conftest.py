import pytest

from tests.outreach.smtp import SMTPServer, free_port


@pytest.fixture
def smtp_server(app):
    """A real SMTP server on 127.0.0.1; the app sends to it."""
    server = SMTPServer()
    server.controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False)
    try:
        yield server
    finally:
        server.controller.stop()


@pytest.fixture
def smtp_down(app):
    """A port on 127.0.0.1 where nothing listens: the server is down."""
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
