"""Each agency's demographic rows and people by respondent sector, for complementary suppression of the
site-wide tables (stats.disclosure, rule 6).

The same people as `stats.figures.compute(agency=...)` counts for each agency -- consenting participants who
wrote a published comment (not an official reply) or voted in one of the agency's live, public consultations --
in one query whatever the number of agencies, consultations, comments or votes.
"""

from collections import Counter, defaultdict

from django.db import connection
from django.db.models import F

from participation.models import (
    Ballot,
    Comment,
    CommentStatus,
    ConsultationPage,
    Profile,
)
from participation.respondents import count_groups, respondent_rows

from .figures import DEMOGRAPHIC_FIELDS


def agency_demographics():
    """{agency translation key: [{governorate, gender, age_band, disability, n}, ...]}."""
    scope = (
        ConsultationPage.objects.live()
        .public()
        .order_by()
        .values(ckey=F("translation_key"), akey=F("agency__translation_key"))
    )
    pairs = (
        Comment.objects.filter(status=CommentStatus.APPROVED, is_official=False, author__isnull=False)
        .order_by()
        .values(ckey=F("translation_key"), person=F("author_id"))
        .union(
            Ballot.objects.filter(voter__isnull=False)
            .order_by()
            .values(ckey=F("translation_key"), person=F("voter_id"))
        )
    )
    scope_sql, scope_params = scope.query.sql_with_params()
    pairs_sql, pairs_params = pairs.query.sql_with_params()
    profile = Profile._meta
    quote = connection.ops.quote_name
    columns = ", ".join(f"profile.{quote(profile.get_field(name).column)}" for name in DEMOGRAPHIC_FIELDS)
    user_column = quote(profile.get_field("user").column)
    consent_column = quote(profile.get_field("demographics_consent").column)
    sql = (
        f"SELECT DISTINCT scope.akey, pairs.person, {columns} "  # noqa: S608 (ORM SQL, names from the models)
        f"FROM ({pairs_sql}) pairs INNER JOIN ({scope_sql}) scope ON pairs.ckey = scope.ckey "
        f"INNER JOIN {quote(profile.db_table)} profile ON profile.{user_column} = pairs.person "
        f"WHERE profile.{consent_column} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*pairs_params, *scope_params, True))
        rows = cursor.fetchall()
    key_field = ConsultationPage._meta.get_field("translation_key")
    counts = defaultdict(Counter)
    for agency_key, _person, *answers in rows:
        counts[key_field.to_python(agency_key)][tuple(answers)] += 1
    return {
        agency_key: [dict(zip(DEMOGRAPHIC_FIELDS, combination, strict=True), n=n) for combination, n in rows.items()]
        for agency_key, rows in counts.items()
    }


def agency_sectors(consultation_agencies):
    """{agency translation key: {group: people}} for the consultations `consultation_agencies` maps to their
    agency ({consultation key: agency key}, as `stats.figures.compute` gives it), counted as
    `participation.respondents.people_by_sector` counts them for one agency's consultations: a person once per
    agency, under the first sector (in `RespondentSector` order) they answered that agency for, else as an
    individual. One query whatever the number of agencies, consultations or responses."""
    keys = list(consultation_agencies)
    if not keys:
        return {}
    key_field = ConsultationPage._meta.get_field("translation_key")
    agency_of = {str(key): agency for key, agency in consultation_agencies.items()}
    rows = (
        (agency_of[str(key_field.to_python(consultation_key))], person, sector)
        for consultation_key, person, sector in respondent_rows(keys, with_consultation=True)
    )
    return count_groups(rows)
