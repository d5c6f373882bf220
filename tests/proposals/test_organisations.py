"""Proposals and support on behalf of an organisation, as on comments and votes: shown with its name and sector."""

import json

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from participation.services import ResponseRefused
from proposals import services
from proposals.models import Proposal, Support
from tests.participation.conftest import make_citizen

from .conftest import published

pytestmark = pytest.mark.django_db

FORM = {
    "title": "مظلات لمواقف الحافلات في الزرقاء",
    "problem": "ينتظر الركاب تحت الشمس.",
    "solution": "تركيب مظلات.",
    "beneficiaries": "ركاب الحافلات.",
    "send_anyway": "1",
}


def test_a_citizen_submits_on_behalf_of_an_organisation(site_tree, citizen, citizen_client, staff):
    form = {**FORM, "agency": str(site_tree.agency_a.pk), "respondent": "organisation"}
    response = citizen_client.post("/ar/participate/proposals/new/", {**form, "organisation_name": ""})
    assert response.status_code == 400 and not Proposal.objects.exists()
    response = citizen_client.post(
        "/ar/participate/proposals/new/",
        {**form, "organisation_name": 'جمعية <b>"الركاب"</b>', "respondent_sector": "civil_society"},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.organisation_name, proposal.respondent_sector) == ('جمعية <b>"الركاب"</b>', "civil_society")
    services.publish(proposal, staff.moderator_a)
    html = Client().get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert "Proposed on behalf of:" in html and "&lt;b&gt;&quot;الركاب&quot;&lt;/b&gt;" in html
    assert "Civil-society organisation" in html and '<b>"الركاب"</b>' not in html
    data = json.loads(b"".join(Client().get("/ar/proposals/open-data.json").streaming_content))
    assert data[0]["organisation_name"] == 'جمعية <b>"الركاب"</b>' and data[0]["organisation_sector"] == "civil_society"


def test_a_citizen_supports_on_behalf_of_an_organisation(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    supporter = make_citizen("orgfan")
    client = Client()
    client.force_login(supporter)
    page = client.get(f"/ar/proposals/{proposal.pk}/").content.decode()
    assert 'name="organisation_name"' in page and 'value="organisation"' in page
    url = f"/ar/participate/proposals/{proposal.pk}/support/"
    response = client.post(url, {"respondent": "organisation", "organisation_name": "غرفة تجارة إربد"})
    assert response.status_code == 400 and not Support.objects.exists()  # the sector is missing
    response = client.post(
        url, {"respondent": "organisation", "organisation_name": "غرفة تجارة إربد", "respondent_sector": "private"}
    )
    assert response.status_code == 302
    row = Support.objects.get()
    assert (row.organisation_name, row.respondent_sector) == ("غرفة تجارة إربد", "private")
    proposal.refresh_from_db()
    assert proposal.supporters_count == 1  # one person, one support, whoever they support for
    html = Client().get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert "Organisations that support it" in html and "غرفة تجارة إربد" in html and "Private sector" in html


def test_services_and_database_refuse_half_an_organisation(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    with pytest.raises(ResponseRefused):
        services.support(proposal, make_citizen("half"), organisation_name="جمعية")
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(organisation_name="جمعية", respondent_sector="")
