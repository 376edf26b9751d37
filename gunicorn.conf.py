"""gunicorn's settings, read from the working directory at start-up (`gunicorn campaign.wsgi`
run from the project folder; elsewhere add `--config /srv/kehoach/gunicorn.conf.py`).

Only what differs from gunicorn's defaults. Workers, bind address and timeouts stay on the
command line or in GUNICORN_CMD_ARGS, where operators expect them.
"""

from gunicorn.http import wsgi

# No banner: gunicorn writes "Server: gunicorn" itself, before the application's headers, and
# has no setting to leave it out (benoitc/gunicorn#825). Naming the software only helps someone
# looking for servers with a known flaw. tests/campaign/test_headers.py starts gunicorn with
# this file and fails if a new version writes the header some other way.
_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(response):
    return [line for line in _default_headers(response) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server
