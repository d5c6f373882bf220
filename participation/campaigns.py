"""Finding campaigns: many people sending the same or nearly the same comment on one consultation.

How texts are compared. Each comment's text is normalised (`normalise`: Arabic diacritics, tatweel and the
hamza and madda marks dropped, alef forms, taa marbuta and alef maqsura folded, Arabic-Indic digits made
Latin, Latin lower-cased, punctuation dropped) and cut into overlapping 5-character shingles. Two comments
are near-identical when the Jaccard similarity of their shingle sets is at least SIMILARITY (0.5): a changed
word, an added sentence or different punctuation keeps two copies of a campaign text well above it, two
different comments on the same subject stay well below (bench/campaign_bench.py measures both).

How they are found quickly: each text gets a MinHash signature (datasketch, NUM_PERM values) cut into
BANDS bands; the hash of each band is stored (`CommentBand`, indexed by consultation and band). A new
comment is compared exactly only with the comments sharing at least one band with it (the few most
alike first), so the work per comment does not grow with the number of comments. Copies that are
near-exact (NEAR_EXACT) of a comment already stored add no bands of their own: a campaign of 10,000
copies keeps the bands of one.

Why MinHash and not PostgreSQL's trigram similarity: measured by bench/campaign_bench.py (README,
Performance) and it works the same on SQLite.

When. The task worker runs `group_pending(translation_key)` after a comment is committed
(participation.signals): it checks every comment of the consultation not checked yet, in batches, with a
fixed number of queries per batch. Official replies and input received at events are never grouped;
texts of fewer than MIN_WORDS words are checked but never grouped (“I agree” is not a campaign).
"""

import hashlib
import logging
import re
import zlib
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone
from django_tasks import task

from pages.folding import fold

from .models import Campaign, Comment, CommentBand, CommentFingerprint

logger = logging.getLogger(__name__)

SHINGLE = 5  # characters
NUM_PERM = 64
SCHEME = "affine32"  # fixed: stored bands stay comparable across datasketch versions
# Shingles are hashed with CRC-32 (stable across processes, unlike hash(); a fifth of the time of SHA-1).
BANDS = 16  # of NUM_PERM // BANDS rows each: P(candidate) ≈ 0.89 at similarity 0.6, 0.99 at 0.7
SIMILARITY = 0.5
NEAR_EXACT = 0.9
MIN_WORDS = 5
CANDIDATES = 20  # compared exactly per comment, the most bands shared first
BAND_CAP = 64  # comments per band looked at
BATCH = 5000
SINCE_MARGIN = 1000  # ids: a task also checks comments committed a little out of order

# Normalising --------------------------------------------------------------------------------------

_WORDS = re.compile(r"[^\W_]+")


def normalise(text):
    """The words of `text` as people mean them, whatever the spelling (pages.folding, the site search's folding
    too), lower-cased and joined by single spaces; punctuation dropped."""
    return " ".join(_WORDS.findall(fold(text)))


def shingles(normalised):
    """The set of SHINGLE-character pieces of a normalised text."""
    if len(normalised) <= SHINGLE:
        return {normalised} if normalised else set()
    return {normalised[i : i + SHINGLE] for i in range(len(normalised) - SHINGLE + 1)}


def jaccard(first, second):
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def band_hashes(pieces):
    """BANDS signed 64-bit hashes of the MinHash signature of a set of shingles."""
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME, hashfunc=zlib.crc32)
    signature.update_batch([piece.encode("utf-8") for piece in pieces])
    values = signature.hashvalues
    rows = NUM_PERM // BANDS
    bands = []
    for number in range(BANDS):
        digest = hashlib.blake2b(
            bytes([number]) + values[number * rows : (number + 1) * rows].tobytes(), digest_size=8
        ).digest()
        bands.append(int.from_bytes(digest, "big", signed=True))
    return bands


class Text:
    """A comment's text, prepared for comparison."""

    __slots__ = ("pk", "words", "pieces")

    def __init__(self, pk, body):
        self.pk = pk
        normalised = normalise(body)
        self.words = normalised.count(" ") + 1 if normalised else 0
        self.pieces = shingles(normalised)


# What a moderator reads ----------------------------------------------------------------------------
#
# Grouping tolerates differences (a comment joins when it is SIMILARITY alike to any comment of the group,
# and copying the campaign's text and adding an insult or a phone number keeps it above NEAR_EXACT), so a
# decision on a group is taken on what the moderator was shown: the group page shows every comment
# whose text is not the same as the first one's whole, what differs marked (`marked_differences`),
# and a ticked row of the queue stands only for the comments with exactly the text it shows.

_TOKENS = re.compile(r"\s+|\S+")


def same_text(first, second):
    """True when two texts differ at most in spaces and line breaks."""
    return (first or "").split() == (second or "").split()


def marked_differences(first, second):
    """`second` as [(piece, added)], the pieces joined giving `second` back: `added` is True for its words
    that are not in `first` in the same place (word by word, as written: a changed letter, a mark or a
    punctuation sign counts), False for the rest and for the spaces and line breaks around them."""
    tokens = _TOKENS.findall(second or "")
    positions = [index for index, token in enumerate(tokens) if not token.isspace()]
    matcher = SequenceMatcher(None, (first or "").split(), [tokens[index] for index in positions], autojunk=False)
    added = set()
    for tag, _i1, _i2, start, end in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            added.update(positions[start:end])
    pieces = []
    for index, token in enumerate(tokens):
        flag = (index - 1 in added and index + 1 in added) if token.isspace() else index in added
        if pieces and pieces[-1][1] == flag:
            pieces[-1][0] += token
        else:
            pieces.append([token, flag])
    return [(piece, flag) for piece, flag in pieces]


# Which comments --------------------------------------------------------------------------------


def groupable(comments):
    """The comments that may form campaigns: by the public, not input received at an event."""
    return comments.filter(is_official=False, event__isnull=True)


def pending(translation_key, since=None):
    """Comments of the consultation not checked yet, oldest first; from comment `since` on (less a margin
    for comments committed out of order) when given, otherwise all of them."""
    checked = CommentFingerprint.objects.filter(comment=OuterRef("pk"))
    comments = groupable(Comment.objects.filter(translation_key=translation_key))
    if since is not None:
        comments = comments.filter(pk__gte=since - SINCE_MARGIN)
    return comments.exclude(Exists(checked)).order_by("pk")


# Grouping -----------------------------------------------------------------------------------------


def _lock(translation_key):
    """One grouping at a time per consultation (PostgreSQL; SQLite writes one at a time anyway)."""
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.blake2b(translation_key.bytes, digest_size=8).digest(), "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _insert(model, columns, rows):
    """Write the rows (tuples of database values) without model instances, which cost more than the
    grouping itself for the bands of thousands of comments: COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Only the model's own table and column names go into the statement; the values are parameters.
        statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        cursor.executemany(statement, rows)


def _stored_bands(translation_key, bands):
    """[(band, comment id)] of the comments checked before that share one of `bands`: one query (on
    PostgreSQL with the bands as one array parameter, not tens of thousands of placeholders)."""
    if not bands:
        return []
    if connection.vendor != "postgresql":
        rows = []
        for start in range(0, len(bands), 500):
            stored = CommentBand.objects.filter(translation_key=translation_key, band__in=bands[start : start + 500])
            rows += stored.values_list("band", "comment_id")
        return rows
    table = connection.ops.quote_name(CommentBand._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT band, comment_id FROM {table} WHERE translation_key = %s AND band = ANY(%s)",  # noqa: S608
            [translation_key, bands],
        )
        return cursor.fetchall()


class _Known(dict):
    """{pk: Text} of comments checked before, prepared only when first compared."""

    def __init__(self, bodies):
        super().__init__()
        self.bodies = bodies

    def __missing__(self, pk):
        text = self[pk] = Text(pk, self.bodies.pop(pk))
        return text


def group_batch(translation_key, rows):
    """Check `rows` [(pk, agency_key, body)] of one consultation, oldest first, against every comment
    already checked and against each other. At most eight queries, whatever the number of rows. Returns
    the number of comments now in a campaign."""
    texts = [(Text(pk, body), agency_key) for pk, agency_key, body in rows]
    signatures = {}
    for text, _agency in texts:
        if text.words >= MIN_WORDS:
            signatures[text.pk] = band_hashes(text.pieces)
    wanted = list({band for bands in signatures.values() for band in bands})
    index = defaultdict(list)  # band → [pk] of comments checked before
    for band, pk in _stored_bands(translation_key, wanted):
        index[band].append(pk)
    known = {pk for pks in index.values() for pk in pks}
    known_texts = _Known(dict(Comment.objects.filter(pk__in=known).values_list("pk", "body")) if known else {})
    # The campaign of each comment: an id for campaigns stored before, a new Campaign for those found now.
    campaign_of = dict(
        CommentFingerprint.objects.filter(comment_id__in=known, campaign__isnull=False).values_list(
            "comment_id", "campaign_id"
        )
        if known
        else ()
    )
    similarity_of, new_bands, new_campaigns = {}, [], []
    for text, agency_key in texts:
        bands = signatures.get(text.pk)
        if bands is None:
            continue
        # The latest BAND_CAP comments of each band are enough: a big campaign's bands hold thousands.
        hits = Counter(pk for band in bands for pk in index.get(band, ())[-BAND_CAP:])
        best, best_similarity = None, 0.0
        for pk, _count in hits.most_common(CANDIDATES):
            similarity = jaccard(text.pieces, known_texts[pk].pieces)
            if similarity > best_similarity:
                best, best_similarity = pk, similarity
                if similarity >= NEAR_EXACT:
                    break
        if best is not None and best_similarity >= SIMILARITY:
            if best not in campaign_of:
                campaign = Campaign(translation_key=translation_key, agency_key=agency_key, representative_id=best)
                new_campaigns.append(campaign)
                campaign_of[best] = campaign
                similarity_of.setdefault(best, 1.0)
            campaign_of[text.pk] = campaign_of[best]
            similarity_of[text.pk] = round(best_similarity, 4)
            if best_similarity >= NEAR_EXACT:
                continue  # its bands would find nothing its look-alike's do not
        known_texts[text.pk] = text
        for band in bands:
            index[band].append(text.pk)
            new_bands.append((band, text.pk))
    Campaign.objects.bulk_create(new_campaigns)
    now = timezone.now()
    key = CommentFingerprint._meta.get_field("translation_key").get_db_prep_value(translation_key, connection)
    checked_now = {text.pk for text, _agency in texts}
    fingerprints = []
    for text, _agency in texts:
        campaign = campaign_of.get(text.pk)
        campaign = campaign.pk if isinstance(campaign, Campaign) else campaign
        fingerprints.append((text.pk, key, campaign, similarity_of.get(text.pk), now))
    _insert(CommentFingerprint, ("comment", "translation_key", "campaign", "similarity", "checked_at"), fingerprints)
    _insert(CommentBand, ("translation_key", "band", "comment"), [(key, band, pk) for band, pk in new_bands])
    # Representatives checked before this batch join their new campaign.
    earlier = {c.representative_id: c.pk for c in new_campaigns if c.representative_id not in checked_now}
    if earlier:
        CommentFingerprint.objects.filter(comment_id__in=earlier).update(
            campaign_id=Case(*(When(comment_id=pk, then=Value(campaign)) for pk, campaign in earlier.items())),
            similarity=1.0,
        )
    return sum(1 for row in fingerprints if row[2] is not None) + len(earlier)


def group_pending(translation_key, since=None, batch=BATCH):
    """Check the comments of the consultation not checked yet (see `pending`). Returns the number of
    comments checked now that are in a campaign."""
    joined = 0
    while True:
        with transaction.atomic():
            _lock(translation_key)
            rows = list(pending(translation_key, since).values_list("pk", "agency_key", "body")[:batch])
            if not rows:
                return joined
            joined += group_batch(translation_key, rows)


def group_all_pending():
    """Check every comment not checked yet, consultation by consultation (after an outage of the worker, a
    comment whose hand-over failed, or comments loaded in bulk). Returns the number now in a campaign."""
    checked = CommentFingerprint.objects.filter(comment=OuterRef("pk"))
    keys = (
        groupable(Comment.objects.exclude(Exists(checked)))
        .order_by()
        .values_list("translation_key", flat=True)
        .distinct()
    )
    return sum(group_pending(key) for key in list(keys))


@task()
def group_all_pending_task():
    """The worker's periodic catch-up (settings.TAWASUL_SCHEDULE): nothing waits for `manage.py group_campaigns`."""
    return group_all_pending()


@task()
def group_comments_task(translation_key, comment_id=None):
    """The worker's job after a comment arrives (participation.signals): that comment and any other of
    its consultation from about the same time not checked yet (`manage.py group_campaigns` checks all)."""
    import uuid

    return group_pending(uuid.UUID(str(translation_key)), since=comment_id)
