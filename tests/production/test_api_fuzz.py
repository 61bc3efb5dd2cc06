"""schemathesis against the API's own OpenAPI document: any input, no server error, answers as documented."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from guides.opendata.openapi import document
from tests.factories import make_department, make_guide

schema = schemathesis.openapi.from_dict(document("http://testserver/api/v1"))
app = get_wsgi_application()


@pytest.fixture
def published(guide_index):
    make_guide(guide_index, department=make_department(code="gongan"), item_code="11330100MB0000001")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_answers_as_documented(case, published):
    response = case.call_and_validate(app=app)
    assert response.status_code < 500
