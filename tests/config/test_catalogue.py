"""The Arabic catalogues are complete: no interface string reaches an Arabic page in English."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUES = sorted(LOCALE.glob("**/ar/LC_MESSAGES/django.po"))


def test_the_project_has_an_arabic_catalogue():
    assert LOCALE / "ar" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_every_string_is_translated_and_none_is_fuzzy(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if not entry.obsolete and "fuzzy" in entry.flags]
    assert missing == [], f"untranslated in {path.name}: {missing[:10]}"
    assert fuzzy == [], f"fuzzy in {path.name}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_the_compiled_catalogue_is_not_older_than_its_source(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run compilemessages"
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(path)) if e.translated()}
    binary = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(compiled)) if e.msgid}
    assert source.keys() <= binary.keys(), "the .mo lacks strings of the .po: run compilemessages"
