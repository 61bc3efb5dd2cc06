"""axe-core (WCAG 2.1 A and AA rules) finds no violation on the public pages, in both modes."""

import pytest

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{violation['id']}: {violation['help']} → {[node['target'] for node in violation['nodes']][:3]}"
        for violation in result["violations"]
    ]


def public_paths(board):
    guide = board["guides"][0]["url"]
    # The most materials: situations, fees, 容缺 and the other terms explained in place.
    longest = max(board["guides"], key=lambda row: row["materials"])["url"]
    return {
        "home": "/",
        "search results": "/search/?q=身份证",
        "guide": guide,
        "guide with the most materials": longest,
        "guide with answers": guide + "?q1=x",
        "print checklist": guide + "print/",
        "commitments": "/commitments/",
        "department": f"/departments/{board['departments'][0]['code']}/",
        "guide list": "/guides/?instant=1",
    }


@pytest.mark.parametrize("senior", [False, True], ids=["standard", "senior"])
def test_no_axe_violations(open_page, board, axe_source, senior):
    found = {}
    for name, path in public_paths(board).items():
        page = open_page(path, senior=senior)
        violations = axe_violations(page, axe_source)
        if violations:
            found[name] = violations
    assert found == {}


@pytest.mark.parametrize("senior", [False, True], ids=["standard", "senior"])
def test_no_axe_violations_with_every_fold_and_term_of_a_guide_open(open_page, board, axe_source, senior):
    """axe skips what is hidden: open every <details> (长辈版's folds, the terms, FAQ, feedback) and check again."""
    page = open_page(public_paths(board)["guide with the most materials"], senior=senior)
    opened = page.evaluate("[...document.querySelectorAll('details:not([open])')].map(d => d.open = true).length")
    assert opened > 0
    assert axe_violations(page, axe_source) == []
