"""The similar-proposals JSON and the attached files answer only GET and HEAD: other methods get 405."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from proposals import services

from .test_attachments import PDF, private_root  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_similar_json_answers_only_get_and_head(site_tree, citizen_client):
    url = "/ar/participate/proposals/similar.json?title=" + "النقل"
    assert citizen_client.get(url).status_code == 200
    assert citizen_client.head(url).status_code == 200
    for method in ("post", "put", "options", "delete", "patch"):
        assert getattr(citizen_client, method)(url).status_code == 405, method


def test_an_attachment_answers_only_get_and_head(site_tree, citizen, citizen_client, private_root):  # noqa: F811
    proposal = services.submit_proposal(
        citizen,
        title="صيانة الأرصفة",
        problem="م",
        solution="ح",
        beneficiaries="ن",
        language="ar",
        attachments=[SimpleUploadedFile("تقرير.pdf", PDF)],
    )
    url = f"/ar/participate/proposals/{proposal.pk}/files/{proposal.attachments.get().pk}/"
    assert citizen_client.get(url).status_code == 200
    assert citizen_client.head(url).status_code == 200
    for method in ("post", "put", "options", "delete", "patch"):
        assert getattr(citizen_client, method)(url).status_code == 405, method
