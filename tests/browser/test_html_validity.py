"""Every public page type is valid HTML for the Nu HTML Checker, in both languages, signed out and in.

The pages of the demo site (seed_demo) are rendered with Django's test client and
checked in one run of the checker (npm's `vnu-jar`, run with Debian's Java): it
takes seconds to start, so all files go to a single `java -jar vnu.jar` call.
Without Java or node_modules/vnu-jar (`npm ci`, run by `make test`) the test is
skipped with that reason, unless TAWASUL_REQUIRE_BROWSER=1 (CI), where it fails.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.browser.conftest import _unavailable

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ("ar", "en")


@pytest.fixture
def vnu():
    """The command that runs the Nu HTML Checker; skips (or fails, in CI) before any slow set-up."""
    java = shutil.which("java")
    if java is None:
        _unavailable("Java is not installed, so the Nu HTML Checker cannot run: apt-get install default-jre-headless")
    if not VNU_JAR.is_file():
        _unavailable("The Nu HTML Checker is not installed: run `npm ci` (make test does) to get node_modules/vnu-jar")
    return [java, "-jar", str(VNU_JAR)]


def _path(page):
    return page.get_url_parts()[2]


def _pages(language):
    """(name, path) for every public page type in `language`, from the demo site."""
    from guidelines.models import GuidelineIndexPage, GuidelinePage, RulesPage
    from pages.models import AgencyIndexPage, AgencyPage, ContentPage, HomePage
    from participation.models import ConsultationIndexPage, ConsultationPage

    def first(model, **filters):
        page = model.objects.live().filter(locale__language_code=language, **filters).order_by("path").first()
        assert page is not None, f"seed_demo made no live {model.__name__} in {language}"
        return page

    consultations = ConsultationPage.objects.live().filter(locale__language_code=language).order_by("path")
    paths = [
        ("home", _path(first(HomePage))),
        ("agency index", _path(first(AgencyIndexPage))),
        ("agency", _path(first(AgencyPage))),
        ("consultation index", _path(first(ConsultationIndexPage))),
        ("consultations filtered", _path(first(ConsultationIndexPage)) + "?status=open"),
        ("guideline index", _path(first(GuidelineIndexPage))),
        ("guideline", _path(first(GuidelinePage))),
        ("rules", _path(first(RulesPage))),
        ("content", _path(first(ContentPage))),
        ("statistics", f"/{language}/statistics/"),
        ("agency statistics", f"/{language}/statistics/{first(AgencyPage).pk}/"),
        ("open data", f"/{language}/open-data/"),
        ("login", f"/{language}/accounts/login/"),
        ("signup", f"/{language}/accounts/signup/"),
        ("password reset", f"/{language}/accounts/password/reset/"),
    ]
    kinds = set()
    for consultation in consultations:
        kinds.add(consultation.status)
        paths.append((f"consultation {consultation.slug}", _path(consultation)))
        articles = [block.id for block in consultation.body if block.block_type == "article"]
        if articles:  # an article's comments opened
            paths.append((f"consultation {consultation.slug} article", f"{_path(consultation)}?article={articles[0]}"))
        if consultation.status == "concluded":
            report = f"/{language}/consultations/{consultation.pk}/report/"
            paths.append((f"outcome report {consultation.slug}", report))
    assert {"upcoming", "open", "closed", "concluded"} <= kinds, f"seed_demo lacks a consultation status: {kinds}"
    return paths


def _checked_files(directory):
    """Render every page type, both languages, signed out and signed in; write them to `directory`."""
    visitors = {"signed-out": Client()}
    # A citizen sees the forms; a reviewer also gets Wagtail's user bar on every page.
    for username in ("citizen", "reviewer"):
        visitors[username] = Client()
        visitors[username].force_login(get_user_model().objects.get(username=username))
    files = {}
    for language in LANGUAGES:
        pages = _pages(language)
        signed_in_only = [
            ("my participation", f"/{language}/my-participation/"),
            ("profile", f"/{language}/my-participation/profile/"),
            ("delete account", f"/{language}/my-participation/delete/"),
        ]
        for visitor, client in visitors.items():
            for name, path in pages + (signed_in_only if visitor != "signed-out" else []):
                response = client.get(path, follow=True)
                # Staff cannot delete their account from the public site: their refusal page is checked too.
                expected = 403 if (visitor == "reviewer" and name == "delete account") else 200
                assert response.status_code == expected, f"{path} ({visitor}) answered {response.status_code}"
                assert response["Content-Type"].startswith("text/html"), path
                slug = re.sub(r"[^a-z0-9]+", "-", f"{language} {visitor} {name}".lower()).strip("-")
                target = directory / f"{slug}.html"
                target.write_bytes(response.content)
                files[str(target.resolve())] = f"{path} ({visitor})"
    return files


def _errors(output, files):
    """The checker's errors, one line each, with the page's address, the line and the markup."""
    messages = json.loads(output)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    lines = []
    for message in errors:
        url = message.get("url") or ""
        where = files.get(unquote(urlsplit(url).path), url)
        extract = (message.get("extract") or "").replace("\n", " ")[:160]
        lines.append(f"- {where} line {message.get('lastLine')}: {message['message']}\n    {extract}")
    return lines


def test_every_public_page_type_is_valid_html(vnu, tmp_path):
    call_command("seed_demo", verbosity=0)
    files = _checked_files(tmp_path)
    assert len(files) >= 2 * 3 * 20, f"too few pages rendered: {len(files)}"

    command = [*vnu, "--format", "json", "--exit-zero-always", *sorted(files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.stderr.strip(), f"the checker wrote nothing: {result.stdout}"
    errors = _errors(result.stderr, files)
    assert not errors, f"The Nu HTML Checker found {len(errors)} errors:\n" + "\n".join(errors)
