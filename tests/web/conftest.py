import pytest

from tests.factories import make_guide


@pytest.fixture
def situation_guide(guide_index):
    """A guide whose one situation question changes its materials: its answered pages are kept variants."""
    return make_guide(
        guide_index,
        title="户口迁移",
        situations={"由谁办理": ["本人办理", "委托代理人办理"]},
        materials=[{"name": "居民身份证"}, {"name": "授权委托书", "applies_to": "委托代理人办理"}],
    )
