"""`manage.py make_bench_data --comments N`: many comments (and votes) on one demo consultation, quickly.

For measuring what grows with the number of comments (exports, statistics, the moderation queue, the
comment list) on a realistic table: run `seed_demo` first. People are created once per run (one account
and profile per ten comments, at most 20,000), each comment gets a random status (most published), stance,
block and time in the consultation's period; about a third of the published ones get a disposition. On
PostgreSQL rows go in with COPY (a million comments take about a minute), elsewhere with bulk_create in
batches. Never in production: it refuses to run there.
"""

import random
import time
import uuid
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from participation.models import Ballot, BallotChoice, Comment, CommentStatus, ConsultationPage, Profile

STATUSES = (
    [CommentStatus.APPROVED] * 85
    + [CommentStatus.PENDING] * 10
    + [CommentStatus.REJECTED] * 3
    + [CommentStatus.HIDDEN] * 2
)
WORDS = (
    "أقترح تعديل المادة لتوضيح حقوق المواطنين وحماية البيانات الشخصية وتبسيط الإجراءات في المراكز الصحية "
    "the draft should define consent clearly and publish the data in open formats for every governorate"
).split()
DECISIONS = ("accepted", "partly_accepted", "not_accepted", "noted", "out_of_scope")
STANCES = ("for", "against", "neutral", "")
BATCH = 5000


class Command(BaseCommand):
    help = "Bulk-create N comments (and votes) on one demo consultation, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--comments", type=int, required=True, help="How many comments to create.")
        parser.add_argument("--votes", type=int, default=None, help="How many votes (default: one per person).")
        parser.add_argument("--slug", default="", help="The consultation (default: the first with a poll).")
        parser.add_argument("--seed", type=int, default=8, help="Random seed, for repeatable data.")

    def handle(self, *args, comments, votes, slug, seed, **options):
        if getattr(settings, "TAWASUL_ENVIRONMENT", "") == "production":
            raise CommandError("make_bench_data never runs in production.")
        if comments < 0:
            raise CommandError("--comments must be zero or more.")
        self.rng = random.Random(seed)  # noqa: S311 (benchmark data, not secrets)
        page = self._consultation(slug)
        blocks = [b.id for b in page.body if b.block_type in ("comments", "article")]
        polls = [
            (b.id, [o["id"] for o in b.value.get("options", []) if o.get("id")])
            for b in page.body
            if b.block_type == "poll"
        ]
        if not blocks:
            raise CommandError(f"The consultation '{page.slug}' has no article or question to comment on.")
        started = time.monotonic()
        people = self._people(min(max(comments // 10, 1), 20_000))
        made = self._comments(page, blocks, people, comments)
        cast = self._votes(page, polls, people, len(people) if votes is None else votes)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in ("participation_comment", "participation_ballot", "transparency_disposition"):
                    cursor.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)
        self.stdout.write(
            f"{made} comments and {cast} votes on '{page.slug}' (pk {page.pk}, translation key "
            f"{page.translation_key}) by {len(people)} people in {time.monotonic() - started:.1f} s."
        )

    def _consultation(self, slug):
        pages = ConsultationPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("pk")
        if slug:
            page = pages.filter(slug=slug).first()
            if page is None:
                raise CommandError(f"No live consultation '{slug}': run seed_demo first.")
            return page
        candidates = list(pages)
        for page in candidates:
            types = {block.block_type for block in page.body}
            if "poll" in types and types & {"comments", "article"}:
                return page
        if not candidates:
            raise CommandError("No live consultation: run seed_demo first.")
        return candidates[0]

    def _people(self, count):
        run = uuid.uuid4().hex[:8]
        password = make_password(None)
        User = get_user_model()
        users = [
            User(username=f"bench-{run}-{i}", email=f"bench-{run}-{i}@bench.invalid", password=password)
            for i in range(count)
        ]
        with transaction.atomic():
            User.objects.bulk_create(users, batch_size=BATCH)
            users = list(User.objects.filter(username__startswith=f"bench-{run}-").order_by("pk"))
            Profile.objects.bulk_create(
                [
                    Profile(
                        user=user,
                        display_name=f"مشارك {i}",
                        demographics_consent=i % 3 == 0,
                        governorate=self.rng.choice(("amman", "irbid", "zarqa", "")),
                        gender=self.rng.choice(("female", "male", "")),
                        age_band=self.rng.choice(("18_24", "25_34", "35_44", "")),
                    )
                    for i, user in enumerate(users)
                ],
                batch_size=BATCH,
            )
        return [user.pk for user in users]

    def _comment_rows(self, page, blocks, people, count):
        # Everything read from the database is read here, before COPY holds the connection.
        agency_key = page.agency.translation_key
        start = page.opens_at or timezone.now() - timedelta(days=30)
        span = max(((page.closes_at or timezone.now()) - start).total_seconds(), 3600)
        return self._generate(page, blocks, people, count, agency_key, start, span)

    def _generate(self, page, blocks, people, count, agency_key, start, span):
        for i in range(count):
            status = self.rng.choice(STATUSES)
            reason = "spam" if status in (CommentStatus.REJECTED, CommentStatus.HIDDEN) else ""
            created = start + timedelta(seconds=self.rng.random() * span)
            yield (
                page.translation_key,
                self.rng.choice(blocks),
                page.pk,
                agency_key,
                self.rng.choice(people),
                self.rng.choice(("ar", "ar", "en")),
                " ".join(self.rng.choices(WORDS, k=self.rng.randint(5, 40))) + f" ({i})",
                self.rng.choice(STANCES),
                status,
                False,
                "",
                reason,
                "",
                created,
                created if status != CommentStatus.PENDING else None,
                "",  # as themselves, not on behalf of an organisation
                "",
            )

    COLUMNS = (
        "translation_key",
        "block_id",
        "consultation_id",
        "agency_key",
        "author_id",
        "language",
        "body",
        "stance",
        "status",
        "is_official",
        "signed_as",
        "moderation_reason",
        "moderation_note",
        "created_at",
        "moderated_at",
        "organisation_name",
        "respondent_sector",
    )

    def _comments(self, page, blocks, people, count):
        first = Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        rows = self._comment_rows(page, blocks, people, count)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                self._copy(Comment._meta.db_table, self.COLUMNS, rows)
            else:
                batch = []
                for row in rows:
                    batch.append(Comment(**dict(zip(self.COLUMNS, row, strict=True))))
                    if len(batch) == BATCH:
                        Comment.objects.bulk_create(batch)
                        batch = []
                Comment.objects.bulk_create(batch)
            self._dispositions(first)
        return Comment.objects.filter(pk__gt=first).count()

    def _dispositions(self, first):
        Disposition = apps.get_model("transparency", "Disposition")
        published = Comment.objects.filter(pk__gt=first, status=CommentStatus.APPROVED).values_list("pk", flat=True)
        now = timezone.now()

        chosen = [pk for pk in published.iterator(chunk_size=BATCH) if self.rng.random() < 0.33]

        def rows():
            for pk in chosen:
                yield (pk, self.rng.choice(DECISIONS), "سبب القرار بلغة واضحة", now)

        if connection.vendor == "postgresql":
            self._copy(Disposition._meta.db_table, ("comment_id", "decision", "reason", "decided_at"), rows())
        else:
            Disposition.objects.bulk_create(
                [Disposition(comment_id=pk, decision=d, reason=r) for pk, d, r, _at in rows()], batch_size=BATCH
            )

    def _votes(self, page, polls, people, count):
        if not polls or count <= 0:
            return 0
        pairs = [(poll, person) for poll in polls for person in people][:count]
        created = 0
        with transaction.atomic():
            for start in range(0, len(pairs), BATCH):
                chunk = pairs[start : start + BATCH]
                ballots = Ballot.objects.bulk_create(
                    [
                        Ballot(translation_key=page.translation_key, block_id=poll[0], voter_id=person, language="ar")
                        for poll, person in chunk
                    ],
                )
                choices = [
                    BallotChoice(ballot=ballot, option_id=self.rng.choice(poll[1]))
                    for ballot, (poll, _person) in zip(ballots, chunk, strict=True)
                    if ballot.pk and poll[1]
                ]
                BallotChoice.objects.bulk_create(choices)
                created += len(chunk)
        return created

    def _copy(self, table, columns, rows):
        """COPY rows into `table` (PostgreSQL), streamed in batches: memory stays flat."""
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:  # noqa: S608
                for row in rows:
                    copy.write_row(row)
