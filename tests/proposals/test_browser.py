"""A citizen supports a proposal in Arabic in a real browser, without JavaScript-only controls; axe-clean."""

import pytest

from tests.browser.conftest import browser_page, chromium, chromium_path, demo_site  # noqa: F401
from tests.browser.test_accessibility import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page, url):
    problems = check(page, url, "ar")
    assert not problems, f"axe-core found serious or critical violations on {url}:\n{problems}"


@pytest.fixture
def collecting(demo_site):  # noqa: F811
    from proposals.demo import PROPOSALS
    from proposals.models import Proposal

    title = next(item["title"] for item in PROPOSALS if item["key"] == "collecting-inclusion")
    proposal = Proposal.objects.get(title=title)
    return proposal.pk, proposal.supporters_count


def test_citizen_supports_a_proposal_in_arabic(chromium_path, collecting, browser_page, demo_site):  # noqa: F811
    page = browser_page
    pk, before = collecting
    url = f"{demo_site.url}/ar/proposals/{pk}/"
    assert_accessible(page, f"{demo_site.url}/ar/proposals/")
    # Anonymous pages may be kept by the browser for a minute (Cache-Control: public): another address.
    assert_accessible(page, url + "?visit=anonymous")
    assert page.locator("form[action$='/support/']").count() == 0  # anonymous: a sign-in link, no form

    page.context.add_cookies([{**demo_site.citizen_cookie, "url": demo_site.url}])
    assert_accessible(page, url)
    page.locator("form[action$='/support/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("form[action$='/withdraw/']").count() == 1
    assert f"{before + 1}" in page.locator(".proposal__count").inner_text()
    assert page.locator("progress.proposal__progress").get_attribute("value") == str(before + 1)
    assert_accessible(page, page.url.split("#")[0])


def test_similar_proposals_appear_while_the_title_is_typed(chromium_path, browser_page, demo_site):  # noqa: F811
    page = browser_page
    page.context.add_cookies([{**demo_site.citizen_cookie, "url": demo_site.url}])
    url = f"{demo_site.url}/ar/participate/proposals/new/"
    assert_accessible(page, url)
    page.fill("#id_title", "اشراك كبار السن في تصميم الخدمات الرقميه")  # no hamza, haa for taa marbuta
    live = page.locator("[data-similar-live] a")
    live.first.wait_for(timeout=5000)
    assert "إشراك النساء وكبار السن" in live.first.inner_text()
    assert live.first.get_attribute("lang") == "ar"
    assert page.locator("[data-similar-seen]").input_value() == "اشراك كبار السن في تصميم الخدمات الرقميه"
    assert_accessible(page, page.url)
