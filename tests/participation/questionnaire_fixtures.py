"""A consultation with a questionnaire, shared by the questionnaire and respondent tests."""

from participation.blocks import QuestionKind

from .conftest import participation_body


def question(qid, text, kind, required=False, options=(), allow_other=False, condition=None, help=""):
    value = {
        "text": text,
        "kind": kind,
        "help": help,
        "required": required,
        "options": [{"type": "item", "value": {"label": label}, "id": oid} for oid, label in options],
        "allow_other": allow_other,
        "condition_question": condition[0] if condition else None,
        "condition_answer": condition[1] if condition else None,
    }
    return {"type": "item", "value": value, "id": qid}


def questionnaire_block(show_results="after_closing", block_id="survey"):
    return {
        "type": "questionnaire",
        "id": block_id,
        "value": {
            "title": "استبيان حول بوابة المشاركة الإلكترونية",
            "intro": "يستغرق خمس دقائق.",
            "show_results": show_results,
            "questions": [
                question(
                    "q-channel",
                    "كيف عرفت بهذه المشاورة؟",
                    QuestionKind.SINGLE,
                    required=True,
                    options=[("o-portal", "بوابة تواصل"), ("o-social", "وسائل التواصل الاجتماعي")],
                    allow_other=True,
                ),
                question("q-clarity", "ما مدى وضوح المسودة؟", QuestionKind.SCALE, required=True),
                question("q-used", "هل استخدمت خدمة إلكترونية طلبت بياناتك الشخصية؟", QuestionKind.YES_NO),
                question(
                    "q-told",
                    "ما الذي أخبرتك به الخدمة؟",
                    QuestionKind.MULTIPLE,
                    required=True,
                    options=[
                        ("o-why", "سبب جمع البيانات"),
                        ("o-how-long", "مدة الاحتفاظ بها"),
                        ("o-who", "من تُشارك معه"),
                    ],
                    condition=(3, 1),
                ),
                question("q-ideas", "ما مقترحاتك؟", QuestionKind.LONG_TEXT, help="اكتب بحرية."),
                question("q-service", "ما الخدمة التي تود تحسينها؟", QuestionKind.SHORT_TEXT),
            ],
        },
    }


def body_with_questionnaire(**kwargs):
    return participation_body() + [questionnaire_block(**kwargs)]
