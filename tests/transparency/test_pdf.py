"""The outcome report as PDF (WeasyPrint), and what happens where WeasyPrint cannot run."""

import io
import sys
import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import publish_directly
from transparency.models import Decision, Disposition

from .conftest import add_comment, add_vote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored PDFs go to a folder of their own per test (transparency.tasks stores them in the media)."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(name, page, language="ar"):
    with translation.override(language):
        return reverse(name, args=[page.pk])


def pdf_text(content):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Arabic may come out as presentation forms (shaped glyphs): normalise before comparing.
    return unicodedata.normalize("NFKC", text), reader


def require_weasyprint():
    from transparency.pdf import load_weasyprint

    weasyprint = load_weasyprint()
    if weasyprint is None:
        pytest.skip("WeasyPrint or its system libraries (Pango) are not installed")
    return weasyprint


def squash(text):
    return "".join(text.split())


def test_pdf_contains_the_arabic_title_and_the_decisions(client, concluded, make_people):
    require_weasyprint()
    concluded.title = "مشروع نظام المشاركة الإلكترونية"
    publish_directly(concluded)
    (author,) = make_people(1)
    comment = add_comment(concluded, author, "أقترح تبسيط الإجراءات", block_id="art-5")
    add_vote(concluded, author, ["opt-for"])
    Disposition.objects.create(comment=comment, decision=Decision.ACCEPTED, reason="عدّلنا المادة الخامسة")

    response = client.get(url("transparency_report_pdf", concluded))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content)  # a stored file, streamed
    assert content.startswith(b"%PDF")
    text, reader = pdf_text(content)
    assert "مشروع نظام المشاركة الإلكترونية" in text
    assert squash("عدّلنا المادة الخامسة") in squash(text)
    assert squash("أقترح تبسيط الإجراءات") in squash(text)
    assert author.email not in text
    assert len(reader.pages) >= 1


def test_english_pdf_has_the_english_title(client, concluded, consultation_en):
    require_weasyprint()
    response = client.get(url("transparency_report_pdf", consultation_en, "en"))
    assert response.status_code == 200
    text, _reader = pdf_text(b"".join(response.streaming_content))
    assert "Draft e-participation law" in text


def test_pdf_only_for_concluded_consultations(client, consultation):
    assert client.get(url("transparency_report_pdf", consultation)).status_code == 404


def test_without_weasyprint_the_report_explains_what_to_install(client, concluded, consultation_en, monkeypatch):
    # `import weasyprint` raises ImportError while sys.modules holds None for it,
    # as it does (or raises OSError) where the package or Pango is missing.
    monkeypatch.setitem(sys.modules, "weasyprint", None)

    html = client.get(url("transparency_report", consultation_en, "en")).content.decode()
    assert 'id="pdf-unavailable"' in html
    assert "pip install weasyprint" in html and "libpango" in html
    assert url("transparency_report_pdf", consultation_en, "en") not in html

    response = client.get(url("transparency_report_pdf", consultation_en, "en"))
    assert response.status_code == 503
    body = response.content.decode()
    assert "pip install weasyprint" in body and "libpango" in body
    assert url("transparency_report", consultation_en, "en") in body


def test_with_weasyprint_the_report_links_the_pdf(client, concluded):
    require_weasyprint()
    html = client.get(url("transparency_report", concluded)).content.decode()
    assert url("transparency_report_pdf", concluded) in html
    assert 'id="pdf-unavailable"' not in html


def test_pdf_fetches_nothing_from_other_hosts(concluded):
    weasyprint = require_weasyprint()
    from transparency.pdf import make_fetcher

    fetcher = make_fetcher(weasyprint)
    with pytest.raises(ValueError):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://testserver/media/../../etc/passwd")
    response = fetcher.fetch("http://testserver/static/transparency/report.css")
    assert b"@media print" in response.read()


def test_missing_system_libraries_are_explained(monkeypatch):
    """WeasyPrint raises OSError at import where Pango is missing; that is explained, not a crash."""
    import builtins

    from transparency.pdf import load_weasyprint, weasyprint_problem

    real_import = builtins.__import__

    def without_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pango)
    assert load_weasyprint() is None
    with translation.override("en"):
        assert "apt-get install libpango-1.0-0" in weasyprint_problem()


# Made by the task worker, stored, and served as a file ----------------------------------------------


def stored_pdfs(media_root):
    folder = media_root / "transparency" / "reports"
    return sorted(path.name for path in folder.glob("*.pdf")) if folder.exists() else []


class EnqueueRecorder:
    """Stands for the task: records what would be enqueued, runs nothing (as while the worker is busy)."""

    def __init__(self, calls):
        self.calls = calls

    def enqueue(self, *args):
        self.calls.append(args)


def test_pdf_is_stored_once_and_served_from_storage(client, concluded, media_root, monkeypatch):
    require_weasyprint()
    from transparency import tasks

    first = client.get(url("transparency_report_pdf", concluded))
    assert first.status_code == 200 and first["ETag"]
    b"".join(first.streaming_content)
    (name,) = stored_pdfs(media_root)
    assert name.startswith(f"{concluded.pk}-ar-")

    # Served from storage: WeasyPrint is not run again.
    monkeypatch.setattr(tasks, "_render", lambda *args: pytest.fail("rendered again"))
    again = client.get(url("transparency_report_pdf", concluded))
    assert b"".join(again.streaming_content).startswith(b"%PDF")
    assert client.get(url("transparency_report_pdf", concluded), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_new_decision_makes_a_new_pdf_and_removes_the_old(client, concluded, media_root, make_people):
    require_weasyprint()
    (author,) = make_people(1)
    comment = add_comment(concluded, author, "اقتراح للتعديل")
    first = client.get(url("transparency_report_pdf", concluded))
    b"".join(first.streaming_content)
    (old,) = stored_pdfs(media_root)

    Disposition.objects.create(comment=comment, decision=Decision.ACCEPTED, reason="قرار جديد في التقرير")
    fresh = client.get(url("transparency_report_pdf", concluded), HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]
    text, _reader = pdf_text(b"".join(fresh.streaming_content))
    assert squash("قرار جديد في التقرير") in squash(text)
    (new,) = stored_pdfs(media_root)
    assert new != old


def test_while_the_worker_prepares_it_the_link_says_so(client, concluded, media_root, monkeypatch):
    require_weasyprint()
    from transparency import tasks

    enqueued = []
    monkeypatch.setattr(tasks, "render_report_pdf", EnqueueRecorder(enqueued))
    html = client.get(url("transparency_report", concluded)).content.decode()
    assert 'id="pdf-preparing"' in html
    assert url("transparency_report_pdf", concluded) in html

    response = client.get(url("transparency_report_pdf", concluded))
    assert response.status_code == 202
    assert response["Retry-After"]
    assert 'id="pdf-preparing"' in response.content.decode()
    assert enqueued == [(concluded.pk, "ar")]
    client.get(url("transparency_report_pdf", concluded))
    assert len(enqueued) == 1, "asked twice, enqueued once"

    # The worker runs the task: now the report links the file and the file is served.
    tasks.store_report_pdf(concluded, "ar")
    html = client.get(url("transparency_report", concluded)).content.decode()
    assert 'id="pdf-preparing"' not in html
    assert client.get(url("transparency_report_pdf", concluded)).status_code == 200


def test_a_decision_enqueues_the_pdfs_after_commit(
    concluded, make_people, monkeypatch, django_capture_on_commit_callbacks
):
    from transparency import tasks

    (author,) = make_people(1)
    comment = add_comment(concluded, author, "ملاحظة")
    enqueued = []
    monkeypatch.setattr(tasks, "render_report_pdf", EnqueueRecorder(enqueued))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Disposition.objects.create(comment=comment, decision=Decision.NOTED, reason="سجلنا الملاحظة")
    assert enqueued == []  # nothing before the commit
    for callback in callbacks:
        callback()
    pages = {pk for pk, _language in enqueued}
    assert concluded.pk in pages and len(pages) == 2  # both language versions
    assert {language for _pk, language in enqueued} == {"ar", "en"}


def test_a_failed_rendering_is_explained_not_retried_in_every_request(client, concluded, media_root, monkeypatch):
    require_weasyprint()
    from transparency import tasks

    def broken(*args):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(tasks, "_render", broken)
    response = client.get(url("transparency_report_pdf", concluded))
    assert response.status_code == 503
    assert "libpango" in response.content.decode()
    assert stored_pdfs(media_root) == []
