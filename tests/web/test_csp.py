"""Content-Security-Policy: nothing inline and nothing from another origin on the public site."""

import re

from tests.factories import make_guide
from web.csp import ADMIN_POLICY, PUBLIC_POLICY


def directives(policy):
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_public_pages_forbid_inline_code_and_other_origins(client, guide_index):
    guide = make_guide(guide_index)
    policy = client.get(guide.url)["Content-Security-Policy"]
    assert policy == PUBLIC_POLICY
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives(policy)["default-src"] == "'self'"


def test_the_admin_allows_inline_code_but_no_other_origin(admin_client, site_tree):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == ADMIN_POLICY
    assert directives(ADMIN_POLICY)["default-src"] == "'self'"


def test_public_pages_have_no_inline_scripts_or_styles(client, guide_index):
    """The public policy would block them in the browser: the templates must not rely on them."""
    guide = make_guide(guide_index)
    html = client.get(guide.url).content.decode()
    assert "<style" not in html
    assert ' style="' not in html
    assert " onclick=" not in html
    inline_scripts = [attributes for attributes in re.findall(r"<script\b([^>]*)>", html) if "src=" not in attributes]
    assert all('type="application/ld+json"' in attributes for attributes in inline_scripts)
