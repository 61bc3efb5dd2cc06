"""Fixtures shared by the import/export tests: two published guides, an administrator, a private preview folder."""

import datetime

import pytest

from tests.factories import make_department, make_guide, make_material


@pytest.fixture(autouse=True)
def preview_folder(tmp_path, monkeypatch):
    """Preview files of admin uploads go to a folder of the test's own, never the checkout's."""
    folder = tmp_path / "guide-imports"
    monkeypatch.setenv("IMPORT_PREVIEW_ROOT", str(folder))
    return folder


@pytest.fixture
def content(guide_index):
    police = make_department(name="市公安局", short_name="公安")
    market = make_department(name="市市场监管局", short_name="市场监管")
    id_card = make_material(name="居民身份证")
    guides = [
        make_guide(
            guide_index,
            department=police,
            title="居民身份证换领",
            item_code="11330100MB0000001X4000111A001",
            is_free=False,
            fees=[{"name": "证件工本费", "standard": "20元/证", "basis": "发改价格〔2003〕2322号"}],
            situations={"由谁办理？": ["本人办理", "委托代理人办理"]},
            materials=[
                {"material": id_card, "form": "original"},
                {"name": "授权委托书", "applies_to": "委托代理人办理", "requirement": "deferrable", "copies": 2},
            ],
        ),
        make_guide(
            guide_index,
            department=market,
            title="个体工商户设立登记",
            item_code="11330100MB0000002X4000222B002",
            online_level="full",
            online_url="https://zwfw.example.gov.cn/gt",
            visits_required=0,
            committed_limit_days=0,
            limit_note="材料齐全当场办结",
            next_review_due=datetime.date(2027, 3, 1),
            materials=[{"material": id_card, "medium": "electronic", "exempt_by_data_sharing": True}],
        ),
    ]
    return {"guides": guides, "police": police, "market": market, "id_card": id_card}


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.invalid", "pw"))
    return client
