"""Which requests the overloaded worker may refuse (web/shedding.py); tests/production/test_shedding.py runs it."""

from types import SimpleNamespace

import pytest

from web.shedding import sheddable


@pytest.mark.parametrize(
    ("method", "path", "shed"),
    [
        ("GET", "/search/", True),
        ("HEAD", "/guides/jie-hun-deng-ji/", True),
        ("POST", "/guides/jie-hun-deng-ji/feedback/", False),  # a citizen's 纠错 is never thrown away
        ("POST", "/admin/pages/5/edit/", False),  # nor an editor's save
        ("GET", "/admin/pages/5/edit/", False),  # an editor's form would be lost on the way back
        ("GET", "/django-admin/", False),
    ],
)
def test_only_requests_a_visitor_can_repeat_are_shed(method, path, shed):
    assert sheddable(SimpleNamespace(method=method, path=path)) is shed
