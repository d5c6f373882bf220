"""Demo events for `seed_demo`, modelled on the commitment's workshops (the fifth national OGP plan).

The Ministry of Digital Economy and Entrepreneurship consulted on the concept of the unified e-participation
portal with a workshop for government entities (26 representatives of 20 entities), one for the private sector
and civil society (51 people), one for academia (67 people), and awareness workshops for citizens in Irbid
(36), Zarqa (50) and Karak (30). Here they belong to a concluded consultation on the portal's concept, with
their head counts by sector and governorate, a summary, and the input received there (approved, some with
the ministry's answer), so that the outcome report shows it beside the online comments. One upcoming
workshop, on the open consultation on personal data, takes registrations.

Dates are relative to today, like the other demo consultations. Safe to run again: pages are found by slug,
counts and input are created only where missing, and nothing is republished unless it changed.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from participation.models import Comment, CommentStatus, ConsultationPage

from .admin_views import signature
from .models import EventIndexPage, EventPage, EventSeats, Registration, RegistrationStatus

INDEX = {
    "slug": "events",
    "ar": {
        "title": "الفعاليات وورش العمل",
        "intro": "ورش العمل والجلسات التي تعقدها الجهات الحكومية للتشاور مع المواطنين والقطاع الخاص ومؤسسات "
        "المجتمع المدني والقطاع الأكاديمي: القادمة منها وما انعقد، وما طُرح فيها.",
    },
    "en": {
        "title": "Events and workshops",
        "intro": "The workshops and sessions government entities hold to consult citizens, the private sector, "
        "civil society and academia: those to come, those held, and what was said at them.",
    },
}

CONSULTATION = {
    "slug": "e-participation-portal-concept",
    "opens": -130,
    "closes": -40,
    "contact_email": "tawasul@modee.gov.jo",
    "ar": {
        "title": "تصور البوابة الموحدة للمشاركة الإلكترونية",
        "summary": "طلبت الوزارة مقترحات وتوصيات حول تصور البوابة الحكومية الموحدة للمشاركة الإلكترونية: نطاق عملها، "
        "وأدوار الجهات الحكومية والمستفيدين، وما يحتاجه المواطنون ليشاركوا في صنع القرار. عُقدت خلال المشاورة ورش "
        "عمل للجهات الحكومية وللقطاع الخاص والمجتمع المدني وللقطاع الأكاديمي، وورش توعية للمواطنين في إربد والزرقاء "
        "والكرك.",
        "contact_name": "فريق بوابة تواصل، وزارة الاقتصاد الرقمي والريادة",
        "body": [
            {"type": "heading", "value": {"text": "ما الذي نسأل عنه", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>تعمل الوزارة على بناء بوابة موحدة للمشاركة الإلكترونية تمكّن المواطنين من المساهمة "
                "في صنع القرار في الخدمات العامة ومشاريع الحكومة ومشاريع التشريعات. "
                "نودّ أن نعرف ما الذي تتوقعونه منها.</p>",
            },
            {
                "type": "comments",
                "value": {"prompt": "ما مقترحاتكم وتوصياتكم لبوابة المشاركة الإلكترونية؟", "moderation": "pre"},
            },
        ],
        "outcome": "<p>تلقّت الوزارة المقترحات عبر البوابة وفي ورش العمل الست التي شارك فيها 260 شخصاً. أخذنا بطلب "
        "التدريب العملي للموظفين، وبنشر ما آلت إليه كل مشاورة، وبتيسير وصول الأشخاص ذوي الإعاقة. وتجدون في تقرير "
        "النتائج كل تعليق، عبر البوابة وفي الورش، وردّنا عليه.</p>",
    },
    "en": {
        "title": "The concept of the unified e-participation portal",
        "summary": "The ministry asked for proposals and recommendations on the concept of the unified government "
        "e-participation portal: its scope, the roles of government entities and of the people using it, and what "
        "citizens need to take part in decisions. During the consultation it held workshops for government "
        "entities, for the private sector and civil society, and for academia, and awareness workshops for "
        "citizens in Irbid, Zarqa and Karak.",
        "contact_name": "Tawasul team, Ministry of Digital Economy and Entrepreneurship",
        "body": [
            {"type": "heading", "value": {"text": "What we are asking", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>The ministry is building a unified e-participation portal through which citizens can "
                "take part in decisions on public services, government projects and draft legislation. We would "
                "like to know what you expect of it.</p>",
            },
            {
                "type": "comments",
                "value": {
                    "prompt": "What are your proposals and recommendations for the e-participation portal?",
                    "moderation": "pre",
                },
            },
        ],
        "outcome": "<p>The ministry received proposals on the portal and at the six workshops, attended by 260 "
        "people. We took up the call for hands-on training of staff, for publishing what became of every "
        "consultation, and for access for people with disabilities. The outcome report lists every comment, online "
        "and from the workshops, with our answer.</p>",
    },
}

AMMAN_HALL = (
    "وزارة الاقتصاد الرقمي والريادة، قاعة الاجتماعات الرئيسية",
    "Ministry of Digital Economy, main meeting room",
)

# (slug, days from today, governorate, (venue ar, venue en), audiences, participants, {sector: n},
#  {governorate: n}, Arabic, English, [(language, point, decision or "", reason)])
EVENTS = [
    {
        "slug": "workshop-government-entities",
        "days": -125,
        "governorate": "amman",
        "venue": AMMAN_HALL,
        "audience": ["audience_government"],
        "participants": 26,
        "sectors": {"government": 26},
        "governorates": {},
        "ar": (
            "ورشة عمل للجهات الحكومية حول تصور بوابة المشاركة الإلكترونية",
            "ورشة لمندوبي الجهات الحكومية لمناقشة نطاق عمل البوابة وأدوار الجهات فيها.",
            "<p>شارك في الورشة 26 مندوباً عن 20 جهة حكومية. ناقش المشاركون من يتولى نشر المشاورات في كل جهة، "
            "ومدد التشاور، والرد على التعليقات.</p>",
        ),
        "en": (
            "Workshop for government entities on the e-participation portal's concept",
            "A workshop for representatives of government entities on the portal's scope and their roles in it.",
            "<p>26 representatives of 20 government entities took part. They discussed who publishes consultations in "
            "each entity, how long consultations last, and answering comments.</p>",
        ),
        "input": [
            (
                "ar",
                "طلب المندوبون تدريباً عملياً لموظفي الجهات على نشر المشاورات والرد على التعليقات قبل إطلاق البوابة.",
                "accepted",
                "عُقدت ثلاث ورش تدريبية لموظفي القطاع العام على مدار يومين لكل منها.",
            ),
            ("ar", "اقترح المشاركون تحديد مدة دنيا للتشاور في مشاريع الأنظمة والتعليمات.", "", ""),
        ],
    },
    {
        "slug": "workshop-private-sector-civil-society",
        "days": -110,
        "governorate": "amman",
        "venue": AMMAN_HALL,
        "audience": ["audience_private_sector", "audience_civil_society", "audience_citizens"],
        "participants": 51,
        "sectors": {"private": 18, "civil_society": 24, "individual": 9},
        "governorates": {},
        "ar": (
            "ورشة عمل للقطاع الخاص ومؤسسات المجتمع المدني",
            "ورشة للقطاع الخاص ومؤسسات المجتمع المدني والمواطنين لجمع مقترحاتهم حول بوابة المشاركة الإلكترونية.",
            "<p>شارك في الورشة 51 شخصاً. طالبت مؤسسات المجتمع المدني بنشر ما آلت إليه كل مشاورة، وطالب القطاع الخاص "
            "بإشعار مسبق بالمشاورات التي تمس قطاعاته.</p>",
        ),
        "en": (
            "Workshop for the private sector and civil society",
            "A workshop for the private sector, civil-society organisations and citizens to gather their proposals "
            "on the e-participation portal.",
            "<p>51 people took part. Civil-society organisations asked that what became of every consultation be "
            "published; the private sector asked for notice of consultations affecting it.</p>",
        ),
        "input": [
            (
                "ar",
                "نطالب بأن تنشر كل جهة تقريراً بما آلت إليه المشاورة والرد على كل تعليق.",
                "accepted",
                "تنشر كل جهة تقرير النتائج في البوابة بعد إغلاق المشاورة، مع قرارها في كل تعليق.",
            ),
            (
                "ar",
                "أن تتيح البوابة متابعة المشاورات حسب القطاع وتلقي إشعار عند فتح مشاورة جديدة.",
                "partly_accepted",
                "يمكن متابعة المشاورات حسب الموضوع والجهة وتلقي إشعار بالبريد الإلكتروني؛ أما التصنيف حسب القطاع "
                "فسندرسه لاحقاً.",
            ),
        ],
    },
    {
        "slug": "workshop-academia",
        "days": -95,
        "governorate": "amman",
        "venue": ("الجامعة الأردنية، مدرج كلية الملك عبدالله الثاني لتكنولوجيا المعلومات", "University of Jordan"),
        "audience": ["audience_academia"],
        "participants": 67,
        "sectors": {"academic": 67},
        "governorates": {},
        "ar": (
            "ورشة عمل للقطاع الأكاديمي",
            "ورشة لأعضاء الهيئات التدريسية والباحثين والطلبة حول تصور بوابة المشاركة الإلكترونية.",
            "<p>شارك في الورشة 67 شخصاً من الجامعات ومراكز البحث. اقترح المشاركون إتاحة بيانات المشاركة للباحثين "
            "بصيغ مفتوحة.</p>",
        ),
        "en": (
            "Workshop for academia",
            "A workshop for faculty members, researchers and students on the concept of the e-participation portal.",
            "<p>67 people from universities and research centres took part. They proposed publishing participation "
            "data for researchers in open formats.</p>",
        ),
        "input": [
            (
                "en",
                "Publish the comments and poll results of every consultation as open data, without personal data.",
                "accepted",
                "Every consultation's published comments and poll results can be downloaded as CSV and JSON.",
            ),
        ],
    },
    {
        "slug": "awareness-workshop-irbid",
        "days": -80,
        "governorate": "irbid",
        "venue": ("غرفة تجارة إربد، القاعة الرئيسية", "Irbid Chamber of Commerce, main hall"),
        "audience": ["audience_citizens", "audience_civil_society", "audience_private_sector"],
        "participants": 36,
        "sectors": {"individual": 20, "civil_society": 12, "private": 4},
        "governorates": {"irbid": 33, "ajloun": 3},
        "ar": (
            "ورشة توعية ببوابة تواصل في إربد",
            "ورشة للمواطنين والقطاع الخاص ومؤسسات المجتمع المدني للتعريف بالبوابة وطريقة المشاركة فيها.",
            "<p>شارك في الورشة 36 شخصاً. تدرّب المشاركون على إنشاء حساب والتعليق والتصويت.</p>",
        ),
        "en": (
            "Awareness workshop on Tawasul in Irbid",
            "A workshop for citizens, the private sector and civil society on the portal and how to take part.",
            "<p>36 people took part and practised creating an account, commenting and voting.</p>",
        ),
        "input": [
            (
                "ar",
                "طلب المشاركون أن تكون البوابة سهلة الاستخدام على الهاتف المحمول، لأن أكثرهم لا يستخدم الحاسوب.",
                "accepted",
                "صُممت البوابة لتعمل على الهواتف أولاً، وتعمل حتى مع اتصال ضعيف.",
            ),
        ],
    },
    {
        "slug": "awareness-workshop-zarqa",
        "days": -65,
        "governorate": "zarqa",
        "venue": ("مركز شابات الزرقاء", "Zarqa Young Women's Centre"),
        "audience": ["audience_citizens", "audience_civil_society", "audience_private_sector"],
        "participants": 50,
        "sectors": {"individual": 31, "civil_society": 14, "private": 5},
        "governorates": {"zarqa": 46, "mafraq": 4},
        "ar": (
            "ورشة توعية ببوابة تواصل في الزرقاء",
            "ورشة للمواطنين والقطاع الخاص ومؤسسات المجتمع المدني للتعريف بالبوابة وطريقة المشاركة فيها.",
            "<p>شارك في الورشة 50 شخصاً، نصفهم تقريباً من النساء. ناقش المشاركون كيف تصل المشاورات إلى من لا "
            "يستخدمون الإنترنت كثيراً.</p>",
        ),
        "en": (
            "Awareness workshop on Tawasul in Zarqa",
            "A workshop for citizens, the private sector and civil society on the portal and how to take part.",
            "<p>50 people took part, about half of them women. They discussed how consultations can reach people "
            "who rarely use the internet.</p>",
        ),
        "input": [
            (
                "ar",
                "اقترحت مشاركات أن تعقد الجهات جلسات حضورية في المحافظات لمن لا يستخدمون الإنترنت، وأن تُسجَّل "
                "آراؤهم في البوابة.",
                "accepted",
                "تُسجَّل الآن المدخلات التي تُطرح في الورش والجلسات الحضورية في البوابة وتُنشر مع ردّ الجهة، كهذه النقطة.",
            ),
            ("ar", "أن تُرسل رسالة نصية قصيرة عند فتح مشاورة في المحافظة.", "", ""),
        ],
    },
    {
        "slug": "awareness-workshop-karak",
        "days": -50,
        "governorate": "karak",
        "venue": ("جامعة مؤتة، قاعة المؤتمرات", "Mutah University, conference hall"),
        "audience": ["audience_citizens", "audience_civil_society", "audience_private_sector"],
        "participants": 30,
        "sectors": {"individual": 19, "civil_society": 8, "private": 3},
        "governorates": {"karak": 27, "tafilah": 3},
        "ar": (
            "ورشة توعية ببوابة تواصل في الكرك",
            "ورشة للمواطنين والقطاع الخاص ومؤسسات المجتمع المدني للتعريف بالبوابة وطريقة المشاركة فيها.",
            "<p>شارك في الورشة 30 شخصاً من الكرك والطفيلة. طلب المشاركون ورشة مماثلة في الطفيلة.</p>",
        ),
        "en": (
            "Awareness workshop on Tawasul in Karak",
            "A workshop for citizens, the private sector and civil society on the portal and how to take part.",
            "<p>30 people from Karak and Tafilah took part and asked for a similar workshop in Tafilah.</p>",
        ),
        "input": [
            (
                "ar",
                "يحتاج الأشخاص ذوو الإعاقة البصرية إلى أن تعمل البوابة مع قارئات الشاشة، وأن تكون الوثائق المرفقة "
                "قابلة للقراءة.",
                "accepted",
                "تلتزم البوابة بإرشادات إتاحة محتوى الويب WCAG 2.2 بالمستوى AA، وتُختبر مع قارئات الشاشة.",
            ),
        ],
    },
]

UPCOMING = {
    "slug": "workshop-personal-data-instructions",
    "days": 5,
    "consultation": "personal-data-instructions",
    "ar": (
        "ورشة عمل حول مشروع تعليمات حماية البيانات الشخصية",
        "ورشة حضورية وعن بُعد لمناقشة مشروع التعليمات مع المواطنين ومؤسسات المجتمع المدني والقطاع الخاص والقطاع "
        "الأكاديمي قبل إغلاق المشاورة. تُسجَّل النقاط التي تُطرح فيها تعليقاتٍ على المشاورة.",
        "<p>عرض موجز لمشروع التعليمات، ثم نقاش في مجموعات حول مدد الاحتفاظ بالبيانات والإبلاغ عن الخرق.</p>",
        "أخبرونا بأي احتياج لتيسير المشاركة قبل الورشة بثلاثة أيام على البريد الإلكتروني أدناه.",
    ),
    "en": (
        "Workshop on the draft instructions on personal data",
        "An in-person and online workshop to discuss the draft instructions with citizens, civil society, the "
        "private sector and academia before the consultation closes. The points raised are recorded as comments "
        "on the consultation.",
        "<p>A short presentation of the draft, then group discussions on how long data is kept and how breaches are "
        "reported.</p>",
        "Tell us of any need three days before the workshop, at the e-mail address below.",
    ),
}


def _moment(days, hour):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, 0)))


def seed(demo):
    index = demo.page(demo.home, EventIndexPage, INDEX["slug"], dict(INDEX["ar"], show_in_menus=True))
    demo.translation(index, dict(INDEX["en"], show_in_menus=True))
    agency = demo.agencies.get("modee")
    if agency is None:
        return
    consultation, consultation_en = _consultation(demo, agency)
    for item in EVENTS:
        page, english = _event(demo, agency, item, consultation, consultation_en)
        _input(demo, page, english, consultation, item["input"])
    _upcoming(demo, agency)


def _consultation(demo, agency):
    from participation.models import ConsultationType

    item = CONSULTATION
    shared = {
        "consultation_type": ConsultationType.POLICY.value,
        "opens_at": _moment(item["opens"], 9),
        "closes_at": _moment(item["closes"], 23),
        "contact_email": item["contact_email"],
    }
    arabic, english = demo.command._versions(
        ConsultationPage, item["slug"], {"ar": item["ar"], "en": item["en"]}, **shared
    )
    page = demo.page(agency, ConsultationPage, item["slug"], arabic)
    page_en = demo.translation(page, english)
    page.refresh_from_db()
    return page, page_en


def _fields(item, language, consultation):
    title, summary, report = item[language]
    venue = item["venue"][0 if language == "ar" else 1]
    start = _moment(item["days"], 10)
    fields = {
        "title": title,
        "summary": summary,
        "report": report,
        "event_format": "in_person",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "governorate": item["governorate"],
        "venue": venue,
        "step_free_access": True,
        "sign_language": item["governorate"] != "amman",
        "accessible_toilets": True,
        "capacity": max(item["participants"] + 10, 40),
        "registration_open": False,
        "participants_total": item["participants"],
        "consultation": consultation,
        "contact_email": "tawasul@modee.gov.jo",
    }
    for name in ("audience_government", "audience_private_sector", "audience_civil_society"):
        fields[name] = name in item["audience"]
    fields["audience_academia"] = "audience_academia" in item["audience"]
    fields["audience_citizens"] = "audience_citizens" in item["audience"]
    return fields


def _set_counts(page, sectors, governorates):
    """The head counts by sector and governorate, published once (and again only when they change)."""
    current = (
        sorted((row.sector, row.count) for row in page.sector_counts.all()),
        sorted((row.governorate, row.count) for row in page.governorate_counts.all()),
    )
    wanted = (sorted(sectors.items()), sorted(governorates.items()))
    if current == wanted:
        return
    from .models import EventGovernorateCount, EventSectorCount

    page.sector_counts = [EventSectorCount(sector=key, count=value) for key, value in sectors.items()]
    page.governorate_counts = [
        EventGovernorateCount(governorate=key, count=value) for key, value in governorates.items()
    ]
    page.save_revision().publish()


def _event(demo, agency, item, consultation, consultation_en):
    page = demo.page(agency, EventPage, item["slug"], _fields(item, "ar", consultation))
    page = EventPage.objects.get(pk=page.pk)
    _set_counts(page, item["sectors"], item["governorates"])
    english = demo.translation(page, _fields(item, "en", consultation_en))
    english = EventPage.objects.get(pk=english.pk)
    _set_counts(english, item["sectors"], item["governorates"])
    return page, english


def _input(demo, page, english, consultation, points):
    from transparency.models import Disposition

    block = next((block for block in consultation.body if block.block_type == "comments"), None)
    if block is None:
        return
    versions = {"ar": page, "en": english}
    for language, body, decision, reason in points:
        comment, created = Comment.objects.get_or_create(
            translation_key=consultation.translation_key,
            block_id=block.id,
            body=body,
            event__translation_key=page.translation_key,
            defaults={
                "consultation": consultation,
                "agency_key": consultation.agency.translation_key,
                "language": language,
                "author": None,
                "status": CommentStatus.APPROVED,
                "event": versions[language],
                "signed_as": signature(page, language),
            },
        )
        demo.counts["event input created"] += created
        expected = signature(page, language)
        if not created and comment.signed_as != expected:  # the catalogue gained the words since the last run
            Comment.objects.filter(pk=comment.pk).update(signed_as=expected)
        if decision:
            Disposition.objects.get_or_create(comment=comment, defaults={"decision": decision, "reason": reason})


def _upcoming(demo, agency):
    pair = next(
        ((page, english) for page, english in demo.consultations if page.slug == UPCOMING["consultation"]), None
    )
    consultation, consultation_en = pair if pair else (None, None)
    start = _moment(UPCOMING["days"], 10)
    versions = []
    for language, linked in (("ar", consultation), ("en", consultation_en)):
        title, summary, programme, notes = UPCOMING[language]
        versions.append(
            {
                "title": title,
                "summary": summary,
                "description": programme,
                "accessibility_notes": notes,
                "event_format": "hybrid",
                "starts_at": start,
                "ends_at": start + timedelta(hours=3),
                "governorate": "amman",
                "venue": AMMAN_HALL[0 if language == "ar" else 1],
                "online_link": "https://meet.tawasul.example/personal-data-workshop",
                "step_free_access": True,
                "sign_language": True,
                "accessible_toilets": True,
                "captions": True,
                "audience_government": False,
                "audience_private_sector": True,
                "audience_civil_society": True,
                "audience_academia": True,
                "audience_citizens": True,
                "capacity": 40,
                "registration_open": True,
                "participants_total": None,
                "consultation": linked,
                "contact_email": "dataprotection@modee.gov.jo",
            }
        )
    page = demo.page(agency, EventPage, UPCOMING["slug"], versions[0])
    demo.translation(page, versions[1])
    people = get_user_model().objects.filter(username__in=["rania", "khaled", "salma"])
    for person in people:
        _registration, created = Registration.objects.get_or_create(
            event_key=page.translation_key,
            person=person,
            defaults={"event": page, "status": RegistrationStatus.CONFIRMED, "language": "ar"},
        )
        demo.counts["event registrations created"] += created
    confirmed = Registration.objects.filter(event_key=page.translation_key, status=RegistrationStatus.CONFIRMED)
    waiting = Registration.objects.filter(event_key=page.translation_key, status=RegistrationStatus.WAITING)
    EventSeats.objects.update_or_create(
        event_key=page.translation_key, defaults={"confirmed": confirmed.count(), "waiting": waiting.count()}
    )
