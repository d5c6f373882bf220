"""Grouping 100,000 comments into campaigns (issue 11), on PostgreSQL: time, and pairs found on a labelled sample.

    .venv/bin/python bench/campaign_bench.py

1. Creates the database `tawasul_campaign_bench` (CAMPAIGN_BENCH_DATABASE_URL) unless it exists
   (CAMPAIGN_BENCH_RECREATE=1 drops it first), migrates it and empties its comments.
2. Writes CAMPAIGN_BENCH_COMMENTS comments (default 100,000) over 10 consultations with COPY: ordinary
   comments quoting short passages of the Arabic source document (/work/shared/seed) or of English
   sentences between words of their own (the hard cases: same subject and phrases, not the same
   comment); and planted campaigns in Arabic and English, 2 to 3,000 copies each, every copy
   varied as people and their tools vary it: diacritics, tatweel, hamza and taa marbuta spellings,
   punctuation, a word changed, dropped or added, a greeting or a name added. Every comment carries its
   label (its campaign, or none).
3. Groups every comment with `participation.campaigns.group_pending` (what the task worker runs, in batches
   of 5,000), timed; then one comment at a time (CAMPAIGN_BENCH_ONE_BY_ONE new comments, each its own
   run, as when comments arrive one by one), timed per comment.
4. The same comparison with PostgreSQL's trigram similarity (pg_trgm, `similarity(a, b) >= 0.5` through a
   GIN index on the normalised texts), on CAMPAIGN_BENCH_TRIGRAM_QUERIES comments, timed per comment.
5. Precision and recall of the pairs of comments put in one group, on a labelled sample of
   CAMPAIGN_BENCH_SAMPLE comments (pairs inside the sample; a pair is true when both carry the same
   campaign label), for both methods.

Default runtime under three minutes on two cores (the first run also migrates a new database, about a minute).
"""

import os
import random
import re
import sys
import time
import uuid
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT))

from bench.database import create_database  # noqa: E402 (after the path is set)

DATABASE_URL = os.environ.get(
    "CAMPAIGN_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tawasul_campaign_bench"
)
COMMENTS = int(os.environ.get("CAMPAIGN_BENCH_COMMENTS", "100000"))
SAMPLE = int(os.environ.get("CAMPAIGN_BENCH_SAMPLE", "3000"))
ONE_BY_ONE = int(os.environ.get("CAMPAIGN_BENCH_ONE_BY_ONE", "200"))
TRIGRAM_QUERIES = int(os.environ.get("CAMPAIGN_BENCH_TRIGRAM_QUERIES", "60"))
TRIGRAM_THRESHOLD = float(os.environ.get("CAMPAIGN_BENCH_TRIGRAM_THRESHOLD", "0.5"))
RECREATE = os.environ.get("CAMPAIGN_BENCH_RECREATE", "") == "1"
SEED_TEXT = Path("/work/shared/seed/000_79be53b1506f866f.txt")
CONSULTATIONS = 10

ENGLISH = """The draft should say how long personal data is kept and who may read it.
Citizens in the governorates need offline ways to take part, not only the website.
Please publish the comments received and the agency's answer to each of them.
The consultation period is too short for civil-society organisations to prepare a response.
Article five should require the agency to explain which proposals it accepted and why.
Public services must be accessible to persons with disabilities, including screen-reader users.
We ask the ministry to hold workshops in Irbid, Zarqa and Karak before the final version.
The text does not say who supervises compliance or what happens when an agency breaks the rules.
Small businesses need a simpler procedure and a clear deadline for the government's decision.
Young people use mobile phones: the portal should work well on a small screen and slow connections.
Open data files should be published in machine-readable formats with a clear licence.
Women in rural areas should be reached through local councils and community centres.""".splitlines()

ARABIC_FALLBACK = """نقترح نشر جميع الملاحظات الواردة ورد الجهة الحكومية على كل منها.
يجب أن تحدد التعليمات مدة الاحتفاظ بالبيانات الشخصية ومن يحق له الاطلاع عليها.
مدة المشاورة قصيرة ولا تكفي مؤسسات المجتمع المدني لإعداد ردودها.""".splitlines()

CAMPAIGNS_AR = [
    "نحن أبناء محافظة الكرك نطالب بإضافة مادة صريحة تُلزم الجهات الحكومية بنشر نتائج المشاورات "
    "خلال ثلاثين يوماً من إغلاقها، وبيان أسباب رفض أي مقترح مقدم من المواطنين.",
    "أرفض المادة الخامسة من مشروع التعليمات لأنها تسمح بمشاركة البيانات الشخصية للمواطنين مع جهات أخرى "
    "دون موافقتهم الصريحة، وأطالب بحذفها أو تعديلها بما يحمي الخصوصية.",
    "بصفتي معلماً في مدارس وزارة التربية أطالب بأن تشمل المشاورة المعلمين في المحافظات البعيدة "
    "وأن تُعقد ورش عمل حضورية في إربد والزرقاء والكرك قبل اعتماد النسخة النهائية.",
    "نطالب بتمديد فترة المشاورة لمدة شهر إضافي حتى تتمكن النقابات المهنية والجمعيات من دراسة "
    "المشروع وتقديم ملاحظات مكتوبة ومدروسة.",
    "يجب أن تكون البوابة متاحة للأشخاص ذوي الإعاقة البصرية وأن تدعم قارئات الشاشة باللغة العربية "
    "وفق المعايير الدولية لإمكانية الوصول.",
    "أؤيد مشروع القانون بشرط إنشاء هيئة مستقلة تراقب التزام الجهات الحكومية بالرد على ملاحظات المواطنين "
    "ونشر تقرير سنوي بذلك.",
]
CAMPAIGNS_EN = [
    "As members of the Zarqa chamber of commerce we ask the ministry to exempt small businesses from the "
    "new reporting duty for the first two years and to publish a simple guide in Arabic and English.",
    "I oppose article five because it allows personal data to be shared with other agencies without "
    "the explicit consent of the citizen. Please remove it or add strong safeguards.",
    "Extend the consultation by one month so that trade unions and associations can study the draft "
    "and send considered written comments.",
]
GREETINGS_AR = ["السلام عليكم،", "تحية طيبة وبعد،", "مع الشكر،", "والله ولي التوفيق.", "شكراً لكم."]
GREETINGS_EN = ["Dear Sir or Madam,", "Thank you.", "Regards,", "Hello,"]
NAMES = ["أحمد", "فاطمة", "محمد", "ليلى", "سامي", "رنا", "Omar", "Sara", "Khaled"]
DIACRITICS = "\u064e\u064f\u0650\u0651\u0652\u064b"
ARABIC_SWAPS = {"ا": "أ", "ة": "ه", "ي": "ى", "إ": "ا", "أ": "ا"}
SUBSTITUTES_AR = ["نرجو", "نأمل", "الرجاء", "المقترح", "الحكومة", "الوزارة", "ضرورة", "فوراً", "أيضاً"]
SUBSTITUTES_EN = ["kindly", "also", "urgently", "government", "ministry", "draft", "really", "strongly"]


def log(message):
    print(f"[campaign-bench] {message}", file=sys.stderr, flush=True)


def setup_django():
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DATABASE_STATEMENT_TIMEOUT"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False


# Synthetic comments ----------------------------------------------------------------------------


def arabic_sentences():
    text = SEED_TEXT.read_text(encoding="utf-8") if SEED_TEXT.exists() else "\n".join(ARABIC_FALLBACK)
    pieces = re.split(r"[\n.،:؛!؟]+", text)
    sentences = [" ".join(piece.split()) for piece in pieces]
    sentences = [s for s in sentences if len(s.split()) >= 4 and re.search(r"[\u0621-\u064a]", s)]
    return sentences or ARABIC_FALLBACK


def ordinary_comment(rng, words):
    """What one person writes: 2–4 short passages of the document (3–8 words each, as people quote it)
    between words of their own; in English one time in five."""
    if rng.random() < 0.8:
        parts = []
        for _ in range(rng.randint(2, 4)):
            start = rng.randrange(len(words) - 8)
            parts.append(" ".join(words[start : start + rng.randint(3, 8)]))
            parts.append(" ".join(rng.choices(words, k=rng.randint(1, 4))))
        return f"{rng.choice(SUBSTITUTES_AR)} {' '.join(parts)}"
    english = " ".join(ENGLISH).split()
    parts = []
    for _ in range(rng.randint(2, 4)):
        start = rng.randrange(len(english) - 8)
        parts.append(" ".join(english[start : start + rng.randint(3, 8)]))
        parts.append(" ".join(rng.choices(english, k=rng.randint(1, 4))))
    return f"{rng.choice(SUBSTITUTES_EN).capitalize()}: {' '.join(parts)}"


def vary(rng, text, arabic):
    """A copy of a campaign text as another sender would send it."""
    words = text.split()
    for _ in range(rng.choice([0, 0, 1, 1, 2])):  # a word changed, dropped or added
        position = rng.randrange(len(words))
        choice = rng.random()
        substitutes = SUBSTITUTES_AR if arabic else SUBSTITUTES_EN
        if choice < 0.4:
            words[position] = rng.choice(substitutes)
        elif choice < 0.7 and len(words) > 5:
            del words[position]
        else:
            words.insert(position, rng.choice(substitutes))
    text = " ".join(words)
    if arabic and rng.random() < 0.5:  # diacritics and tatweel on some letters
        text = "".join(
            char + (rng.choice(DIACRITICS) if "\u0621" <= char <= "\u064a" and rng.random() < 0.15 else "")
            for char in text
        )
        if rng.random() < 0.3:
            text = text.replace("ا", "ـا", 2)
    if arabic and rng.random() < 0.5:  # hamza, taa marbuta, alef maqsura as people type them
        for source, target in ARABIC_SWAPS.items():
            if rng.random() < 0.4:
                text = text.replace(source, target)
    if rng.random() < 0.4:  # punctuation
        text = re.sub(r"[،,.]", rng.choice(["", " -", "!", "،"]), text)
    if rng.random() < 0.3:
        greetings = GREETINGS_AR if arabic else GREETINGS_EN
        text = f"{rng.choice(greetings)} {text}" if rng.random() < 0.5 else f"{text} {rng.choice(greetings)}"
    if rng.random() < 0.2:
        text = f"{text} {rng.choice(NAMES)}"
    if arabic and rng.random() < 0.2:
        text = text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return text


def generate(total, rng):
    """[(translation key, label or None, body)], in the order they arrive."""
    keys = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(CONSULTATIONS)]
    words = " ".join(arabic_sentences()).split()
    campaigns = [(text, True) for text in CAMPAIGNS_AR] + [(text, False) for text in CAMPAIGNS_EN]
    # Sizes from a handful to thousands; each campaign on one consultation (two on the busiest).
    sizes = [3000, 1500, 800, 400, 200, 60, 25, 8, 2]
    planted = []
    for number, ((text, arabic), size) in enumerate(zip(campaigns, sizes, strict=False)):
        key = keys[0] if number < 2 else keys[number % CONSULTATIONS]
        scale = max(1, total // 100_000)
        planted += [(key, f"c{number}", vary(rng, text, arabic)) for _ in range(size * scale)]
    ordinary = [(rng.choice(keys), None, ordinary_comment(rng, words)) for _ in range(total - len(planted))]
    rows = planted + ordinary
    rng.shuffle(rows)
    return keys, rows


def load(rows):
    from django.db import connection

    agency = uuid.uuid4()
    columns = (
        "translation_key",
        "block_id",
        "agency_key",
        "language",
        "body",
        "stance",
        "status",
        "is_official",
        "signed_as",
        "moderation_reason",
        "moderation_note",
        "created_at",
        "organisation_name",
        "respondent_sector",
    )
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY participation_comment ({', '.join(columns)}) FROM STDIN") as copy:
            for key, _label, body in rows:
                language = "ar" if re.search(r"[\u0621-\u064a]", body) else "en"
                copy.write_row((key, "ask", agency, language, body, "", "pending", False, "", "", "", "now()", "", ""))
        cursor.execute("ANALYZE participation_comment")
        cursor.execute("SELECT id FROM participation_comment ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    return ids


# Measuring ------------------------------------------------------------------------------------------


def pair_scores(sample, truth, predicted):
    """Precision and recall of the pairs of `sample` put together, against the labels."""
    true_pairs = found = right = 0
    for first, second in combinations(sample, 2):
        same = truth[first] is not None and truth[first] == truth[second]
        together = predicted.get(first) is not None and predicted.get(first) == predicted.get(second)
        true_pairs += same
        found += together
        right += same and together
    precision = right / found if found else 1.0
    recall = right / true_pairs if true_pairs else 1.0
    return precision, recall, true_pairs, found


def minhash_groups(ids):
    from participation.models import CommentFingerprint

    rows = CommentFingerprint.objects.filter(comment_id__in=ids, campaign__isnull=False)
    return dict(rows.values_list("comment_id", "campaign_id"))


def trigram(keys_of, ids, bodies, rng):
    """Per-comment time of a pg_trgm search for near-duplicates among the comments before it, and the
    groups it gives on the sample (the union of pairs above the threshold)."""
    from django.db import connection

    from participation.campaigns import normalise

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("DROP TABLE IF EXISTS bench_trgm")
        cursor.execute("CREATE UNLOGGED TABLE bench_trgm (id integer primary key, tkey uuid, norm text)")
        with cursor.cursor.copy("COPY bench_trgm (id, tkey, norm) FROM STDIN") as copy:
            for pk in ids:
                copy.write_row((pk, keys_of[pk], normalise(bodies[pk])))
        started = time.perf_counter()
        cursor.execute("CREATE INDEX bench_trgm_norm ON bench_trgm USING gin (norm gin_trgm_ops)")
        cursor.execute("CREATE INDEX bench_trgm_key ON bench_trgm (tkey)")
        cursor.execute("ANALYZE bench_trgm")
        index_time = time.perf_counter() - started
        cursor.execute("SELECT set_limit(%s)", [TRIGRAM_THRESHOLD])
        queries = rng.sample(ids, min(TRIGRAM_QUERIES, len(ids)))
        timings = []
        for pk in queries:
            started = time.perf_counter()
            cursor.execute(
                "SELECT id FROM bench_trgm WHERE tkey = %s AND norm %% %s AND id <> %s",
                [keys_of[pk], normalise(bodies[pk]), pk],
            )
            cursor.fetchall()
            timings.append(time.perf_counter() - started)
    return index_time, timings


def trigram_pairs(sample, keys_of, bodies):
    """Group the sample by trigram similarity (pairs above the threshold, joined transitively)."""
    from django.db import connection

    from participation.campaigns import normalise

    parent = {pk: pk for pk in sample}

    def find(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_trgm_sample")
        cursor.execute("CREATE TEMP TABLE bench_trgm_sample (id integer, tkey uuid, norm text)")
        with cursor.cursor.copy("COPY bench_trgm_sample (id, tkey, norm) FROM STDIN") as copy:
            for pk in sample:
                copy.write_row((pk, keys_of[pk], normalise(bodies[pk])))
        cursor.execute(
            "SELECT a.id, b.id FROM bench_trgm_sample a JOIN bench_trgm_sample b "
            "ON a.tkey = b.tkey AND a.id < b.id AND similarity(a.norm, b.norm) >= %s",
            [TRIGRAM_THRESHOLD],
        )
        for first, second in cursor.fetchall():
            parent[find(first)] = find(second)
    roots = {pk: find(pk) for pk in sample}
    sizes = defaultdict(int)
    for root in roots.values():
        sizes[root] += 1
    return {pk: root for pk, root in roots.items() if sizes[root] > 1}


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    started_all = time.perf_counter()
    rng = random.Random(11)  # noqa: S311 - synthetic data, the same every run
    log(f"preparing {DATABASE_URL}")
    create_database(DATABASE_URL, recreate=RECREATE)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrated in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:  # the last run's comments and groups
        cursor.execute("TRUNCATE participation_comment RESTART IDENTITY CASCADE")
        cursor.execute("DROP TABLE IF EXISTS bench_trgm")

    from participation.campaigns import group_pending
    from participation.models import Comment

    keys, rows = generate(COMMENTS, rng)
    later = rows[-ONE_BY_ONE:] if ONE_BY_ONE else []
    rows = rows[: len(rows) - len(later)]
    ids = load(rows)
    labels = {pk: label for pk, (_key, label, _body) in zip(ids, rows, strict=True)}
    keys_of = {pk: key for pk, (key, _label, _body) in zip(ids, rows, strict=True)}
    bodies = {pk: body for pk, (_key, _label, body) in zip(ids, rows, strict=True)}
    planted = sum(1 for label in labels.values() if label)
    print(f"comments: {len(ids):,} in {CONSULTATIONS} consultations ({planted:,} campaign copies in 9 campaigns)")

    started = time.perf_counter()
    joined = sum(group_pending(key) for key in keys)
    batch_time = time.perf_counter() - started
    print(f"MinHash/LSH, batches of 5,000: {batch_time:.1f} s for {len(ids):,} comments ({joined:,} in campaigns)")

    timings = []
    for key, label, body in later:
        comment = Comment.objects.create(
            translation_key=key, block_id="ask", agency_key=uuid.uuid4(), language="ar", body=body
        )
        labels[comment.pk], keys_of[comment.pk], bodies[comment.pk] = label, key, body
        ids.append(comment.pk)
        started = time.perf_counter()
        group_pending(key, since=comment.pk)
        timings.append(time.perf_counter() - started)
    if timings:
        print(
            f"MinHash/LSH, one new comment at a time: p50 {1000 * percentile(timings, 0.5):.1f} ms, "
            f"p95 {1000 * percentile(timings, 0.95):.1f} ms ({len(timings)} comments)"
        )

    sample = sorted(rng.sample(ids, min(SAMPLE, len(ids))))
    precision, recall, true_pairs, found = pair_scores(sample, labels, minhash_groups(sample))
    print(
        f"MinHash/LSH on the labelled sample of {len(sample):,}: precision {100 * precision:.1f} %, "
        f"recall {100 * recall:.1f} % ({true_pairs:,} true pairs, {found:,} found)"
    )

    index_time, trigram_timings = trigram(keys_of, ids, bodies, rng)
    per_comment = sum(trigram_timings) / len(trigram_timings)
    print(
        f"pg_trgm (similarity >= {TRIGRAM_THRESHOLD}): GIN index {index_time:.1f} s; one comment's search "
        f"p50 {1000 * percentile(trigram_timings, 0.5):.1f} ms, p95 {1000 * percentile(trigram_timings, 0.95):.1f} ms, "
        f"so about {per_comment * len(ids):.0f} s for {len(ids):,} comments"
    )
    precision, recall, true_pairs, found = pair_scores(sample, labels, trigram_pairs(sample, keys_of, bodies))
    print(
        f"pg_trgm on the labelled sample of {len(sample):,}: precision {100 * precision:.1f} %, "
        f"recall {100 * recall:.1f} % ({true_pairs:,} true pairs, {found:,} found)"
    )
    connection.close()
    print(f"campaign bench: {time.perf_counter() - started_all:.0f} s in all")


if __name__ == "__main__":
    main()
