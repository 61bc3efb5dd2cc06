"""The client's address behind trusted proxies, and the feedback rate limit keyed on it."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from tests.factories import make_guide
from web.client import client_address, networks
from web.ratelimit import FEEDBACK_LIMIT

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def one_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.8.0.0/16", "fd00::/8"]


def address(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **headers))


def test_without_a_proxy_the_connection_is_the_client():
    assert address("203.0.113.7") == "203.0.113.7"


def test_a_forwarded_header_from_an_untrusted_address_is_ignored():
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_is_the_address_it_received_the_request_from():
    assert address(PROXY, "198.51.100.1") == "198.51.100.1"


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself():
    """The proxy appends the address it saw; what the client wrote stays on the left, and is not read."""
    assert address(PROXY, "127.0.0.1, 198.51.100.1") == "198.51.100.1"
    assert address(PROXY, "not-an-address, 198.51.100.1") == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_skipped_from_the_right():
    assert address(PROXY, "198.51.100.1, 10.8.3.4") == "198.51.100.1"
    assert address("fd00::1", "2001:db8::5") == "2001:db8::5"


def test_garbage_in_the_header_falls_back_to_the_nearest_proxy():
    assert address(PROXY, "198.51.100.1, nonsense") == PROXY
    assert address(PROXY, "") == PROXY
    assert address(PROXY, "10.8.0.9") == "10.8.0.9"  # only proxies: the farthest one


def test_ipv4_mapped_addresses_are_the_ipv4_address():
    assert address("::ffff:203.0.113.7") == "203.0.113.7"


def test_a_wrong_trusted_proxy_entry_is_refused():
    with pytest.raises(ImproperlyConfigured, match="nginx"):
        networks(("10.0.0.1", "nginx"))


@pytest.fixture
def guide(guide_index):
    cache.clear()
    yield make_guide(guide_index, title="结婚登记")
    cache.clear()


def feedback(client, guide):
    return client.post(guide.url + "feedback/", {"kind": "useful", "useful-useful": "yes"})


@pytest.mark.django_db
def test_two_clients_behind_one_proxy_have_a_limit_each(guide):
    first = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    for _ in range(FEEDBACK_LIMIT):
        assert feedback(first, guide).status_code == 302
    assert feedback(first, guide).status_code == 429
    second = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert feedback(second, guide).status_code == 302


@pytest.mark.django_db
def test_a_client_that_spoofs_the_header_stays_in_its_own_bucket(guide):
    for number in range(FEEDBACK_LIMIT):
        spoofing = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
        assert feedback(spoofing, guide).status_code == 302
    spoofing = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert feedback(spoofing, guide).status_code == 429
