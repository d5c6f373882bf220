"""Optional documents and images: type read from the content, size limits, images re-encoded, private storage
served only once the proposal is public (before that, to its author and the staff who handle it)."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from proposals import services
from proposals.models import Proposal, ProposalAttachment

from .test_admin import client_for

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PROPOSAL_ATTACHMENTS_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def jpeg_with_location():
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0110] = "PhoneModel"  # Model
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def form(site_tree, **files):
    return {
        "title": "صيانة الأرصفة في شارع الجامعة",
        "problem": "الأرصفة مكسورة.",
        "solution": "صيانتها.",
        "beneficiaries": "المشاة.",
        "agency": "portal",
        **files,
    }


def stored_files(root):
    return [name for _dirs, _sub, names in os.walk(root) for name in names]


def test_files_are_checked_stored_privately_and_served_after_publication(
    site_tree, citizen, citizen_client, staff, private_root, settings
):
    photo = SimpleUploadedFile("../../etc/صورة الرصيف.JPG", jpeg_with_location(), content_type="text/html")
    document = SimpleUploadedFile("تقرير.pdf", PDF, content_type="application/octet-stream")
    response = citizen_client.post("/ar/participate/proposals/new/", form(site_tree, attachments=[photo, document]))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    image, pdf = proposal.attachments.order_by("kind")[1], proposal.attachments.order_by("kind")[0]
    assert (image.kind, image.content_type, image.name) == ("image", "image/jpeg", "صورة الرصيف.jpg")
    assert (pdf.kind, pdf.content_type, pdf.name) == ("document", "application/pdf", "تقرير.pdf")
    assert len(stored_files(private_root)) == 2
    assert not str(private_root).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        _address = image.file.url  # no public address
    reencoded = Image.open(image.file.path)
    assert reencoded.size == (64, 48) and not reencoded.getexif()  # camera and location dropped
    image_url = f"/ar/participate/proposals/{proposal.pk}/files/{image.pk}/"
    pdf_url = f"/ar/participate/proposals/{proposal.pk}/files/{pdf.pk}/"
    # Before publication: the author and the entity's moderator, nobody else.
    assert Client().get(image_url).status_code == 404
    assert client_for(staff.moderator_b).get(image_url).status_code == 404
    assert client_for(staff.reviewer).get(image_url).status_code == 200  # sent to the portal: reviewers route it
    services.route(proposal, staff.reviewer, site_tree.agency_a)
    assert client_for(staff.moderator_a).get(image_url).status_code == 200
    assert citizen_client.get(pdf_url).status_code == 200
    services.publish(proposal, staff.moderator_a)
    response = Client().get(image_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "sandbox" in response["Content-Security-Policy"] and response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")
    response = Client().get(pdf_url)
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    html = Client().get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert f'src="/en/participate/proposals/{proposal.pk}/files/{image.pk}/"' in html
    assert "Image attached by the author: صورة الرصيف.jpg" in html
    # Another proposal's address does not reach this file.
    assert Client().get(f"/ar/participate/proposals/{proposal.pk + 1}/files/{image.pk}/").status_code == 404


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("page.png", b"<html><script>alert(1)</script></html>", "Attach a PDF document, or a JPEG or PNG image."),
        ("fake.jpg", b"\xff\xd8\xff\xe0 not really a picture", "This image could not be read."),
        (
            "script.pdf",
            PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /JS (x) >>"),
            "contains scripts",
        ),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF", "at most 5 MB per file"),
        ("empty.pdf", b"", "Documents or images"),
    ],
)
def test_unsafe_or_oversized_files_are_refused(site_tree, citizen_client, private_root, name, content, reason):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = citizen_client.post("/en/participate/proposals/new/", form(site_tree, attachments=[upload]))
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not Proposal.objects.exists() and not ProposalAttachment.objects.exists()
    assert stored_files(private_root) == []


def test_at_most_three_files(site_tree, citizen, private_root):
    files = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(4)]
    with pytest.raises(services.ResponseRefused):
        services.submit_proposal(
            citizen, title="ملفات كثيرة", problem="م", solution="ح", beneficiaries="ن", language="ar", attachments=files
        )
    assert not Proposal.objects.exists() and stored_files(private_root) == []
