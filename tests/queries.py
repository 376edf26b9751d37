"""Query counts of a page, to check that a list page costs the same with few and many rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url, data=None):
    """(number of queries, response) of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(queries), response
