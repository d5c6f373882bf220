# ruff: noqa: E501 -- prose is easier to read and translate one sentence per line.
"""Demo citizens and their responses for `manage.py seed_demo`.

Written as real people would write: some comments approved, some waiting for a
moderator, votes in every poll. Keyed by consultation slug and by block
("comments" = the first comment block, "article:N" = article N, "poll" = the first poll).
"""

PASSWORD = "tawasul-participant"  # noqa: S105 -- demo accounts only; seed_demo refuses production

PARTICIPANTS = [
    {
        "username": "rania",
        "display_name": "رانيا م.",
        "governorate": "amman",
        "age_band": "25_34",
        "gender": "female",
        "disability": "no",
    },
    {
        "username": "khaled",
        "display_name": "خالد ع.",
        "governorate": "irbid",
        "age_band": "45_54",
        "gender": "male",
        "disability": "no",
    },
    {
        "username": "maha",
        "display_name": "مها س.",
        "governorate": "zarqa",
        "age_band": "35_44",
        "gender": "female",
        "disability": "yes",
    },
    {
        "username": "yousef",
        "display_name": "يوسف ح.",
        "governorate": "karak",
        "age_band": "18_24",
        "gender": "male",
        "disability": "no",
    },
    {
        "username": "salma",
        "display_name": "سلمى ن.",
        "governorate": "mafraq",
        "age_band": "55_64",
        "gender": "female",
        "disability": "unsaid",
    },
    {
        "username": "omar",
        "display_name": "Omar K.",
        "governorate": "aqaba",
        "age_band": "65_plus",
        "gender": "male",
        "disability": "yes",
    },
]

APPROVED, PENDING = "approved", "pending"

RESPONSES = {
    "telehealth-instructions": {
        "comments": [
            (
                "salma",
                "ar",
                "for",
                APPROVED,
                "استخدمت الاستشارة بالفيديو لمتابعة ضغط والدتي، ووفّرت علينا السفر إلى عمّان. أرجو أن يبقى للمريض حق طلب مراجعة حضورية متى شاء.",
            ),
            ("khaled", "ar", "neutral", APPROVED, "يجب ألا تُصرف الأدوية المخدرة أو المهدئة بوصفة صادرة عن بُعد."),
            ("omar", "en", "for", APPROVED, "Please require clinics to state the fee before the consultation starts."),
            (
                "maha",
                "ar",
                "for",
                APPROVED,
                "أطلب السماح بوجود مرافق أو مترجم لغة إشارة خلال الاستشارة للأشخاص ذوي الإعاقة وكبار السن.",
            ),
            (
                "yousef",
                "ar",
                "against",
                APPROVED,
                "أقترح تسجيل جميع الاستشارات بالفيديو وحفظها لحماية المريض والطبيب معاً.",
            ),
        ],
    },
    "draft-e-participation-law": {
        "comments": [
            (
                "rania",
                "ar",
                "for",
                APPROVED,
                "أؤيد المشروع بشكل عام، وأقترح أن تلتزم كل جهة بالرد على أسئلة المواطنين خلال مدة المشاورة نفسها، لا بعد انتهائها.",
            ),
            (
                "khaled",
                "ar",
                "neutral",
                APPROVED,
                "الفكرة جيدة، لكن كثيراً من كبار السن في القرى لا يستخدمون الإنترنت. أرجو أن ينص القانون على وسيلة بديلة مثل مراكز الخدمة أو الهاتف.",
            ),
            (
                "omar",
                "en",
                "for",
                APPROVED,
                "A clear legal duty to publish the outcome report is the most important part of this draft. Please keep it.",
            ),
            (
                "yousef",
                "ar",
                "against",
                PENDING,
                "مدة عشرة أيام قصيرة جداً لمشروع قانون كامل. يحتاج طلاب الجامعات ومؤسسات المجتمع المدني إلى ثلاثين يوماً على الأقل.",
            ),
        ],
        "article:5": [
            (
                "maha",
                "ar",
                "against",
                APPROVED,
                "أقترح رفع الحد الأدنى لمدة المشاورة إلى واحد وعشرين يوماً، مع نسخ مقروءة بطريقة برايل ولغة الإشارة للأشخاص ذوي الإعاقة.",
            ),
            (
                "salma",
                "ar",
                "neutral",
                PENDING,
                "يجب أن يُذكر بوضوح من يقرر تمديد مدة المشاورة، وأن يُنشر سبب التمديد على البوابة.",
            ),
        ],
        "article:7": [
            (
                "rania",
                "ar",
                "for",
                APPROVED,
                "مدة اثني عشر أسبوعاً لنشر التقرير معقولة، بشرط أن يبيّن التقرير سبب عدم الأخذ بكل ملاحظة.",
            ),
        ],
    },
    "health-centre-appointments": {
        "comments": [
            (
                "salma",
                "ar",
                "",
                APPROVED,
                "أحتاج أن أحجز موعداً لوالدتي المسنّة من حسابي أنا، وأن تصلني رسالة تذكير قبل الموعد بيوم.",
            ),
            (
                "maha",
                "ar",
                "",
                APPROVED,
                "أرجو أن تكون الخدمة متوافقة مع قارئ الشاشة، وأن يكون هناك خيار لطلب مترجم لغة إشارة عند الحجز.",
            ),
            (
                "omar",
                "en",
                "",
                PENDING,
                "Please let us cancel or move an appointment by text message, not only on the website.",
            ),
        ],
        "poll": [("rania", [0]), ("khaled", [2]), ("maha", [0]), ("yousef", [1]), ("salma", [2]), ("omar", [1])],
    },
    "personal-data-instructions": {
        "comments": [
            (
                "yousef",
                "ar",
                "for",
                APPROVED,
                "أؤيد إلزام الجهات بإبلاغ صاحب البيانات خلال مدة محددة إذا تعرضت بياناته لخرق.",
            ),
            (
                "khaled",
                "ar",
                "neutral",
                PENDING,
                "ما الجهة التي يشتكي إليها المواطن إذا لم تلتزم جهة حكومية بهذه التعليمات؟",
            ),
        ],
        "poll": [("rania", [0, 1]), ("yousef", [0]), ("omar", [1, 2])],
    },
}


# The ministry's answer to each comment on the concluded consultation, in the commenter's language.
DISPOSITIONS = {
    "telehealth-instructions": [
        ("salma", "accepted", "أضفنا إلى المادة 4 حق المريض في طلب مراجعة حضورية في أي وقت."),
        ("khaled", "accepted", "أضفنا قائمة بالأدوية التي لا تُصرف بوصفة صادرة عن بُعد، ومنها الأدوية المخدرة والمهدئة."),
        (
            "omar",
            "accepted",
            "The instructions now require the provider to state the fee before the consultation begins.",
        ),
        (
            "maha",
            "partly_accepted",
            "أتحنا وجود مرافق يختاره المريض. أما مترجم لغة الإشارة فسننظمه في دليل إجرائي منفصل مع المجلس الأعلى لحقوق الأشخاص ذوي الإعاقة.",
        ),
        (
            "yousef",
            "not_accepted",
            "لم نأخذ بتسجيل جميع الاستشارات بالفيديو حمايةً لخصوصية المرضى، واكتفينا بتوثيقها كتابةً في السجل الطبي.",
        ),
    ],
}


# More people who voted without commenting, so that the statistics' inclusion
# breakdown has groups of five or more to show (smaller groups are suppressed).
GOVERNORATE_VOTERS = {
    "amman": 14,
    "irbid": 9,
    "zarqa": 7,
    "karak": 5,
    "balqa": 3,
    "mafraq": 2,
    "aqaba": 2,
    "tafilah": 1,
}
AGE_BANDS = ["18_24", "25_34", "25_34", "35_44", "45_54", "55_64", "65_plus"]


def extra_voters():
    """(username, governorate, age band, gender, disability) for each extra voter, the same on every run."""
    number = 0
    for governorate, count in GOVERNORATE_VOTERS.items():
        for _ in range(count):
            number += 1
            yield (
                f"voter{number:02d}",
                governorate,
                AGE_BANDS[number % len(AGE_BANDS)],
                "female" if number % 2 else "male",
                "yes" if number % 6 == 0 else "no",
            )
