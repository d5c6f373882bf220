"""Demo campaign: 37 people send nearly the same comment on the open demo consultation (issue 11).

Called from participation.demo.seed. The comments wait for moderation and are grouped at once
(participation.campaigns, as the task worker would), so `make run` shows them as one row,
“37 near-identical comments”, in the moderation queue. Safe to run again.
"""

from django.contrib.auth import get_user_model

from .campaigns import group_pending
from .models import Comment, CommentStatus, Profile

SIZE = 37
USERNAME = "campaign{:02d}"
NAMES = [
    "أحمد الزعبي",
    "فاطمة العمري",
    "محمد الخطيب",
    "سلمى الحوراني",
    "خالد المومني",
    "رنا الطراونة",
    "يوسف المجالي",
    "هبة الروسان",
    "عمر القضاة",
    "ديما الشرع",
    "سامر العبادي",
    "نور الهدى",
    "إبراهيم الرواشدة",
    "ليلى البطاينة",
    "زيد الحمود",
    "آمنة السرحان",
    "طارق الكساسبة",
    "مريم الشديفات",
]
TEXT = (
    "نطالب بإضافة مادة صريحة إلى مشروع التعليمات تُلزم الجهة الحكومية بإبلاغ المواطن خلال اثنتين وسبعين "
    "ساعة إذا تعرّضت بياناته الشخصية لأي اختراق أو تسريب، مع بيان الإجراءات التي اتخذتها لحمايته "
    "وحقه في تقديم شكوى."
)
# How 37 people send “the same” text: greetings, signatures, diacritics, a word of their own, punctuation.
VARIATIONS = [
    lambda text: text,
    lambda text: "السلام عليكم، " + text,
    lambda text: text.replace("نطالب", "أطالب"),
    lambda text: text.replace("اثنتين وسبعين ساعة", "72 ساعة"),
    lambda text: text.replace("الحكومية", "الحكوميه").replace("،", ""),
    lambda text: text + " مع الشكر.",
    lambda text: text.replace("المواطن", "المُواطِن").replace("لحمايته", "لِحِمايَتِه"),
    lambda text: text.replace("أي اختراق أو تسريب", "أي اختراق"),
    lambda text: "تحية طيبة وبعد، " + text.replace(".", "!"),
]


def seed_campaign(demo, page):
    block = next((block for block in page.body if block.block_type == "comments"), None)
    if block is None or page.agency is None:
        return
    User = get_user_model()
    if Comment.objects.filter(translation_key=page.translation_key, author__username=USERNAME.format(1)).exists():
        group_pending(page.translation_key)  # checked already, unless the worker was not running
        return
    comments = []
    for number in range(1, SIZE + 1):
        user, created = User.objects.get_or_create(username=USERNAME.format(number))
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            Profile.objects.get_or_create(user=user, defaults={"display_name": NAMES[number % len(NAMES)]})
        body = VARIATIONS[number % len(VARIATIONS)](TEXT)
        if number % 5 == 0:
            body = f"{body} {NAMES[number % len(NAMES)].split()[0]}"
        comments.append(
            Comment(
                translation_key=page.translation_key,
                block_id=block.id,
                consultation=page,
                agency_key=page.agency.translation_key,
                author=user,
                language="ar",
                body=body,
                stance="against" if number % 4 else "",
                status=CommentStatus.PENDING,
            )
        )
    Comment.objects.bulk_create(comments)  # no signal: grouped here, at once
    group_pending(page.translation_key)
    demo.counts["campaign comments created"] += len(comments)
