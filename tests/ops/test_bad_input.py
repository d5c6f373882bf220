"""Bad input answers 4xx in the page's language, never 500; error pages match the site; the API answers JSON.

Each case was a 500, an English page on an Arabic address, an empty body or a 200 with the full page
(issue 8, part 5). NUL bytes are refused before the database sees them: PostgreSQL refuses NUL in
text, so on SQLite (the default test database) the same addresses prove the refusal, not the crash.
"""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django.views import defaults

from participation.models import Ballot, Comment
from tests.participation.conftest import (  # noqa: F401
    citizen,
    citizen_client,
    consultation,
    consultation_en,
    poll_options,
)
from tests.transparency.conftest import conclude

LANGUAGES = ["ar", "en"]
HOME_LINK = {"ar": "الانتقال إلى الصفحة الرئيسية", "en": "Go to the home page"}


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def assert_page(response, status, language, heading):
    """The site's page (its header and stylesheet), in `language`, with the heading for this error."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert 'class="site-header"' in html
    assert "css/tawasul.css" in html
    with translation.override(language):
        assert escape(gettext(heading)) in html
    assert HOME_LINK[language] in html
    other = "en" if language == "ar" else "ar"
    assert HOME_LINK[other] not in html


def assert_json(response, status):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["message"]
    return body


# 400: input that cannot be read ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_superscript_digit_as_agency_id_is_not_found(site_tree, client, language):
    """'²'.isdigit() is True but int('²') fails: this was a 500."""
    response = client.get(f"/{language}/statistics/²/")
    assert_page(response, 404, language, "Page not found")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_agency_statistics_by_id_still_work(site_tree, client, language):
    response = client.get(f"/{language}/statistics/{site_tree.agency_a.pk}/")
    assert response.status_code == 200
    assert site_tree.agency_a.title in response.content.decode()


NUL_ADDRESSES = [
    "/{language}/statistics/%00/",
    "/{language}/%00/",
    "/{language}/agencies/mo%00dee/",
    "/{language}/statistics/?agency=%00",
    "/{language}/?q=a%00b",
    "/{language}/open-data/?x=%2500%00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_nul_byte_in_address_is_refused_in_the_page_language(site_tree, client, language):
    for address in NUL_ADDRESSES:
        response = client.get(address.format(language=language))
        assert_page(response, 400, language, "The request could not be read")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_nul_byte_in_a_comment_is_refused_and_nothing_is_stored(consultation, citizen_client, language):  # noqa: F811
    url = f"/{language}/participate/{consultation.pk}/comment/ask-post/"
    response = citizen_client.post(url, {"body": "رأيي في المادة\x00 الخامسة"})
    assert_page(response, 400, language, "The request could not be read")
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_nul_byte_in_a_multipart_form_field_name_is_refused(consultation, citizen_client, language):  # noqa: F811
    url = f"/{language}/participate/{consultation.pk}/comment/ask-post/"
    response = citizen_client.post(url, {"body": "رأي", "x\x00": "1"})
    assert_page(response, 400, language, "The request could not be read")
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("charset", ["latin-1", "no-such-charset"])
def test_form_in_another_charset_is_refused_in_the_page_language(
    consultation,  # noqa: F811
    citizen_client,  # noqa: F811
    language,
    charset,
):
    """Django refused these with its English 400 page (urlencoded) or decoded them wrongly (multipart)."""
    url = f"/{language}/participate/{consultation.pk}/comment/ask-post/"
    # generic() sends the bytes as they are (post() would encode them in the declared charset).
    response = citizen_client.generic(
        "POST", url, b"body=r%E9sum%E9", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert_page(response, 400, language, "The request could not be read")
    multipart = citizen_client.generic(
        "POST",
        url,
        encode_multipart(BOUNDARY, {"body": "résumé"}),
        content_type=f"{MULTIPART_CONTENT}; charset={charset}",
    )
    assert_page(multipart, 400, language, "The request could not be read")
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_form_declared_utf8_is_accepted(consultation, citizen_client, charset):  # noqa: F811
    url = f"/ar/participate/{consultation.pk}/comment/ask-post/"
    response = citizen_client.post(
        url, "body=%D8%B1%D8%A3%D9%8A", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code == 302
    assert Comment.objects.get().body == "رأي"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_request_page_is_in_the_page_language(site_tree, settings, language):
    """Django's own 400 (SuspiciousOperation, here too many form fields) draws the site's page."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    response = Client().post(
        f"/{language}/accounts/login/", "a=1&b=2&c=3&d=4&e=5", content_type="application/x-www-form-urlencoded"
    )
    assert_page(response, 400, language, "The request could not be read")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_host_gets_the_site_400_page(site_tree, settings, language):
    """Django's own 400 (DisallowedHost), rendered by its handler with templates/400.html."""
    settings.ALLOWED_HOSTS = ["localhost"]
    response = Client(HTTP_HOST="evil.example", raise_request_exception=False).get(f"/{language}/")
    assert_page(response, 400, language, "The request could not be read")


# 403: CSRF and permission ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_csrf_failure_page_is_in_the_page_language(consultation, citizen, language):  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(f"/{language}/participate/{consultation.pk}/comment/ask-post/", {"body": "رأي"})
    assert_page(response, 403, language, "Your form could not be sent")
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_permission_denied_page_is_in_the_page_language(site_tree, language):
    request = RequestFactory().get(f"/{language}/")
    request.user = AnonymousUser()
    with translation.override(language):
        response = defaults.permission_denied(request, PermissionDenied())
    assert_page(response, 403, language, "You cannot open this page")


# 405: pages, reports and files answer GET and HEAD only -------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_answer_only_get_and_head(consultation, request, client, language):  # noqa: F811
    """PUT, DELETE and PATCH answered 200 with the whole page."""
    page = consultation if language == "ar" else request.getfixturevalue("consultation_en")
    url = page.url
    assert url.startswith(f"/{language}/")
    for method in ["PUT", "DELETE", "PATCH", "POST", "OPTIONS"]:
        response = client.generic(method, url)
        assert_page(response, 405, language, "This address does not accept this request")
        assert response["Allow"] == "GET, HEAD"
    assert client.head(url).status_code == 200
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_refuses_put(site_tree, client, language):
    response = client.generic("PUT", f"/{language}/", "x=1")
    assert_page(response, 405, language, "This address does not accept this request")


READ_ONLY_ADDRESSES = [
    "/{language}/consultations/{pk}/report/",
    "/{language}/consultations/{pk}/report.pdf",
    "/{language}/consultations/{pk}/comments.csv",
    "/{language}/consultations/{pk}/comments.json",
    "/{language}/consultations/{pk}/polls.csv",
    "/{language}/consultations/{pk}/polls.json",
    "/{language}/open-data/",
    "/{language}/open-data/consultations.csv",
    "/{language}/open-data/consultations.json",
    "/{language}/statistics/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_reports_and_files_answer_only_get_and_head(consultation, client, language):  # noqa: F811
    conclude(consultation)
    for address in READ_ONLY_ADDRESSES:
        url = address.format(language=language, pk=consultation.pk)
        for method in ["PUT", "DELETE", "PATCH", "POST"]:
            response = client.generic(method, url)
            assert_page(response, 405, language, "This address does not accept this request")
            assert "GET" in response["Allow"] and method not in response["Allow"], url


@pytest.mark.django_db
def test_the_report_itself_still_answers_get(consultation, client):  # noqa: F811
    conclude(consultation)
    assert client.get(f"/ar/consultations/{consultation.pk}/report/").status_code == 200
    assert client.head(f"/ar/consultations/{consultation.pk}/comments.csv").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_get_on_a_form_action_has_a_page(consultation, client, language):  # noqa: F811
    """require_POST's 405 had an empty body."""
    response = client.get(f"/{language}/participate/{consultation.pk}/comment/ask-post/")
    assert_page(response, 405, language, "This address does not accept this request")
    assert response["Allow"] == "POST"


@pytest.mark.django_db
def test_documents_answer_only_get_and_head(site_tree):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post("/documents/1/report.pdf")
    assert_page(response, 405, "en", "This address does not accept this request")


# 429 --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_too_many_comments_page_is_in_the_page_language(consultation, citizen_client, settings, language):  # noqa: F811
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "comment": "1/h/user"}
    url = f"/{language}/participate/{consultation.pk}/comment/ask-post/"
    assert citizen_client.post(url, {"body": "الأول"}).status_code == 302
    response = citizen_client.post(url, {"body": "الثاني"})
    assert_page(response, 429, language, "Too many attempts")
    assert Comment.objects.count() == 1


# 500 --------------------------------------------------------------------------------------


def test_server_error_page_needs_no_database_and_speaks_both_languages():
    """Rendered by Django without a request; no `db` fixture, so any query would fail this test."""
    response = defaults.server_error(RequestFactory().get("/ar/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in html
    assert "عذراً، حدث خطأ في الخدمة" in html
    assert '<div class="narrow" lang="en" dir="ltr">' in html
    assert "Sorry, there is a problem with the service" in html
    assert "css/tawasul.css" in html


# The API answers JSON ---------------------------------------------------------------------


@pytest.mark.django_db
def test_api_search_with_nul_is_a_json_400(site_tree, client):
    assert_json(client.get("/api/v2/pages/?search=%00"), 400)
    assert_json(client.get("/api/v2/pages/?type=pages.AgencyPage&title=a%00"), 400)


@pytest.mark.django_db
def test_api_search_still_works(site_tree, client):
    response = client.get("/api/v2/pages/?search=" + "وزارة")
    assert response.status_code == 200


@pytest.mark.django_db
def test_unknown_api_address_is_a_json_404_not_a_redirect_to_html(site_tree, client):
    for address in ["/api/v2/no-such-endpoint/", "/api/v3/pages/", "/api/nothing"]:
        response = client.get(address)
        assert response.status_code == 404, (address, response.get("Location"))
        assert_json(response, 404)


@pytest.mark.django_db
def test_unknown_api_page_is_a_json_404(site_tree, client):
    assert_json(client.get("/api/v2/pages/987654/"), 404)


@pytest.mark.django_db
def test_api_refuses_writes_with_json(site_tree, client):
    for method in ["POST", "PUT", "DELETE"]:
        assert_json(client.generic(method, "/api/v2/pages/"), 405)


@pytest.mark.django_db
@pytest.mark.parametrize(("accept", "language"), [("en", "en"), ("ar", "ar"), ("", "ar")])
def test_api_errors_follow_the_reader_language(site_tree, accept, language):
    body = assert_json(Client(HTTP_ACCEPT_LANGUAGE=accept).get("/api/v2/no-such-endpoint/"), 404)
    with translation.override(language):
        assert body["message"] == gettext("There is nothing at this address.")


@pytest.mark.django_db
def test_api_crash_is_a_json_500(site_tree, monkeypatch):
    from transparency.api import PublicPagesAPIViewSet

    def crash(self, request):
        raise RuntimeError("boom")

    monkeypatch.setattr(PublicPagesAPIViewSet, "listing_view", crash)
    response = Client(raise_request_exception=False).get("/api/v2/pages/")
    assert_json(response, 500)
    assert "boom" not in response.content.decode()


@pytest.mark.django_db
def test_votes_with_nul_option_are_refused(consultation, citizen_client, poll_options):  # noqa: F811
    url = f"/ar/participate/{consultation.pk}/vote/poll-1/"
    response = citizen_client.post(url, {"option": poll_options[0] + "\x00"})
    assert_page(response, 400, "ar", "The request could not be read")
    assert not Ballot.objects.exists()
