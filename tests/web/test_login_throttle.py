"""Sign-in throttling (django-axes) on the Wagtail admin and Django's admin: per account and per client."""

import pytest
from django.core.management import call_command
from django.test import Client

LOCKED = "登录已暂时锁定"
LOGIN_PAGES = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture(autouse=True)
def throttled(settings, db):
    settings.AXES_ENABLED = True  # off in the other tests: Django's test client signs in without a request
    settings.AXES_FAILURE_LIMIT = 5
    settings.TRUSTED_PROXIES = ["10.0.0.1"]


@pytest.fixture
def editors(django_user_model):
    for name in ("zhang", "li"):
        django_user_model.objects.create_superuser(name, f"{name}@example.gov.cn", f"{name}-right-password")


def sign_in(client, username, password, page="/admin/login/"):
    return client.post(page, {"username": username, "password": password})


def signed_in(response):
    return response.status_code == 302 and "login" not in response["Location"]


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_the_right_password_is_refused_after_too_many_wrong_ones(editors, page):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for attempt in range(4):
        assert sign_in(client, "zhang", f"guess-{attempt}", page).status_code == 200  # the form again, with its error
    assert sign_in(client, "zhang", "guess-4", page).status_code == 429  # the fifth locks
    refused = sign_in(client, "zhang", "zhang-right-password", page)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert "30 分钟后再试" in refused.content.decode()


def test_an_administrator_lifts_the_lockout(editors):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for attempt in range(5):
        sign_in(client, "zhang", f"guess-{attempt}")
    assert sign_in(client, "zhang", "zhang-right-password").status_code == 429
    call_command("axes_reset_username", "zhang")
    call_command("axes_reset_ip", "198.51.100.1")
    assert signed_in(sign_in(client, "zhang", "zhang-right-password"))


def test_a_locked_account_does_not_lock_others_out_from_another_client(editors):
    attacker = Client(REMOTE_ADDR="198.51.100.1")
    for attempt in range(5):
        sign_in(attacker, "zhang", f"guess-{attempt}")
    assert sign_in(attacker, "zhang", "zhang-right-password").status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.2")
    assert sign_in(elsewhere, "zhang", "zhang-right-password").status_code == 429  # the account stays locked
    assert signed_in(sign_in(elsewhere, "li", "li-right-password"))  # another account from another client


def test_one_client_trying_many_accounts_is_locked_out(editors):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for attempt in range(5):
        sign_in(client, f"nobody{attempt}", "guess")
    assert sign_in(client, "li", "li-right-password").status_code == 429


def test_clients_behind_one_proxy_are_throttled_apart(editors):
    """The throttle keys on the client behind the trusted proxy (web/client.py), not on the proxy."""
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    for attempt in range(5):
        sign_in(attacker, f"nobody{attempt}", "guess")
    assert sign_in(attacker, "li", "li-right-password").status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert signed_in(sign_in(colleague, "li", "li-right-password"))
