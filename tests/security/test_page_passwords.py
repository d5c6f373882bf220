"""Threat: guessing a private page's password (issue 9): wrong guesses are rate-limited like failed logins."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.factories import ContentPageFactory, add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_page(site_tree):
    page = add_page(site_tree.home, ContentPageFactory(title="مسودة داخلية", slug="internal-draft"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="the-right-password"
    )
    return page, restriction


def guess(client, page, restriction, password, ip="203.0.113.7"):
    return client.post(
        f"/ar/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=ip,
    )


def test_the_right_password_still_opens_the_page(private_page):
    page, restriction = private_page
    client = Client()
    assert guess(client, page, restriction, "the-right-password").status_code == 302
    assert client.get(page.url).status_code == 200


def test_wrong_guesses_are_throttled_per_page_whoever_guesses(private_page):
    page, restriction = private_page
    codes = [guess(Client(), page, restriction, f"guess-{i}", ip=f"198.51.100.{i}").status_code for i in range(25)]
    assert codes[:5] == [200] * 5  # the form again, with its error
    assert set(codes[5:]) == {429}
    # Even the right password waits, so guessing on cannot confirm a hit.
    client = Client()
    assert guess(client, page, restriction, "the-right-password", ip="192.0.2.1").status_code == 429
    assert "مسودة داخلية" not in client.get(page.url).content.decode()


def test_wrong_guesses_are_throttled_per_address(private_page, site_tree, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "page_password": "3/m/ip,100/5m/key"}
    page, restriction = private_page
    client = Client()
    codes = [guess(client, page, restriction, f"guess-{i}").status_code for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    # Another visitor is not locked out by this one.
    assert guess(Client(), page, restriction, "the-right-password", ip="192.0.2.99").status_code == 302


def test_document_password_guesses_are_throttled_like_a_pages(site_tree):
    """A private document's password form answers (it is the one POST allowed under /documents/), and wrong
    guesses are limited like a page's (config.page_passwords)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Internal")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="the-right-password"
    )
    document = get_document_model().objects.create(
        title="مذكرة", file=ContentFile(b"secret", name="memo.txt"), collection=collection
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    client = Client()
    codes = [
        client.post(url, {"password": f"wrong-{i}", "return_url": document.url}, REMOTE_ADDR="198.51.100.7").status_code
        for i in range(7)
    ]
    assert codes == [200] * 5 + [429] * 2, codes  # the form again five times, then refused unchecked
    # While the document is locked even the right password waits, from any address.
    right = Client().post(
        url, {"password": "the-right-password", "return_url": document.url}, REMOTE_ADDR="198.51.100.99"
    )
    assert right.status_code == 429
