"""Demo content of questionnaires and of responses on behalf of organisations (seed_demo calls `seed`).

The open consultation on the draft instructions for personal data in government e-services gets a
questionnaire modelled on the commitment's e-questionnaire ("proposals and recommendations on the
e-participation portal", sent to government, the private sector and civil society, and academia),
in Arabic and English with the same block, question and answer ids, some answers from the demo
participants, and one comment on behalf of a civil-society organisation. Safe to run again.
"""

import uuid

from django.contrib.auth import get_user_model

from .blocks import QuestionKind
from .models import (
    Comment,
    CommentStatus,
    QuestionnaireAnswer,
    QuestionnaireSubmission,
    RespondentSector,
)

CONSULTATION = "personal-data-instructions"
IDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://tawasul.example/seed_demo/questionnaire")


def fixed_id(*path):
    return str(uuid.uuid5(IDS, "/".join(str(part) for part in path)))


BLOCK_ID = fixed_id("block")

# (key, kind, required, Arabic text, English text, Arabic help, English help, [(key, Arabic, English)],
#  allow other, condition (question number, answer number))
QUESTIONS = [
    (
        "audience",
        QuestionKind.SINGLE,
        True,
        "من أيّ قطاع تشارك في هذا الاستبيان؟",
        "Which sector are you answering from?",
        "",
        "",
        [
            ("public", "القطاع الحكومي", "Government"),
            ("private", "القطاع الخاص", "Private sector"),
            ("civil", "مؤسسات المجتمع المدني", "Civil-society organisations"),
            ("academic", "القطاع الأكاديمي", "Academia"),
            ("citizen", "مواطن أو مقيم", "Citizen or resident"),
        ],
        False,
        None,
    ),
    (
        "clarity",
        QuestionKind.SCALE,
        True,
        "ما مدى وضوح لغة مشروع التعليمات؟",
        "How clear is the language of the draft instructions?",
        "1 غير واضحة أبداً، و5 واضحة تماماً.",
        "1 is not clear at all, 5 is entirely clear.",
        [],
        False,
        None,
    ),
    (
        "used",
        QuestionKind.YES_NO,
        True,
        "هل استخدمت خلال العام الماضي خدمة حكومية إلكترونية طلبت بياناتك الشخصية؟",
        "In the past year, have you used a government e-service that asked for your personal data?",
        "",
        "",
        [],
        False,
        None,
    ),
    (
        "told",
        QuestionKind.MULTIPLE,
        False,
        "ما الذي أخبرتك به الخدمة عن بياناتك؟",
        "What did the service tell you about your data?",
        "اختر كل ما ينطبق.",
        "Choose all that apply.",
        [
            ("why", "سبب جمع البيانات", "Why the data was collected"),
            ("how-long", "مدة الاحتفاظ بها", "How long it would be kept"),
            ("shared", "الجهات التي تُشارك معها", "Who it would be shared with"),
            ("correct", "كيف أطلب تصحيحها أو حذفها", "How to ask for it to be corrected or deleted"),
            ("nothing", "لم تخبرني بشيء", "Nothing"),
        ],
        False,
        (3, 1),
    ),
    (
        "channels",
        QuestionKind.MULTIPLE,
        False,
        "كيف تفضّل أن تستشيرك الجهات الحكومية في مثل هذه التعليمات؟",
        "How would you prefer government entities to consult you on instructions like these?",
        "",
        "",
        [
            ("portal", "عبر بوابة تواصل", "On the Tawasul portal"),
            ("workshops", "ورش عمل حضورية", "In-person workshops"),
            ("questionnaires", "استبيانات إلكترونية", "Online questionnaires"),
            ("social", "وسائل التواصل الاجتماعي", "Social media"),
        ],
        True,
        None,
    ),
    (
        "proposals",
        QuestionKind.LONG_TEXT,
        False,
        "ما مقترحاتك وتوصياتك لتحسين حماية البيانات الشخصية في الخدمات الحكومية الإلكترونية؟",
        "What are your proposals and recommendations for better protection of personal data in government e-services?",
        "لا تكتب بيانات شخصية مثل رقم الهاتف أو الرقم الوطني.",
        "Do not write personal data such as a phone or national ID number.",
        [],
        False,
        None,
    ),
]

QUESTIONNAIRE = {
    "ar": {
        "title": "استبيان: مقترحاتكم حول حماية البيانات في الخدمات الإلكترونية",
        "intro": (
            "على غرار الاستبيان الإلكتروني الذي وُجّه عند إعداد بوابة المشاركة الإلكترونية إلى القطاع الحكومي "
            "والقطاع الخاص ومؤسسات المجتمع المدني والقطاع الأكاديمي، نودّ أن نعرف تجربتكم ومقترحاتكم. "
            "يستغرق الاستبيان نحو خمس دقائق، ويمكنكم تعديل إجاباتكم حتى إغلاق المشاورة."
        ),
    },
    "en": {
        "title": "Questionnaire: your proposals on data protection in e-services",
        "intro": (
            "Like the e-questionnaire sent to government, the private sector and civil society, and academia "
            "when the e-participation portal was being prepared, we would like to hear your experience and "
            "proposals. It takes about five minutes, and you can change your answers until the consultation closes."
        ),
    },
}

# (username, language, {question key: [option keys] or text}, organisation name, sector)
ANSWERS = [
    (
        "rania",
        "ar",
        {
            "audience": ["civil"],
            "clarity": ["4"],
            "used": ["yes"],
            "told": ["why", "correct"],
            "channels": ["portal", "workshops"],
            "proposals": "نقترح أن تنشر كل جهة سجلاً مبسّطاً بالبيانات التي تجمعها والغاية منها، وأن يكون طلب "
            "التصحيح متاحاً من داخل الخدمة نفسها.",
        },
        "جمعية الشفافية الأردنية",
        RespondentSector.CIVIL_SOCIETY,
    ),
    (
        "khaled",
        "ar",
        {
            "audience": ["private"],
            "clarity": ["3"],
            "used": ["yes"],
            "told": ["why"],
            "channels": ["questionnaires"],
            "proposals": "مهلة ستة أشهر للتكيّف مع التعليمات غير كافية للشركات الصغيرة.",
        },
        "",
        "",
    ),
    (
        "maha",
        "en",
        {"audience": ["academic"], "clarity": ["5"], "used": ["no"], "channels": ["portal", "other"]},
        "",
        "",
    ),
    ("yousef", "ar", {"audience": ["citizen"], "clarity": ["2"], "used": ["yes"], "told": ["nothing"]}, "", ""),
    ("salma", "ar", {"audience": ["public"], "clarity": ["4"], "used": ["no"], "channels": ["workshops"]}, "", ""),
    ("omar", "en", {"audience": ["citizen"], "clarity": ["3"], "used": ["yes"], "told": ["how-long"]}, "", ""),
]
OTHER_CHANNEL = {"maha": "ندوات في الجامعات"}

ORGANISATION_COMMENT = {
    "username": "rania",
    "organisation": "جمعية الشفافية الأردنية",
    "body": (
        "نرحّب بمشروع التعليمات، ونقترح باسم الجمعية إلزام كل جهة حكومية بتعيين مسؤول لحماية البيانات "
        "ونشر اسمه ووسيلة التواصل معه على موقعها، وبإبلاغ المواطنين خلال 72 ساعة عن أي اختراق يمسّ بياناتهم."
    ),
}


def questionnaire_value(language):
    questions = []
    for key, kind, required, ar_text, en_text, ar_help, en_help, options, allow_other, condition in QUESTIONS:
        english = language == "en"
        questions.append(
            {
                "type": "item",
                "id": fixed_id("question", key),
                "value": {
                    "text": en_text if english else ar_text,
                    "kind": kind,
                    "help": en_help if english else ar_help,
                    "required": required,
                    "options": [
                        {
                            "type": "item",
                            "id": fixed_id("option", key, option),
                            "value": {"label": en if english else ar},
                        }
                        for option, ar, en in options
                    ],
                    "allow_other": allow_other,
                    "condition_question": condition[0] if condition else None,
                    "condition_answer": condition[1] if condition else None,
                },
            }
        )
    return {
        "title": QUESTIONNAIRE[language]["title"],
        "intro": QUESTIONNAIRE[language]["intro"],
        "questions": questions,
        "show_results": "while_open",
    }


def _with_questionnaire(page, language):
    """The page's body in Wagtail's JSON form, with the demo questionnaire before its comments block."""
    body = [
        {"type": child["type"], "value": child["value"], "id": child.get("id")}
        for child in page.body.raw_data
        if child.get("id") != BLOCK_ID
    ]
    block = {"type": "questionnaire", "value": questionnaire_value(language), "id": BLOCK_ID}
    position = next((index for index, child in enumerate(body) if child["type"] == "comments"), len(body))
    body.insert(position, block)
    return body


def seed(demo):
    pair = next(
        ((page, english) for page, english in demo.consultations if page.slug == CONSULTATION),
        None,
    )
    if pair is None:
        return
    page, english = pair
    for version, language in ((page, "ar"), (english, "en")):
        demo.command._update(version, {"body": _with_questionnaire(version, language)})
    page.refresh_from_db()
    _answers(demo, page, english)
    _organisation_comment(demo, page)
    from .demo_campaigns import seed_campaign

    seed_campaign(demo, page)


def _answers(demo, page, english):
    User = get_user_model()
    people = {user.username: user for user in User.objects.filter(username__in=[row[0] for row in ANSWERS])}
    versions = {"ar": page, "en": english}
    for username, language, answers, organisation, sector in ANSWERS:
        user = people.get(username)
        if user is None:
            continue
        submission, created = QuestionnaireSubmission.objects.get_or_create(
            translation_key=page.translation_key,
            block_id=BLOCK_ID,
            respondent=user,
            defaults={
                "consultation": versions[language],
                "agency_key": page.agency.translation_key,
                "language": language,
                "organisation_name": organisation,
                "respondent_sector": sector,
            },
        )
        if not created:
            continue
        rows = []
        for key, answer in answers.items():
            question_id = fixed_id("question", key)
            if isinstance(answer, str):
                rows.append(QuestionnaireAnswer(submission=submission, question_id=question_id, text=answer))
                continue
            for option in answer:
                if option == "other":
                    text = OTHER_CHANNEL.get(username, "")
                    rows.append(
                        QuestionnaireAnswer(
                            submission=submission, question_id=question_id, option_id="other", text=text
                        )
                    )
                elif option.isdigit() or option in ("yes", "no"):
                    rows.append(QuestionnaireAnswer(submission=submission, question_id=question_id, option_id=option))
                else:
                    rows.append(
                        QuestionnaireAnswer(
                            submission=submission, question_id=question_id, option_id=fixed_id("option", key, option)
                        )
                    )
        QuestionnaireAnswer.objects.bulk_create(rows)
        demo.counts["questionnaire answers created"] += 1


def _organisation_comment(demo, page):
    author = get_user_model().objects.filter(username=ORGANISATION_COMMENT["username"]).first()
    block = next((block for block in page.body if block.block_type == "comments"), None)
    if author is None or block is None:
        return
    _comment, created = Comment.objects.get_or_create(
        translation_key=page.translation_key,
        block_id=block.id,
        author=author,
        body=ORGANISATION_COMMENT["body"],
        defaults={
            "consultation": page,
            "agency_key": page.agency.translation_key,
            "language": "ar",
            "stance": "for",
            "status": CommentStatus.APPROVED,
            "organisation_name": ORGANISATION_COMMENT["organisation"],
            "respondent_sector": RespondentSector.CIVIL_SOCIETY,
        },
    )
    demo.counts["comments created"] += created
