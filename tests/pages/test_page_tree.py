"""Which page types may live where: the shape of the site editors can build."""

import pytest
from django.urls import reverse

from guidelines.models import GuidelineIndexPage, GuidelinePage, RulesPage
from pages.models import AgencyIndexPage, AgencyPage, ContentPage, HomePage
from participation.models import ConsultationIndexPage, ConsultationPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("child", "allowed_parents"),
    [
        (HomePage, {"Page"}),
        (AgencyIndexPage, {HomePage}),
        (AgencyPage, {AgencyIndexPage}),
        (ConsultationIndexPage, {HomePage}),
        (ConsultationPage, {AgencyPage}),
        (GuidelineIndexPage, {HomePage}),
        (GuidelinePage, {GuidelineIndexPage, AgencyPage}),
        (RulesPage, {GuidelineIndexPage}),
        (ContentPage, {HomePage, ContentPage}),
    ],
)
def test_page_type_parents(child, allowed_parents):
    from wagtail.models import Page

    candidates = [Page, HomePage, AgencyIndexPage, AgencyPage, ConsultationIndexPage, ConsultationPage]
    candidates += [GuidelineIndexPage, GuidelinePage, RulesPage, ContentPage]
    expected = {Page if parent == "Page" else parent for parent in allowed_parents}
    assert {parent for parent in candidates if parent in child.allowed_parent_page_models()} == expected


def test_consultation_cannot_be_added_outside_an_agency(site_tree, users, client_for):
    client = client_for(users.reviewer)
    url = reverse("wagtailadmin_pages:add", args=["participation", "consultationpage", site_tree.consultations.pk])
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert not ConsultationPage.can_create_at(site_tree.consultations)
    assert ConsultationPage.can_create_at(site_tree.agency_a)


def test_consultation_records_its_agency(site_tree):
    from pages.publishing import direct_publishing
    from tests.factories import ConsultationPageFactory, add_page

    page = add_page(site_tree.agency_b, ConsultationPageFactory())
    assert page.agency.pk == site_tree.agency_b.pk

    with direct_publishing():  # a live page moves only in set-up code (pages.publishing)
        page.move(site_tree.agency_a, pos="last-child")
    page.refresh_from_db()
    assert page.agency.pk == site_tree.agency_a.pk
