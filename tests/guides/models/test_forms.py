"""Editing through the Wagtail admin: every page type can be created; a wrong guide cannot go live."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from guides.models import (
    CommitmentsPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    LifeEventPage,
    TopicPage,
)
from tests.factories import make_department, make_guide, make_hall, make_site
from tests.guides.editing import edit_form_data


def situation_value(question, options):
    return {
        "question": question,
        "options": {
            "count": str(len(options)),
            **{
                str(i): {"value": option, "deleted": "", "order": str(i), "id": f"opt{i}"}
                for i, option in enumerate(options)
            },
        },
    }


def guide_form(department, **changes):
    data = {
        "title": "居民身份证换领",
        "slug": "jumin-shenfenzheng-huanling",
        "item_code": "11330100MB0000001X4000111A001",
        "item_type": "licensing",
        "audience": "person",
        "department": str(department.pk),
        "summary": "有效期满换领居民身份证",
        "colloquial_names": "换身份证",
        "legal_basis": "《中华人民共和国居民身份证法》",
        "conditions": "居民身份证有效期满",
        "last_reviewed": "2026-06-01",
        "next_review_due": "2027-06-01",
        "materials": inline_formset(
            [
                {"name": "居民身份证", "form": "original", "medium": "paper", "copies": "1", "requirement": "required"},
                {
                    "name": "授权委托书",
                    "form": "original",
                    "medium": "paper",
                    "copies": "1",
                    "requirement": "required",
                    "applies_to": "委托代理人办理",
                },
            ]
        ),
        "situations": streamfield([("situation", situation_value("由谁办理？", ["本人办理", "委托代理人办理"]))]),
        "legal_limit_days": "60",
        "legal_limit_unit": "natural",
        "committed_limit_days": "20",
        "committed_limit_unit": "working",
        "is_free": "",
        "fees": inline_formset([{"name": "证件工本费", "standard": "20元/证", "basis": "发改价格〔2003〕2322号"}]),
        "online_level": "offline",
        "visits_required": "2",
        "service_scope": "city",
        "steps": inline_formset([{"title": "受理", "description": ""}]),
        "halls": inline_formset([{"hall": str(make_hall().pk), "window": "1 号窗口"}]),
        "faqs": inline_formset([]),
        "result_name": "居民身份证",
    }
    data.update(changes)
    return nested_form_data(data)


class AdminTestCase(WagtailPageTestCase):
    def setUp(self):
        self.home, self.index = make_site()
        self.department = make_department()
        self.login()


class CreateEveryPageTypeTests(AdminTestCase):
    def test_home_page(self):  # a second site's home page beside the first
        self.assertCanCreate(Page.get_first_root_node(), HomePage, {"title": "首页", "slug": "home2"})

    def test_browse_pages(self):
        self.assertCanCreate(self.home, GuideIndexPage, {"title": "全部事项", "slug": "all"})
        self.assertCanCreate(self.home, TopicPage, {"title": "婚姻生育", "slug": "marriage", "audience": "person"})
        self.assertCanCreate(self.home, CommitmentsPage, {"title": "承诺公示", "slug": "commitments"})

    def test_life_event_page(self):
        first, second = make_guide(self.index), make_guide(self.index)
        data = nested_form_data(
            {
                "title": "新生儿出生一件事",
                "slug": "newborn",
                "audience": "person",
                "intro": "出生医学证明、户口登记、医保参保一次办",
                "event_name": "孩子出生",
                "bundle": inline_formset(
                    [
                        {"guide": str(first.pk), "note": "先办", "logic": "number", "deadline_unit": "day"},
                        {"guide": str(second.pk), "logic": "or", "deadline_amount": "1", "deadline_unit": "month"},
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, LifeEventPage, data)
        event = LifeEventPage.objects.get(slug="newborn")
        self.assertEqual([item.guide_id for item in event.visible_items()], [first.pk, second.pk])
        (step,) = event.numbered_steps()
        self.assertEqual(step.rows[1].deadline_text, "孩子出生后 1 个月内")

    def test_guide_page(self):
        self.assertCanCreate(self.index, GuidePage, guide_form(self.department))
        guide = GuidePage.objects.get(slug="jumin-shenfenzheng-huanling")
        self.assertTrue(guide.live)
        self.assertEqual([m.display_name for m in guide.materials.all()], ["居民身份证", "授权委托书"])
        self.assertEqual(guide.situation_questions[0].options, ("本人办理", "委托代理人办理"))
        self.assertEqual([m.display_name for m in guide.materials_for({1: "本人办理"})], ["居民身份证"])


class PublishBlockingTests(AdminTestCase):
    def edit(self, guide, action, **changes):
        data = edit_form_data(self.client, guide, **changes, **{action: action})
        return self.client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)

    def test_publishing_a_wrong_guide_shows_errors_and_keeps_the_live_page(self):
        guide = make_guide(self.index, legal_limit_days=20, committed_limit_days=5)
        response = self.edit(
            guide,
            "action-publish",
            committed_limit_days="30",
            online_level="full",
            **{"materials-0-name": "其他材料"},
        )
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("承诺办结时限（30 个工作日）不能超过法定办结时限（20 个工作日）", html)
        self.assertIn("全程网办的事项必须填写网上办理地址", html)
        self.assertIn("兜底表述", html)
        guide.refresh_from_db()
        self.assertEqual(guide.committed_limit_days, 5)
        self.assertEqual(guide.online_level, "offline")
        self.assertFalse(guide.has_unpublished_changes)

    def test_submitting_for_moderation_is_blocked_too(self):
        guide = make_guide(self.index)
        response = self.edit(guide, "action-submit", is_free="", **{"fees-TOTAL_FORMS": "0"})
        self.assertContains(response, "收费的事项必须至少列出一个收费项目")
        self.assertEqual(guide.revisions.count(), 1)

    def test_a_draft_keeps_what_the_editor_wrote(self):
        guide = make_guide(self.index, legal_limit_days=20, committed_limit_days=5)
        response = self.edit(guide, "action-save", committed_limit_days="30")
        self.assertEqual(response.status_code, 302)
        guide.refresh_from_db()
        self.assertEqual(guide.committed_limit_days, 5)
        self.assertEqual(guide.get_latest_revision_as_object().committed_limit_days, 30)

    def test_a_correct_edit_publishes(self):
        guide = make_guide(self.index, legal_limit_days=20, committed_limit_days=5)
        response = self.edit(guide, "action-publish", committed_limit_days="0", change_note="改为即办")
        self.assertEqual(response.status_code, 302)
        guide.refresh_from_db()
        self.assertTrue(guide.is_instant)
