"""Open data and statistics: public proposals only, no personal data."""

import csv
import io
import json

import pytest
from django.test import Client

from proposals import opendata, services

from .conftest import answered, make_overdue, published, reach_threshold, submit

pytestmark = pytest.mark.django_db


def test_open_data_has_public_proposals_and_no_personal_data(site_tree, citizen, staff):
    proposal = answered(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a)), staff.editor_a, staff.reviewer
    )
    services.reject(submit(citizen, site_tree.agency_a, title="مرفوض"), staff.moderator_a, "spam", "ملاحظة خاصة")
    submit(citizen, site_tree.agency_b, title="ينتظر")
    response = Client().get("/en/proposals/open-data.csv")
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == [str(proposal.pk)]
    assert rows[0]["answer"] == "accepted" and rows[0]["supporters"] == "3"
    for secret in (citizen.email, citizen.username, "ليلى", "ملاحظة خاصة", "مرفوض", "ينتظر"):
        assert secret not in text
    data = json.loads(b"".join(Client().get("/ar/proposals/open-data.json").streaming_content))
    assert [row["id"] for row in data] == [proposal.pk]
    assert not {"author", "supporters_list", "identity_hash", "moderation_note"} & set(data[0])


def test_statistics_by_agency_and_timeliness(site_tree, citizen, staff):
    on_time = answered(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a)), staff.editor_a, staff.reviewer
    )
    late = make_overdue(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a, title="ب", governorate="irbid"))
    )
    make_overdue(reach_threshold(published(citizen, site_tree.agency_b, staff.moderator_b, title="ج")))
    answered(late, staff.editor_a, staff.reviewer)
    by_agency = {row["key"]: row for row in opendata.counts_by("agency")}
    assert by_agency[site_tree.agency_a.translation_key]["proposals"] == 2
    assert by_agency[site_tree.agency_a.translation_key]["answered"] == 2
    assert {row["key"]: row["proposals"] for row in opendata.counts_by("governorate")} == {"": 2, "irbid": 1}
    timeliness = opendata.answer_timeliness()
    assert timeliness["answered_on_time"] == 1 and timeliness["answered_late"] == 1 and timeliness["overdue"] == 1
    assert timeliness["share_answered_on_time"] == round(1 / 3, 3)
    assert timeliness["median_days_to_answer"] is not None
    assert on_time.answered_on_time()
