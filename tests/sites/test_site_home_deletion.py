"""A site's home page takes its Site record with it when deleted; a site that departments or halls belong to keeps
its home page: the admin refuses with a message instead of failing on the protecting foreign keys."""

import pytest
from wagtail.models import Page, Site

from guides.models import HomePage
from tests.factories import make_department

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_deleting_the_home_of_a_site_with_departments_is_refused(admin_client, site_tree):
    home, _index = site_tree
    make_department()
    response = admin_client.post(f"/admin/pages/{home.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert any("不能删除站点" in message for message in messages_of(response))
    assert Page.objects.filter(pk=home.pk).exists() and Site.objects.filter(root_page=home).exists()


def test_bulk_deleting_it_is_refused_too(admin_client, site_tree):
    home, _index = site_tree
    make_department()
    url = f"/admin/bulk/wagtailcore/page/delete/?id={home.pk}&next=/admin/pages/"
    response = admin_client.post(url, follow=True)
    assert any("不能删除站点" in message for message in messages_of(response))
    assert Page.objects.filter(pk=home.pk).exists()


def test_a_site_without_reference_data_can_lose_its_home(admin_client, site_tree):
    second = Page.get_first_root_node().add_child(instance=HomePage(title="第二个站点", slug="second"))
    Site.objects.create(hostname="second.example", root_page=second)
    response = admin_client.post(f"/admin/pages/{second.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert not Page.objects.filter(pk=second.pk).exists() and not Site.objects.filter(hostname="second.example")
