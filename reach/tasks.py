"""The worker's periodic jobs for subscriptions (settings.TAWASUL_SCHEDULE)."""

from django_tasks import task

from . import notices


@task()
def send_notices():
    """Find what happened since the last run, record one notice per person and news, queue the immediate ones."""
    found = notices.find_news()
    return {"found": found, "queued": notices.send_immediate()}


@task()
def send_weekly_digests():
    """Once a week: one e-mail per person with the week's notices."""
    return notices.send_digests()
