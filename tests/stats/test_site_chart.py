"""The site-wide "who takes part" chart beside the agencies' tables (issue 9, complementary suppression).

A small agency whose breakdown is withheld (fewer than five people) is hidden in every column, so the
site-wide cell of a governorate that the other agencies show could give its people away by subtraction,
and is hidden. But when people took part with several agencies, the shown agencies' cells can add up to
more than the site-wide cell: the subtraction then says nothing, and hiding the cell anyway left the
site-wide chart with no bar at all (the defect the browser test tests/stats/test_browser.py showed).
These tests read the page as a visitor (and an attacker) does, without a browser.
"""

import re

import pytest
from django.test import Client

from stats.disclosure import PROTECTING, SHOWN, SMALL, Cell, forced_site_keys, protect
from tests.factories import AgencyPageFactory, add_page
from tests.security.test_statistical_disclosure import published, subtraction_attack

from .conftest import comment, make_consultation, person, vote
from .test_inclusion import chart_value, row, table

pytestmark = pytest.mark.django_db


def bar_width(html, chart_id, label):
    """The width of the bar drawn under `label` in the chart, or None when no bar is drawn."""
    start = html.index(f'id="chart-{chart_id}-title"')
    svg = html[start : html.index("</svg>", start)]
    found = re.search(r">" + re.escape(label) + r"</text>\s*(<rect[^>]*/>)?", svg)
    assert found, label
    if not found.group(1):
        return None
    return float(re.search(r'width="([\d.]+)"', found.group(1)).group(1))


def join(page, people):
    """Each of `people` takes part in `page` (a comment or a vote, in turn)."""
    for i, someone in enumerate(people):
        if i % 2:
            vote(page, someone)
        else:
            comment(page, someone)


def consenting(governorate, n):
    return [person(consent=True, governorate=governorate) for _ in range(n)]


@pytest.fixture
def three_agencies(site_tree):
    small = add_page(site_tree.agencies, AgencyPageFactory(title="هيئة صغيرة", slug="small-agency"))
    return site_tree.agency_a, site_tree.agency_b, small


def test_a_large_governorate_keeps_its_bar_when_a_small_agency_is_withheld(three_agencies):
    agency_a, agency_b, small = three_agencies
    amman = consenting("amman", 12)
    # Agency A: twelve from Amman and seven from Irbid. Agency B: eight of the same people from Amman
    # (who took part with both agencies) and six others from Irbid. The small agency: three people,
    # one each from Amman, Zarqa and Tafilah: too few for its own breakdown.
    join(make_consultation(agency_a, "open"), amman + consenting("irbid", 7))
    join(make_consultation(agency_b, "open"), amman[:8] + consenting("irbid", 6))
    join(make_consultation(small, "open"), consenting("amman", 1) + consenting("zarqa", 1) + consenting("tafilah", 1))

    client = Client()
    site = client.get("/en/statistics/").content.decode()
    assert "Participants who shared their details: 28." in site
    governorates = table(site, "governorate")
    # Amman, 13 people in all: A and B show 12 and 8, which add up to more than 13, so subtracting them
    # from the site-wide figure bounds nothing. Its number is in the table and its bar in the chart.
    assert row(governorates, "Amman") == [["13"], ["46.4%"]]
    assert chart_value(site, "governorate", "Amman") == "46.4%"
    assert bar_width(site, "governorate", "Amman") > 0
    # Tafilah, one person: "fewer than 5", no bar, and it cannot be worked out.
    assert row(governorates, "Tafilah") == [["fewer", "than", "5"], ["hidden"]]
    assert chart_value(site, "governorate", "Tafilah") == "fewer than 5"
    assert bar_width(site, "governorate", "Tafilah") is None
    # Irbid (13 = 7 + 6): the sum of A's and B's figures, so showing it would tell that the small agency
    # has nobody from Irbid, and hiding it only there would locate its people: hidden, as "–".
    assert row(governorates, "Irbid") == [["hidden"], ["hidden"]]
    assert bar_width(site, "governorate", "Irbid") is None

    pages = {
        "a": client.get(f"/en/statistics/{agency_a.slug}/").content.decode(),
        "b": client.get(f"/en/statistics/{agency_b.slug}/").content.decode(),
    }
    small_page = client.get(f"/en/statistics/{small.slug}/").content.decode()
    assert 'id="governorate-caption"' not in small_page  # withheld
    # The subtraction attack (tests/security) on the published tables brings out no small number.
    recovered = subtraction_attack(
        published(site, "governorate"), {name: published(html, "governorate") for name, html in pages.items()}
    )
    truth = {("site", "Tafilah"): 1, ("site", "Zarqa"): 1}
    assert not [key for key, value in recovered.items() if truth.get(key) == value], recovered
    site_cells, site_total = published(site, "governorate")
    hidden = [label for label, value in site_cells.items() if value is None]
    # What the site-wide row leaves: 28 - 13 = 15 people in Irbid (at least five) and eleven small cells.
    assert site_total - sum(v for v in site_cells.values() if v is not None) == 15
    assert len(hidden) == 12


def test_a_withheld_agencys_people_are_not_located_by_which_cells_are_hidden():
    """With everyone in one agency, the site-wide cells that the other agency shows are hidden wherever the
    small agency's people are: which cells are hidden does not depend on the hidden numbers."""

    def site_states(small_counts):
        large = {"amman": 30, "irbid": 20, "zarqa": 0, "": 0}
        keys = list(large)
        tables = []
        for counts in (large, small_counts):
            cells = [Cell(key=key, label=key, count=counts[key]) for key in keys]
            tables.append((protect(cells, sum(counts.values())), counts))
        site = {key: large[key] + small_counts[key] for key in keys}
        force, prefer = forced_site_keys(site, tables)
        cells = [Cell(key=key, label=key, count=site[key]) for key in keys]
        return [cell.state for cell in protect(cells, sum(site.values()), force=force, prefer=prefer)]

    in_amman = site_states({"amman": 1, "irbid": 0, "zarqa": 0, "": 0})
    in_irbid = site_states({"amman": 0, "irbid": 1, "zarqa": 0, "": 0})
    assert in_amman == in_irbid == [PROTECTING, PROTECTING, SMALL, SMALL]


def test_overlapping_agencies_leave_the_site_wide_cells_shown():
    """The agencies' shown cells add up to more than the site-wide cell: nothing to protect by hiding it."""
    keys = ["amman", "irbid", "tafilah", ""]
    a = {"amman": 12, "irbid": 7, "tafilah": 0, "": 0}
    b = {"amman": 8, "irbid": 6, "tafilah": 0, "": 0}
    small = {"amman": 1, "irbid": 0, "tafilah": 1, "": 0}
    site = {"amman": 13, "irbid": 13, "tafilah": 1, "": 0}
    tables = []
    for counts in (a, b, small):
        cells = [Cell(key=key, label=key, count=counts[key]) for key in keys]
        tables.append((protect(cells, sum(counts.values())), counts))
    force, _prefer = forced_site_keys(site, tables)
    assert force == {"irbid"}  # 13 - 7 - 6 = 0: hidden, as it is whatever the small agency holds
    cells = [Cell(key=key, label=key, count=site[key]) for key in keys]
    states = [cell.state for cell in protect(cells, sum(site.values()), force=force)]
    assert states == [SHOWN, PROTECTING, SMALL, SMALL]
