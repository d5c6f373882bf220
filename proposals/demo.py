"""Demo proposals for `seed_demo`: one in every state, in Arabic and English, with a small demo threshold.

The prose follows the fifth national OGP plan's commitment on e-participation (the workshops in the
governorates, the inclusion of women, older people and persons with disabilities, the legislative framework).
Safe to run again: proposals are found by title and brought back to their demo state; supports are created
only where missing, with their identity hashes, and counts are recomputed from the rows.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from pages.demo_responses import PARTICIPANTS
from participation.identity import identity_hashes

from .models import Answer, Proposal, ProposalRules, ProposalState, Support

DEMO_THRESHOLD = 3

PROPOSALS = [
    {
        "key": "karak-workshops",
        "state": ProposalState.SUBMITTED,
        "agency": "modee",
        "topic": "participation",
        "governorate": "tafilah",
        "language": "ar",
        "author": "citizen",
        "title": "ورشة توعية ببوابة تواصل في محافظة الطفيلة",
        "problem": "عقدت ورش التوعية ببوابة تواصل في إربد والزرقاء والكرك، ولم تصل بعد إلى محافظة الطفيلة، "
        "فلا يعرف كثير من سكانها كيف يشاركون في المشاورات الحكومية.",
        "solution": "عقد ورشة عمل في الطفيلة للمواطنين ومؤسسات المجتمع المدني والقطاع الخاص، على غرار ورش "
        "إربد والزرقاء والكرك، مع تدريب عملي على إنشاء حساب والتعليق والتصويت.",
        "beneficiaries": "سكان محافظة الطفيلة، ولا سيما الشباب ومؤسسات المجتمع المدني فيها.",
    },
    {
        "key": "portal-routing",
        "state": ProposalState.SUBMITTED,
        "agency": None,
        "topic": "open-government",
        "governorate": "",
        "language": "en",
        "author": "khaled",
        "title": "Publish what happened to every proposal made in the 2022 call",
        "problem": "In 2022 civil-society organisations and citizens sent proposals for the e-participation "
        "portal through an online form. Nobody can see which of them were taken up.",
        "solution": "Publish the proposals received in the 2022 call and, for each one, whether it was used in "
        "the portal and why.",
        "beneficiaries": "Everyone who answered the 2022 call, and anyone deciding whether to take part again.",
    },
    {
        "key": "rejected-duplicate",
        "state": ProposalState.REJECTED,
        "agency": "modee",
        "topic": "participation",
        "governorate": "",
        "language": "ar",
        "author": "rania",
        "title": "ورش توعية ببوابة تواصل في المحافظات الجنوبية",
        "problem": "لم تعقد ورش توعية في الطفيلة.",
        "solution": "عقد ورش في المحافظات الجنوبية.",
        "beneficiaries": "سكان الجنوب.",
        "reason": "duplicate",
        "note": "يوجد مقترح قيد المراجعة بالمضمون نفسه عن محافظة الطفيلة؛ ندعوك إلى دعمه بعد نشره.",
    },
    {
        "key": "collecting-inclusion",
        "state": ProposalState.PUBLISHED,
        "agency": "modee",
        "topic": "participation",
        "governorate": "",
        "language": "ar",
        "author": "rania",
        "supporters": 1,
        "title": "إشراك النساء وكبار السن والأشخاص ذوي الإعاقة في تصميم الخدمات الرقمية",
        "problem": "تصمم الخدمات الرقمية غالباً دون سماع الفئات الأشد حاجة إليها، فتأتي صعبة الاستخدام "
        "على كبار السن والأشخاص ذوي الإعاقة.",
        "solution": "أن تعقد كل جهة تطلق خدمة رقمية جديدة جلسة تجربة مع ممثلين عن النساء وكبار السن والأشخاص "
        "ذوي الإعاقة قبل إطلاقها، وأن تنشر ما غيرته بناء على ملاحظاتهم.",
        "beneficiaries": "النساء وكبار السن والأشخاص ذوو الإعاقة، وكل من يستخدم الخدمات الحكومية الرقمية.",
    },
    {
        "key": "collecting-english",
        "state": ProposalState.PUBLISHED,
        "agency": "lob",
        "topic": "legislation",
        "governorate": "",
        "language": "en",
        "author": "khaled",
        "supporters": 2,
        "title": "Plain-language summaries for every draft law open for comment",
        "problem": "Draft laws are published in legal language. Many people who would be affected do not "
        "comment because they cannot tell what would change for them.",
        "solution": "Publish with every draft law a one-page summary in plain language: what changes, for "
        "whom, and from when.",
        "beneficiaries": "Citizens, small businesses and civil-society organisations reading draft laws.",
    },
    {
        "key": "overdue-training",
        "state": ProposalState.THRESHOLD_REACHED,
        "agency": "modee",
        "topic": "open-government",
        "governorate": "",
        "language": "ar",
        "author": "citizen",
        "overdue": True,
        "title": "تدريب موظفي البلديات على إدارة المشاورات في بوابة تواصل",
        "problem": "درّبت الورش السابقة مندوبين عن الجهات الحكومية المركزية، أما موظفو البلديات فلم يتلقوا "
        "تدريباً، مع أن كثيراً من قضايا المواطنين اليومية محلية.",
        "solution": "تنظيم ورش عمل لموظفي البلديات على مدار يومين، كما جرى مع موظفي الجهات الحكومية في عام 2024.",
        "beneficiaries": "موظفو البلديات وسكانها.",
    },
    {
        "key": "consultation-framework",
        "state": ProposalState.ANSWERED,
        "agency": "lob",
        "topic": "legislation",
        "governorate": "",
        "language": "ar",
        "author": "rania",
        "answer": Answer.CONSULTATION,
        "consultation": "draft-e-participation-law",
        "title": "إطار تشريعي ينظم ممارسة المشاركة الإلكترونية",
        "problem": "لا يلزم أي نص قانوني الجهات الحكومية بعرض مشاريع التشريعات والسياسات على المواطنين، ولا "
        "بالرد على ملاحظاتهم، فتبقى المشاركة متروكة لاجتهاد كل جهة.",
        "solution": "إعداد مسودة إطار تشريعي لتنظيم ممارسة المشاركة الإلكترونية، تحدد مدد التشاور الدنيا "
        "وواجب نشر النتائج والرد على المشاركين.",
        "beneficiaries": "جميع المواطنين والجهات الحكومية.",
        "answer_text": "رأى ديوان التشريع والرأي أن المقترح يتفق مع المحور السادس من الالتزام الثاني في الخطة "
        "الوطنية الخامسة، فأعد مسودة قانون المشاركة الإلكترونية وطرحها للتشاور العام على بوابة تواصل. "
        "ندعو الداعمين إلى التعليق على مواد المسودة.",
        "answer_text_en": "The Legislation and Opinion Bureau found that the proposal matches the sixth axis of "
        "the second commitment in the fifth national plan. It prepared a draft e-participation law and put it to "
        "public consultation on Tawasul. We invite supporters to comment on the draft's articles.",
        "organisation": ("جمعية المشاركة المدنية في الزرقاء", "civil_society"),
        "supporting_organisation": ("ملتقى طلبة كلية الحقوق في جامعة اليرموك", "academic"),
    },
    {
        "key": "implemented-summaries",
        "state": ProposalState.IMPLEMENTED,
        "agency": "modee",
        "topic": "digital",
        "governorate": "",
        "language": "en",
        "author": "citizen",
        "answer": Answer.ACCEPTED,
        "title": "Tell participants what happened to their comments",
        "problem": "People who comment on a consultation rarely hear back, so they stop taking part.",
        "solution": "When a consultation's outcome is published, e-mail everyone who commented with the "
        "decision on each of their comments and the reasons.",
        "beneficiaries": "Everyone who comments on consultations.",
        "answer_text": "قُبل المقترح. يتلقى المشاركون الآن رسالة بالبريد الإلكتروني عند نشر نتيجة مشاورة "
        "علّقوا عليها، تبيّن القرار المتخذ بشأن كل تعليق.",
        "answer_text_en": "Accepted. Participants now receive an e-mail when the outcome of a consultation they "
        "commented on is published, with the decision on each comment.",
        "update": "Since the portal's outcome reports went live, every participant who commented on a "
        "concluded consultation has been told of its outcome by e-mail.",
    },
    {
        "key": "not-accepted",
        "state": ProposalState.ANSWERED,
        "agency": "moh",
        "topic": "health",
        "governorate": "karak",
        "language": "ar",
        "author": "khaled",
        "answer": Answer.NOT_ACCEPTED,
        "title": "فتح عيادات المراكز الصحية في الكرك يوم الجمعة",
        "problem": "يصعب على العاملين في الكرك مراجعة المراكز الصحية في أوقات الدوام.",
        "solution": "فتح عيادة واحدة على الأقل في كل مركز صحي يوم الجمعة.",
        "beneficiaries": "العاملون وأسرهم في محافظة الكرك.",
        "answer_text": "لم تقبل الوزارة المقترح في صورته الحالية لعدم توفر الكوادر الطبية الكافية لتغطية يوم "
        "الجمعة، وستوسع بدلاً من ذلك مواعيد العيادات المسائية في مركزين صحيين في الكرك هذا العام.",
    },
]


def _people():
    User = get_user_model()
    names = ["citizen"] + [spec["username"] for spec in PARTICIPANTS]
    return {user.username: user for user in User.objects.filter(username__in=names)}


def _support(proposal, person, now):
    if Support.objects.filter(proposal=proposal, supporter=person).exists():
        return
    identity, subject = identity_hashes(person)
    if identity and Support.objects.filter(proposal=proposal, identity_hash=identity).exists():
        return
    Support.objects.create(
        proposal=proposal, supporter=person, identity_hash=identity, subject_hash=subject, language=proposal.language
    )


def seed(demo):
    rules = ProposalRules.load()
    rules.default_threshold = DEMO_THRESHOLD
    rules.save()
    people = _people()
    reviewer = get_user_model().objects.filter(username="reviewer").first()
    moderator = get_user_model().objects.filter(username="moderator").first()
    editor = get_user_model().objects.filter(username="editor").first()
    consultations = {pair[0].slug: pair[0] for pair in demo.consultations}
    now = timezone.now()
    supporters = [person for name, person in people.items() if name != "citizen"]
    created = 0
    for index, item in enumerate(PROPOSALS):
        author = people.get(item["author"])
        agency = demo.agencies.get(item["agency"]) if item["agency"] else None
        state = item["state"]
        proposal = Proposal.objects.filter(title=item["title"]).first() or Proposal(title=item["title"])
        created += proposal.pk is None
        proposal.agency = agency
        proposal.topic = demo.topics.get(item["topic"])
        for field in ("problem", "solution", "beneficiaries", "governorate", "language"):
            setattr(proposal, field, item[field])
        proposal.author = author
        proposal.state = state
        proposal.moderation_reason = item.get("reason", "")
        proposal.moderation_note = item.get("note", "")
        public = state not in (ProposalState.SUBMITTED, ProposalState.REJECTED)
        started = now - timedelta(days=80 if state != ProposalState.PUBLISHED else 10 + index)
        proposal.moderated_by = moderator if state != ProposalState.SUBMITTED else None
        proposal.moderated_at = started if state != ProposalState.SUBMITTED else None
        proposal.published_at = started if public else None
        proposal.collection_ends_at = started + timedelta(days=rules.collection_days) if public else None
        proposal.threshold = DEMO_THRESHOLD if public else 0
        reached = public and state != ProposalState.PUBLISHED
        proposal.threshold_reached_at = started + timedelta(days=5) if reached else None
        due_weeks = rules.answer_deadline_weeks
        if reached:
            proposal.answer_due_at = proposal.threshold_reached_at + timedelta(weeks=due_weeks)
            if item.get("overdue"):
                proposal.answer_due_at = now - timedelta(days=3)
        else:
            proposal.answer_due_at = None
        answered = state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED)
        proposal.answer = item.get("answer", "") if answered else ""
        proposal.answer_text = item.get("answer_text", "") if answered else ""
        proposal.answer_text_en = item.get("answer_text_en", "") if answered else ""
        proposal.organisation_name, proposal.respondent_sector = item.get("organisation", ("", ""))
        proposal.answer_consultation = consultations.get(item.get("consultation")) if answered else None
        proposal.answer_drafted_by = editor if answered else None
        proposal.answer_drafted_at = started + timedelta(days=20) if answered else None
        proposal.answer_approved_by = reviewer if answered else None
        proposal.answered_at = started + timedelta(days=21) if answered else None
        proposal.implementation_update = item.get("update", "") if state == ProposalState.IMPLEMENTED else ""
        implemented = state == ProposalState.IMPLEMENTED
        proposal.implemented_at = started + timedelta(days=60) if implemented else None
        proposal.update_drafted_by = editor if implemented else None
        proposal.update_approved_by = reviewer if implemented else None
        proposal.update_draft, proposal.update_drafted_at = "", None
        proposal.save()
        Proposal.objects.filter(pk=proposal.pk).update(created_at=started - timedelta(days=1))
        if public:
            wanted = item.get("supporters", DEMO_THRESHOLD if reached else 0)
            for person in [p for p in supporters if p != author][:wanted]:
                _support(proposal, person, now)
            if item.get("supporting_organisation"):
                first = Support.objects.filter(proposal=proposal).order_by("pk").values_list("pk", flat=True)[:1]
                name, sector = item["supporting_organisation"]
                Support.objects.filter(pk__in=list(first)).update(organisation_name=name, respondent_sector=sector)
    # Counts from the rows: exact whatever earlier runs left.
    for row in Proposal.objects.annotate(n=Count("supports")).values("pk", "n"):
        Proposal.objects.filter(pk=row["pk"]).update(supporters_count=row["n"])
    demo.counts["proposals created"] = demo.counts.get("proposals created", 0) + created
    demo.log(f"Proposals: {len(PROPOSALS)} in every state ({created} created), demo threshold {DEMO_THRESHOLD}.")
