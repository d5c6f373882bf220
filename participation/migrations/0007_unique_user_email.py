"""One account per e-mail address, guaranteed by the database (issue 9).

allauth's ACCOUNT_UNIQUE_EMAIL checks in its forms and makes *verified* addresses unique in its own
table; this unique index on lower(auth_user.email) also covers addresses written by any other path
(the Django admin, a shell, a management command). Empty addresses are left out. The same SQL works on
PostgreSQL and SQLite (expression and partial indexes). If the migration fails, two accounts share an
address: merge or change one of them first.
"""

from django.db import migrations

INDEX = "auth_user_email_lower_unique"


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0006_official_reply_signature"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE UNIQUE INDEX {INDEX} ON auth_user (LOWER(email)) WHERE email <> ''",
            reverse_sql=f"DROP INDEX {INDEX}",
        )
    ]
