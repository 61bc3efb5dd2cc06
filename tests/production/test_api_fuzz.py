"""schemathesis against the API's own OpenAPI document: any input, no server error, answers as documented."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from guides.opendata.openapi import document
from tests.factories import make_department, make_guide

schema = schemathesis.openapi.from_dict(document("http://testserver/api/v1"))
app = get_wsgi_application()


@pytest.fixture
def keep_the_test_connection():
    """As Django's test client does: a request must not close the connection that holds the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def published(guide_index, keep_the_test_connection):
    make_guide(guide_index, department=make_department(code="gongan"), item_code="11330100MB0000001")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_answers_as_documented(case, published):
    response = case.call_and_validate(app=app)
    assert response.status_code < 500
