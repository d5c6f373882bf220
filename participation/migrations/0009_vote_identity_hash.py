"""One vote per person across deleted accounts (issue 9): each vote keeps a keyed hash of its voter's identity.

Votes cast before this migration get the hash of their voter's verified e-mail address when the voter still has
an account; where two accounts of one person already voted in a poll, only the first vote gets it.
"""

from django.db import migrations, models


def fill_identity_hashes(apps, schema_editor):
    from participation.identity import email_hash

    Ballot = apps.get_model("participation", "Ballot")
    EmailAddress = apps.get_model("account", "EmailAddress")
    verified = {}
    for user_id, email in (
        EmailAddress.objects.filter(verified=True).order_by("-primary", "pk").values_list("user_id", "email")
    ):
        verified.setdefault(user_id, email)
    seen = set()
    for ballot in Ballot.objects.filter(voter__isnull=False, identity_hash="").order_by("pk").iterator():
        address = verified.get(ballot.voter_id)
        if not address:
            continue
        digest = email_hash(address)
        if (ballot.translation_key, ballot.block_id, digest) in seen:
            continue
        seen.add((ballot.translation_key, ballot.block_id, digest))
        Ballot.objects.filter(pk=ballot.pk).update(identity_hash=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0008_comment_scale_indexes"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="identity_hash",
            field=models.CharField(
                blank=True,
                default="",
                help_text=(
                    "Keyed hash of the voter's verified e-mail address (participation.identity); kept when the "
                    "account is deleted, so the same person cannot vote again. Never shown or exported."
                ),
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="ballot",
            name="subject_hash",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Keyed hash of the voter's national digital identity, when they signed in with it.",
                max_length=64,
            ),
        ),
        migrations.RunPython(fill_identity_hashes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("identity_hash", ""), _negated=True),
                fields=("translation_key", "block_id", "identity_hash"),
                name="one_vote_per_identity_per_poll",
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("subject_hash", ""), _negated=True),
                fields=("translation_key", "block_id", "subject_hash"),
                name="one_vote_per_national_id_per_poll",
            ),
        ),
    ]
