"""Atom feeds of proposals: all, and per entity, in each language; only public proposals; valid and stable."""

import pytest
from django.test import Client

from proposals import services
from tests.reach.test_feeds import ATOM, parse_atom

from .conftest import published, submit

pytestmark = pytest.mark.django_db


def test_proposals_feed_lists_public_proposals_in_both_languages(site_tree, citizen, staff):
    public = published(citizen, site_tree.agency_a, staff.moderator_a, title='نقل عام <b>"أفضل"</b> & أرخص')
    english = published(citizen, site_tree.agency_b, staff.moderator_b, title="Shaded bus stops", language="en")
    submit(citizen, site_tree.agency_a, title="مقترح ينتظر")
    services.reject(submit(citizen, site_tree.agency_a, title="مقترح مرفوض"), staff.moderator_a, "spam")
    client = Client()
    feed, entries = parse_atom(client.get("/ar/feeds/proposals.atom"))
    assert set(entries) == {public.title, english.title}
    entry = entries[public.title]
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").endswith(f"/ar/proposals/{public.pk}/")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == site_tree.agency_a.title
    _feed, en_entries = parse_atom(client.get("/en/feeds/proposals.atom"))
    assert (
        en_entries[public.title]
        .find(f"{ATOM}link[@rel='alternate']")
        .get("href")
        .endswith(f"/en/proposals/{public.pk}/")
    )
    assert en_entries[public.title].findtext(f"{ATOM}id") != entry.findtext(f"{ATOM}id")
    # The list advertises it.
    html = client.get("/ar/proposals/").content.decode()
    assert 'type="application/atom+xml" href="/ar/feeds/proposals.atom"' in html


def test_agency_proposals_feed(site_tree, citizen, staff):
    mine = published(citizen, site_tree.agency_a, staff.moderator_a, title="مقترح للوزارة")
    published(citizen, site_tree.agency_b, staff.moderator_b, title="مقترح للديوان")
    client = Client()
    feed, entries = parse_atom(client.get(f"/ar/feeds/agencies/{site_tree.agency_a.slug}/proposals.atom"))
    assert set(entries) == {mine.title}
    assert site_tree.agency_a.title in feed.findtext(f"{ATOM}title")
    assert client.get("/ar/feeds/agencies/no-such-entity/proposals.atom").status_code == 404
    html = client.get(f"/ar/proposals/?agency={site_tree.agency_a.pk}").content.decode()
    assert f"/ar/feeds/agencies/{site_tree.agency_a.slug}/proposals.atom" in html


def test_feed_queries_do_not_grow(site_tree, citizen, staff, django_assert_max_num_queries):
    for number in range(8):
        published(
            citizen,
            site_tree.agency_a if number % 2 else site_tree.agency_b,
            staff.moderator_a if number % 2 else staff.moderator_b,
            title=f"مقترح رقم {number}",
        )
    with django_assert_max_num_queries(6):
        parse_atom(Client().get("/ar/feeds/proposals.atom"))
