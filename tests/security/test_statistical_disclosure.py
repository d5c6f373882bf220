"""Threat: working out a hidden "fewer than 5" by subtracting published figures (issue 9).

The site-wide and per-agency inclusion tables are published side by side. When each person took part with one
agency, a site-wide cell is the sum of that category's agency cells, and each table's total is public. The test
reads the published pages, as an attacker would, and solves every equation (each row adds up to its total, each
category adds up across agencies) that has a single unknown, again and again, until nothing more follows. No hidden
cell may come out.
"""

import re

import pytest
from django.test import Client

from tests.stats.conftest import make_consultation
from tests.stats.test_inclusion import row, table, take_part

pytestmark = pytest.mark.django_db

DIMENSIONS = ("governorate", "gender", "age-band", "disability")


def published(html, dimension):
    """{label: number, or None when hidden} and the total, as the page shows them; None when withheld."""
    if f'id="{dimension}-caption"' not in html:
        return None
    found = table(html, dimension)
    labels = [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r'<th scope="row">(.*?)</th>', found)]
    cells = {}
    for label in labels:
        first = [word.replace(",", "") for word in row(found, label)[0]]
        cells[label] = int(first[0]) if len(first) == 1 and first[0].isdigit() else None
    total = cells.pop("Total")
    return cells, total


def subtraction_attack(site, agencies):
    """Every cell an attacker can compute from the published tables: {(table, label): value}."""
    known = {}
    unknowns = set()
    tables = {"site": site, **agencies}
    for name, published_table in tables.items():
        cells, _ = published_table
        for label, value in cells.items():
            if value is None:
                unknowns.add((name, label))
            else:
                known[(name, label)] = value
    equations = []  # (total, cells)
    for name, (cells, total) in tables.items():
        equations.append((total, [(name, label) for label in cells]))
    for label in site[0]:
        # site cell = sum of the agencies' cells (people who took part with one agency each)
        equations.append((0, [("site", label)] + [("-" + name, label) for name in agencies]))
    solved = {}
    progress = True
    while progress:
        progress = False
        for total, members in equations:
            remaining = total
            missing = []
            for member in members:
                sign = -1 if member[0].startswith("-") else 1
                key = (member[0].lstrip("-"), member[1])
                value = known.get(key, solved.get(key))
                if value is None:
                    missing.append((sign, key))
                else:
                    remaining -= sign * value
            if len(missing) == 1:
                sign, key = missing[0]
                solved[key] = remaining * sign
                progress = True
    return {key: value for key, value in solved.items() if key in unknowns}


def test_no_hidden_cell_comes_out_of_the_published_tables(site_tree):
    agency_a, agency_b = site_tree.agency_a, site_tree.agency_b
    a = make_consultation(agency_a, "open")
    b = make_consultation(agency_b, "open")
    # Agency A: four people from Tafilah, hidden on its page. Agency B: six from Tafilah, shown.
    take_part(a, "amman", 12, gender="female")
    take_part(a, "irbid", 7, gender="male")
    take_part(a, "tafilah", 4, gender="male")
    take_part(b, "amman", 9, gender="female")
    take_part(b, "irbid", 8, gender="male")
    take_part(b, "tafilah", 6, gender="female")

    client = Client()
    site_html = client.get("/en/statistics/").content.decode()
    pages = {
        "a": client.get(f"/en/statistics/{agency_a.slug}/").content.decode(),
        "b": client.get(f"/en/statistics/{agency_b.slug}/").content.decode(),
    }
    # The figures the attack needs are on show: A hides Tafilah, B shows its six.
    assert published(pages["a"], "governorate")[0]["Tafilah"] is None
    assert published(pages["b"], "governorate")[0]["Tafilah"] == 6
    for dimension in DIMENSIONS:
        site = published(site_html, dimension)
        agencies = {name: published(html, dimension) for name, html in pages.items()}
        if site is None or any(table is None for table in agencies.values()):
            continue
        recovered = subtraction_attack(site, agencies)
        assert recovered == {}, (dimension, recovered)
    # The site-wide Tafilah cell (4 + 6 = 10) would give A's four away: it is hidden.
    assert published(site_html, "governorate")[0]["Tafilah"] is None
    assert published(site_html, "governorate")[0]["Amman"] == 21


def test_the_attack_finds_what_the_old_tables_gave_away():
    """The attack itself works: on the tables published before complementary suppression it recovers A's four."""
    site = ({"Amman": 21, "Irbid": 15, "Tafilah": 10, "Not stated": None, "Zarqa": None}, 46)
    agencies = {
        "a": ({"Amman": 12, "Irbid": 7, "Tafilah": None, "Not stated": None, "Zarqa": None}, 23),
        "b": ({"Amman": 9, "Irbid": 8, "Tafilah": 6, "Not stated": None, "Zarqa": None}, 23),
    }
    assert subtraction_attack(site, agencies)[("a", "Tafilah")] == 4
