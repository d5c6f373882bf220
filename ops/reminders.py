"""Reminders of overdue outcomes, sent by the worker's schedule (settings.TAWASUL_SCHEDULE).

A consultation's outcome is due a number of weeks after it closes (the consultation rules setting, 12 by
default); past that, with no outcome, it is "overdue" (ConsultationPage.is_outcome_overdue). The flag
itself needs no job: the consultation, its agency's page, the statistics and the reviewers' dashboard
panel compute it from the clock whenever they are shown (cached pages expire within a minute). What the
clock cannot do by itself is tell people, so once a consultation becomes overdue:

- each editor of its agency (the people who write the outcome) gets one e-mail naming it and linking to
  its edit page;
- each ministry reviewer gets one e-mail listing the consultations that became overdue since their last
  one (a digest, never one message per consultation).

Each (consultation, person) pair is queued once (ops.models.OutboxKey, written in the same transaction as
the e-mail), so a run repeated, resumed or run by two workers never tells anyone twice, and a
consultation whose outcome is published before the job runs is never mentioned.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxKey
from .outbox import batch


def overdue_consultations(now=None):
    """Live consultations (one per translation: the site's first language) past their outcome deadline."""
    from participation.models import ConsultationPage, ConsultationRules

    now = now or timezone.now()
    weeks = ConsultationRules.load().outcome_deadline_weeks
    consultations = list(
        ConsultationPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, closes_at__lt=now - timedelta(weeks=weeks), outcome="")
        .select_related("agency")
        .order_by("closes_at", "pk")
    )
    for consultation in consultations:
        consultation.outcome_deadline_weeks = weeks
    return consultations


def _key(consultation, user):
    return f"overdue:{consultation.translation_key}:{user.pk}"


def _people(queryset):
    return list(queryset.filter(is_active=True).exclude(email="").distinct().order_by("pk"))


def _admin_url(path):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _queue(user, consultations, template):
    """One e-mail to `user` about the `consultations` they have not been told of; True when queued."""
    with transaction.atomic():
        # The unique key decides who tells: a concurrent run waits on it and then finds it taken.
        new = [c for c in consultations if OutboxKey.objects.get_or_create(key=_key(c, user))[1]]
        if not new:
            return False
        context = {
            "user": user,
            "consultations": [
                {
                    "title": c.title,
                    "agency": c.agency.title if c.agency_id else "",
                    "closed": c.closes_at,
                    "due": c.outcome_due,
                    "edit_url": _admin_url(f"/admin/pages/{c.pk}/edit/"),
                }
                for c in new
            ],
            "dashboard_url": _admin_url("/admin/"),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"ops/email/{template}_subject.txt", context).strip()
            body = render_to_string(f"ops/email/{template}.txt", context)
        get_connection().send_messages([EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])])
    return True


def remind_overdue_outcomes(now=None):
    """Queue the reminders (module docstring). Returns how many e-mails were queued."""
    from pages.roles import REVIEWERS_GROUP

    consultations = overdue_consultations(now)
    if not consultations:
        return 0
    users = get_user_model().objects
    queued = 0
    with batch():
        by_agency = {}
        for consultation in consultations:
            if consultation.agency_id and consultation.agency.editors_group_id:
                by_agency.setdefault(consultation.agency.editors_group_id, []).append(consultation)
        for group_id, theirs in by_agency.items():
            for editor in _people(users.filter(groups=group_id)):
                for consultation in theirs:  # one e-mail per consultation: each has its own edit link
                    queued += _queue_single(editor, consultation)
        for reviewer in _people(users.filter(groups__name=REVIEWERS_GROUP)):
            queued += _queue(reviewer, consultations, "overdue_digest")
    return queued


def _queue_single(user, consultation):
    return int(_queue(user, [consultation], "overdue_outcome"))
