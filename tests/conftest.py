"""Shared fixtures: a small bilingual site with two agencies and the four roles."""

from types import SimpleNamespace

import pytest
from django.test import Client
from wagtail.models import Locale, Page, Site

from guidelines.models import GuidelineIndexPage
from pages.models import AgencyIndexPage, HomePage
from pages.publishing import direct_publishing
from pages.roles import REVIEWERS_GROUP, setup_roles
from participation.models import ConsultationIndexPage

from .factories import AgencyPageFactory, UserFactory, add_page, translate_page


@pytest.fixture(autouse=True)
def _mail_through_outbox(settings):
    """Every e-mail goes through the outbox (ops.outbox) as in production. pytest-django swaps
    EMAIL_BACKEND for locmem, which would skip it; test settings deliver outbox rows at once into
    Django's locmem outbox, so tests still read the real message in `mail.outbox`."""
    settings.EMAIL_BACKEND = "ops.outbox.OutboxBackend"


@pytest.fixture
def locales(db):
    return SimpleNamespace(
        # get_or_create: a transactional test before this one may have flushed the migrations' rows.
        ar=Locale.objects.get_or_create(language_code="ar")[0],
        en=Locale.objects.get_or_create(language_code="en")[0],
    )


@pytest.fixture
def site_tree(locales):
    """Root → home (ar, en) → agencies (two agencies), consultations, guidelines."""
    # A transactional test before this one may have flushed the tree that the migrations made.
    root = Page.get_first_root_node()
    if root is None:
        with direct_publishing():  # the tree's root, as Wagtail's migration makes it
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales.ar))
    Page.objects.filter(depth=2).exclude(locale=None).delete()
    home = HomePage(title="تواصل", slug="home", intro="شارك في صنع القرار.", locale=locales.ar)
    add_page(root, home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    agencies = add_page(home, AgencyIndexPage(title="الجهات الحكومية", slug="agencies", show_in_menus=True))
    consultations = add_page(home, ConsultationIndexPage(title="المشاورات", slug="consultations", show_in_menus=True))
    guidelines = add_page(home, GuidelineIndexPage(title="الأدلة والقواعد", slug="guidelines"))
    agency_a = add_page(agencies, AgencyPageFactory(title="وزارة الاقتصاد الرقمي والريادة", slug="modee"))
    agency_b = add_page(agencies, AgencyPageFactory(title="ديوان التشريع والرأي", slug="lob"))
    home_en = translate_page(home, title="Tawasul", intro="Take part in decision-making.")
    setup_roles()
    for agency in (agency_a, agency_b):
        agency.refresh_from_db()
    return SimpleNamespace(
        root=root,
        home=home,
        home_en=home_en,
        agencies=agencies,
        consultations=consultations,
        guidelines=guidelines,
        agency_a=agency_a,
        agency_b=agency_b,
    )


@pytest.fixture
def users(site_tree):
    from django.contrib.auth.models import Group

    reviewers = Group.objects.get(name=REVIEWERS_GROUP)
    return SimpleNamespace(
        reviewer=UserFactory(username="reviewer", groups=[reviewers]),
        reviewer2=UserFactory(username="reviewer2", groups=[reviewers]),
        editor=UserFactory(username="editor", groups=[site_tree.agency_a.editors_group]),
        editor2=UserFactory(username="editor2", groups=[site_tree.agency_b.editors_group]),
        citizen=UserFactory(username="citizen"),
    )


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
