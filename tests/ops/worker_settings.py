"""Settings for a real `manage.py run_worker` process started by tests/ops: the test settings with the
production path for background work (tasks in the database, mail over SMTP to the test's server)."""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import POST_OFFICE

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "ops.outbox.OutboxBackend"
POST_OFFICE = {
    **POST_OFFICE,
    "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    "DEFAULT_PRIORITY": "medium",
}
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["TAWASUL_TEST_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 2
TAWASUL_OUTBOX = {"MAX_ATTEMPTS": 12, "RETRY_BASE_SECONDS": 0, "RETRY_MAX_SECONDS": 0}
TAWASUL_SCHEDULE = {"ops.tasks.send_outbox_task": 1}
