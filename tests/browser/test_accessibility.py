"""The public pages pass axe-core's WCAG 2.2 AA checks in both languages, in a real browser.

Each page is loaded by Chromium from the live server, with the real stylesheet
and Content-Security-Policy, so colour contrast, focus order and the language
and direction of the document are checked as citizens get them.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}
DIRECTION = {"ar": "rtl", "en": "ltr"}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:10]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {summary[-1].strip() if summary else ''}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def check(page, url, language):
    """Load `url` and return (its serious or critical axe violations, described)."""
    from axe_playwright_python.sync_playwright import Axe

    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"

    html = page.locator("html")
    assert html.get_attribute("lang") == language, url
    assert html.get_attribute("dir") == DIRECTION[language], url

    # The stylesheet loaded (contrast is checked against it), and nothing broke the CSP.
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute", url
    assert not page.csp_errors, "\n".join(page.csp_errors)

    results = Axe().run(page, options=AXE_OPTIONS)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    return describe(blocking) if blocking else ""


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("kind", ["home", "consultation", "rules", "consultations", "outcome report", "open data"])
def test_page_has_no_serious_accessibility_violations(browser_page, demo_site, kind, language):
    url = demo_site.url + demo_site.paths[kind, language]
    problems = check(browser_page, url, language)
    assert not problems, f"axe-core found serious or critical violations on {url}:\n{problems}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_open_consultations_signed_in_have_no_serious_accessibility_violations(browser_page, demo_site, language):
    """Signed in, the consultations show their forms: comments, replies and polls."""
    browser_page.context.add_cookies([{**demo_site.citizen_cookie, "url": demo_site.url}])
    problems = {}
    for path in demo_site.paths["open consultations", language]:
        url = demo_site.url + path
        found = check(browser_page, url, language)
        assert browser_page.locator("form.comment-form, form.poll__form").count(), f"no response form on {url}"
        if found:
            problems[url] = found
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(
        f"{url}:\n{found}" for url, found in problems.items()
    )
