# ruff: noqa: E501 -- prose is easier to read and translate one sentence per line.
"""The demo site's content, in Arabic and English, for `manage.py seed_demo`.

Everything here is plain data: page fields per language, StreamField bodies in
Wagtail's JSON form ({"type": ..., "value": ...}), consultation timings in days
relative to the day the command runs, and the demo accounts. The facts about
Tawasul itself (the Open Government Partnership commitment, the workshops, the
launch on 28/5/2024 and the two rules documents) come from the progress
presentation on commitment 2 of Jordan's fifth Open Government Partnership
national action plan 2021–2025 (Ministry of Planning and International
Cooperation, Ministry of Digital Economy and Entrepreneurship, Legislation and
Opinion Bureau). Agencies' contact details,
consultations, figures in outcomes, rules' articles and their dates are
realistic demo content, not official texts.
"""

from datetime import date

# --- Helpers that build StreamField and rich text values ------------------------------------------


BLOCK_TAGS = ("<p>", "<ul>", "<ol>")


def rich(*parts):
    """Rich text HTML: lists (from ul() and ol()) are kept as they are, anything else becomes a paragraph."""
    return "".join(part if part.startswith(BLOCK_TAGS) else f"<p>{part}</p>" for part in parts)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items):
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def h2(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def h3(text):
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def para(*parts):
    return {"type": "paragraph", "value": rich(*parts)}


def callout(*parts):
    return {"type": "callout", "value": {"text": rich(*parts)}}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def article(heading, *parts):
    """One article of a rules document (guidelines.blocks.RulesArticleBlock)."""
    return {"type": "article", "value": {"heading": heading, "text": rich(*parts)}}


# Participation blocks (participation.blocks). Citizens' comments and votes are keyed by the
# block's id, so seed_demo gives every block a fixed id, the same in Arabic and English.


def comments(prompt, moderation="pre"):
    return {"type": "comments", "value": {"prompt": prompt, "moderation": moderation}}


def clause(number, heading, *parts, moderation="pre"):
    """An article of a draft that citizens comment on one by one."""
    value = {"number": number, "heading": heading, "text": rich(*parts), "moderation": moderation}
    return {"type": "article", "value": value}


def poll(question, *answers, multiple=False, show_results="after_voting"):
    options = [{"type": "item", "value": {"label": answer}} for answer in answers]
    value = {"question": question, "options": options, "multiple": multiple, "show_results": show_results}
    return {"type": "poll", "value": value}


# --- Home page ------------------------------------------------------------------------------------

HOME = {
    "slug": "home",
    "ar": {
        "title": "تواصل",
        "intro": "البوابة الحكومية الموحدة للمشاركة الإلكترونية. اطّلع على مشروعات القوانين والأنظمة والسياسات والخدمات العامة قبل إقرارها، وأبدِ رأيك فيها، وتابع ما الذي تغيّر بفضل مشاركتك.",
        "body": [
            h2("كيف تشارك؟"),
            para(
                ol(
                    "<b>اقرأ</b> ملخص المشاورة المكتوب بلغة واضحة، ثم التفاصيل والوثائق المرفقة.",
                    "<b>أبدِ رأيك</b> قبل موعد الإغلاق، وكن محدداً: ما الذي تؤيده، وما الذي تقترح تغييره، ولماذا.",
                    "<b>تابع النتيجة</b>: تنشر الجهة الحكومية ما قررته وكيف استفادت من آراء المشاركين خلال اثني عشر أسبوعاً من إغلاق المشاورة.",
                )
            ),
            callout("تستطيع قراءة جميع المشاورات ووثائقها دون إنشاء حساب."),
        ],
    },
    "en": {
        "title": "Tawasul",
        "intro": "The unified government e-participation portal. Read draft laws, regulations, policies and public services before they are decided, give your views, and see what changed because of them.",
        "body": [
            h2("How to take part"),
            para(
                ol(
                    "<b>Read</b> the consultation's plain-language summary, then the details and the attached documents.",
                    "<b>Give your views</b> before the closing date, and be specific: what you support, what you would change, and why.",
                    "<b>Follow the outcome</b>: the government entity publishes what it decided and how it used people's views within twelve weeks of the consultation closing.",
                )
            ),
            callout("You can read every consultation and its documents without an account."),
        ],
    },
}


# --- Sections under the home page, in the order of the main navigation ---------------------------

SECTIONS = [
    {
        "model": "participation.ConsultationIndexPage",
        "slug": "consultations",
        "show_in_menus": True,
        "ar": {
            "title": "المشاورات",
            "intro": "كل ما تستشير فيه الجهات الحكومية المواطنين، من مشروعات القوانين إلى الخدمات العامة. صفِّ القائمة حسب الحالة أو النوع أو الجهة أو الموضوع.",
        },
        "en": {
            "title": "Consultations",
            "intro": "Everything government entities are asking the public about, from draft laws to public services. Filter the list by status, type, entity or topic.",
        },
    },
    {
        "model": "pages.AgencyIndexPage",
        "slug": "agencies",
        "show_in_menus": True,
        "ar": {
            "title": "الجهات الحكومية",
            "intro": "الوزارات والمؤسسات الحكومية التي تنشر مشاوراتها على «تواصل»، ووسائل التواصل مع كل منها.",
        },
        "en": {
            "title": "Government entities",
            "intro": "The ministries and public institutions that publish their consultations on Tawasul, and how to contact each of them.",
        },
    },
    {
        "model": "guidelines.GuidelineIndexPage",
        "slug": "guidelines",
        "show_in_menus": True,
        "ar": {
            "title": "الأدلة والقواعد",
            "intro": "إرشادات عملية للمواطنين وللجهات الحكومية، والوثائق التي تنظّم المشاركة الإلكترونية في المملكة.",
        },
        "en": {
            "title": "Guidance and rules",
            "intro": "Practical guidance for citizens and government entities, and the documents that govern e-participation in Jordan.",
        },
    },
    {
        "model": "pages.ContentPage",
        "slug": "about",
        "show_in_menus": True,
        "ar": {
            "title": "عن تواصل",
            "summary": "«تواصل» هي البوابة الحكومية الموحدة للمشاركة الإلكترونية في المملكة الأردنية الهاشمية، وثمرة الالتزام الثاني في الخطة الوطنية الخامسة لمبادرة شراكة الحكومات الشفافة 2021–2025.",
            "body": [
                h2("لماذا تواصل؟"),
                para(
                    "تكون القرارات أفضل حين يشارك في صنعها من يتأثرون بها. لذلك تتيح «تواصل» لكل مواطن أن يطّلع على ما تعتزم الجهات الحكومية إقراره من تشريعات وسياسات وخدمات ومشاريع، وأن يبدي رأيه فيه قبل اتخاذ القرار، وأن يعرف بعد ذلك ما الذي أُخذ به من آراء المشاركين ولماذا."
                ),
                quote(
                    "ضمان اتخاذ القرارات على نحو مستجيب للاحتياجات وشامل للجميع وتشاركي وتمثيلي على جميع المستويات",
                    "الغاية 16.7 من أهداف التنمية المستدامة",
                ),
                h2("ما الذي تهدف إليه البوابة؟"),
                para(
                    ul(
                        "توحيد المشاركة الإلكترونية ومأسستها داخل المؤسسات الحكومية من خلال بوابة واحدة.",
                        "الاستفادة من مهارات أفراد المجتمع وكفاءاتهم في تصميم الخدمات العامة وإعداد التشريعات.",
                        "مكافحة الإقصاء والتهميش، وتعزيز تمثيل النساء وكبار السن والأشخاص ذوي الإعاقة والفئات الأشد فقراً في صنع القرار.",
                        "إعداد سياسات شفافة وشاملة وخاضعة للمساءلة، وتعزيز ثقة المواطنين بالحكومة.",
                        "تيسير فهم التشريعات الجديدة وتعزيز قبولها لدى المواطنين.",
                    )
                ),
                h2("كيف نشأت تواصل؟"),
                para(
                    "جاءت البوابة تنفيذاً للالتزام الثاني في الخطة الوطنية الخامسة لمبادرة شراكة الحكومات الشفافة (2021–2025): «تعزيز المشاركة المجتمعية في عملية صنع القرار من خلال الوسائل الإلكترونية». وتنسّق وزارة التخطيط والتعاون الدولي تنفيذ الالتزام بالشراكة مع وزارة الاقتصاد الرقمي والريادة، التي طوّرت البوابة وتشغّلها، وديوان التشريع والرأي، ووحدة تقييم الأثر في رئاسة الوزراء."
                ),
                h3("تصميم البوابة بالتشاور"),
                para(
                    "بدأ العمل بسؤال أصحاب المصلحة أنفسهم: دُعيت مؤسسات المجتمع المدني والمواطنون إلى تقديم مقترحاتهم حول البوابة عبر استبيان إلكتروني حتى 21/11/2022، وعُقدت ورش عمل للتشاور حول تصورها:",
                    ul(
                        "ورشة للجهات الحكومية في 20/9/2022، شارك فيها 26 مندوباً عن 20 جهة حكومية.",
                        "ورشة للقطاع الخاص والمجتمع المدني والمواطنين في 9/11/2022، شارك فيها 51 شخصاً.",
                        "ورشة للقطاع الأكاديمي في 13/12/2022، شارك فيها 67 شخصاً.",
                        "ورشة للجهات الحكومية حول المعايير العالمية والممارسات الفضلى في المشاركة الإلكترونية في 16/2/2023، شارك فيها 22 مندوباً عن 15 جهة حكومية.",
                    ),
                ),
                h3("التطوير والإطلاق"),
                para(
                    "طُرح عطاء تطوير البوابة في 26/3/2023 وأُغلق في 16/5/2023، وأُحيل في 1/9/2023 على شركة تكنولوجية متخصصة طوّرتها باستخدام تقنيات مفتوحة المصدر ووفق المعايير العالمية. وأُطلقت النسخة التجريبية من «تواصل» في 28/5/2024 بحضور الجهات الحكومية ومؤسسات المجتمع المدني والقطاع الخاص."
                ),
                h3("المبادئ والقواعد"),
                para(
                    "عُقدت في 11/5/2023 ورشة عمل شارك فيها 36 شخصاً من الجهات الحكومية والقطاع الخاص والأكاديميين ومؤسسات المجتمع المدني والأفراد، وأُعدّت على أثرها وثيقة «المبادئ والضوابط العامة للمشاركة الإلكترونية لسنة 2023»، ثم «القواعد التنفيذية لاستخدام البوابة الحكومية الموحدة للمشاركة الإلكترونية (تواصل) لسنة 2024». تجد الوثيقتين في قسم «الأدلة والقواعد»."
                ),
                h3("بناء القدرات والتوعية"),
                para(
                    ul(
                        "ثلاث ورش تدريبية لموظفي القطاع العام حول العمل على البوابة عام 2024، مدة كل منها يومان: شارك في الأولى (26–27/5) 35 مندوباً عن 27 جهة حكومية، وفي الثانية (23–24/7) 41 مندوباً عن 34 جهة، وفي الثالثة (19–20/8) 45 مندوباً عن 37 جهة.",
                        "ورش توعوية للمواطنين والقطاع الخاص ومنظمات المجتمع المدني في محافظة إربد (28/7/2024، 36 مشاركاً)، ومحافظة الزرقاء (26/8/2024، 50 مشاركاً)، ومحافظة الكرك (30/10/2024، 30 مشاركاً).",
                    )
                ),
                h2("ما التالي؟"),
                para(
                    "يجري العمل على إعداد مسودة إطار تشريعي ينظم ممارسة المشاركة الإلكترونية، وهي معروضة للنقاش العام على هذه البوابة.",
                    'لمعرفة المزيد عن مشاركة الأردن في مبادرة شراكة الحكومات الشفافة، زر موقع المبادرة: <a href="https://www.ogp.gov.jo">ogp.gov.jo</a>.',
                ),
            ],
        },
        "en": {
            "title": "About Tawasul",
            "summary": "Tawasul is the unified government e-participation portal of the Hashemite Kingdom of Jordan, delivered under the second commitment of the fifth national action plan of the Open Government Partnership, 2021–2025.",
            "body": [
                h2("Why Tawasul?"),
                para(
                    "Decisions are better when the people they affect help to make them. Tawasul lets every citizen see the laws, policies, services and projects that government entities intend to adopt, give their views before the decision is taken, and then find out which of the public's views were taken up and why."
                ),
                quote(
                    "Ensure responsive, inclusive, participatory and representative decision-making at all levels",
                    "Target 16.7 of the Sustainable Development Goals",
                ),
                h2("What the portal sets out to do"),
                para(
                    ul(
                        "Unify and institutionalise e-participation across government through a single portal.",
                        "Draw on the skills and expertise of members of the public to design public services and prepare legislation.",
                        "Fight exclusion and marginalisation, and give women, older people, people with disabilities and the poorest a stronger voice in decisions.",
                        "Make policies that are transparent, inclusive and accountable, and strengthen citizens' trust in government.",
                        "Make new legislation easier to understand and more widely accepted.",
                    )
                ),
                h2("How Tawasul came about"),
                para(
                    "The portal delivers the second commitment of Jordan's fifth national action plan of the Open Government Partnership (2021–2025): “Strengthening community participation in decision-making through electronic means”. The Ministry of Planning and International Cooperation coordinates the commitment with the Ministry of Digital Economy and Entrepreneurship, which built and runs the portal, the Legislation and Opinion Bureau, and the Impact Assessment Unit at the Prime Ministry."
                ),
                h3("Designed with the people who use it"),
                para(
                    "Work began by asking stakeholders themselves: civil society organisations and citizens were invited to send proposals for the portal through an online survey until 21 November 2022, and workshops were held to discuss its design:",
                    ul(
                        "A workshop for government entities on 20 September 2022, with 26 representatives of 20 entities.",
                        "A workshop for the private sector, civil society and citizens on 9 November 2022, with 51 participants.",
                        "A workshop for academia on 13 December 2022, with 67 participants.",
                        "A workshop for government entities on international standards and good practice in e-participation on 16 February 2023, with 22 representatives of 15 entities.",
                    ),
                ),
                h3("Development and launch"),
                para(
                    "The tender to develop the portal opened on 26 March 2023 and closed on 16 May 2023; on 1 September 2023 it was awarded to a specialist technology company, which built the portal with open-source technology to international standards. The beta version of Tawasul was launched on 28 May 2024 in the presence of government entities, civil society organisations and the private sector."
                ),
                h3("Principles and rules"),
                para(
                    "A workshop on 11 May 2023 brought together 36 people from government, the private sector, academia, civil society and the public. It led to the “General Principles and Controls for E-Participation, 2023”, followed by the “Implementing Rules for the Use of the Unified Government E-Participation Portal (Tawasul), 2024”. Both are published in the Guidance and rules section."
                ),
                h3("Training and awareness"),
                para(
                    ul(
                        "Three two-day training workshops on working with the portal for public servants in 2024: 35 representatives of 27 entities (26–27 May), 41 representatives of 34 entities (23–24 July) and 45 representatives of 37 entities (19–20 August).",
                        "Awareness workshops for citizens, the private sector and civil society in Irbid governorate (28 July 2024, 36 participants), Zarqa governorate (26 August 2024, 50 participants) and Karak governorate (30 October 2024, 30 participants).",
                    )
                ),
                h2("What comes next"),
                para(
                    "A draft legislative framework to regulate the practice of e-participation is being prepared, and is open for public discussion on this portal.",
                    'To find out more about Jordan\'s membership of the Open Government Partnership, visit <a href="https://www.ogp.gov.jo">ogp.gov.jo</a>.',
                ),
            ],
        },
    },
    {
        "model": "pages.ContentPage",
        "slug": "help",
        "show_in_menus": True,
        "ar": {
            "title": "المساعدة",
            "summary": "إجابات عن الأسئلة الشائعة: كيف تجد المشاورات، وماذا تعني حالاتها، وكيف تشارك، وبمن تتصل إذا واجهت مشكلة.",
            "body": [
                h2("كيف أجد مشاورة تهمّني؟"),
                para(
                    "افتح صفحة «المشاورات» لترى جميع المشاورات من أحدثها. يمكنك تصفية القائمة حسب الحالة، أو نوع المشاورة، أو الجهة الحكومية، أو الموضوع مثل الصحة أو الخدمات الرقمية. وتعرض صفحة كل جهة حكومية المشاورات التي نشرتها."
                ),
                h2("ماذا تعني حالة المشاورة؟"),
                para(
                    ul(
                        "<b>قريباً</b>: نُشرت المشاورة ولم تبدأ فترة المشاركة بعد، فيمكنك قراءتها والاستعداد.",
                        "<b>مفتوحة</b>: يمكنك إبداء رأيك حتى تاريخ الإغلاق ووقته المبيّنين في الصفحة، بتوقيت عمّان.",
                        "<b>مغلقة</b>: انتهت فترة المشاركة وتدرس الجهة الحكومية الآراء الواردة، وتُنشر النتيجة خلال اثني عشر أسبوعاً.",
                        "<b>نُشرت النتيجة</b>: نشرت الجهة ما قررته وكيف استفادت من آراء المشاركين.",
                    )
                ),
                h2("هل أحتاج إلى حساب؟"),
                para(
                    "لا تحتاج إلى حساب لقراءة المشاورات ووثائقها. أما التعليق أو التصويت، حيث تتيحه المشاورة، فيتطلب تسجيل الدخول بحساب مؤكد، حتى يكون لكل شخص صوت واحد. ويمكنك دائماً مراسلة الجهة الحكومية على عنوان البريد الإلكتروني المذكور في صفحة المشاورة."
                ),
                h2("كيف أكتب ملاحظة مفيدة؟"),
                para(
                    ul(
                        "اذكر الجزء الذي تعلّق عليه، مثل رقم المادة أو عنوان القسم.",
                        "اشرح سبب رأيك، ومن قد يتأثر بالمقترح.",
                        "اقترح بديلاً إن كنت لا تؤيد المقترح.",
                        "لا تكتب بياناتك الشخصية أو بيانات غيرك في التعليق.",
                    )
                ),
                h2("استخدام البوابة"),
                para(
                    "تعمل البوابة باللغتين العربية والإنجليزية؛ استخدم رابط اللغة أعلى الصفحة للتبديل بينهما. ويمكن استخدامها بلوحة المفاتيح وقارئات الشاشة وعلى الهاتف المحمول. اقرأ بيان إمكانية الوصول لمعرفة المزيد."
                ),
                h2("تواصل معنا"),
                para(
                    "إذا واجهت مشكلة تقنية في البوابة فراسل فريق الدعم في وزارة الاقتصاد الرقمي والريادة على العنوان tawasul@modee.gov.jo. أما الأسئلة عن مضمون مشاورة بعينها فوجّهها إلى الجهة التي نشرتها عبر وسائل الاتصال المذكورة في صفحة المشاورة."
                ),
            ],
        },
        "en": {
            "title": "Help",
            "summary": "Answers to common questions: how to find consultations, what their statuses mean, how to take part, and whom to contact if something goes wrong.",
            "body": [
                h2("How do I find a consultation that matters to me?"),
                para(
                    "Open the Consultations page to see every consultation, newest first. You can filter the list by status, type of consultation, government entity or topic, such as health or digital services. Each government entity's page also lists the consultations it has published."
                ),
                h2("What does a consultation's status mean?"),
                para(
                    ul(
                        "<b>Upcoming</b>: the consultation has been announced but is not yet open, so you can read it and prepare.",
                        "<b>Open</b>: you can give your views until the closing date and time shown on the page, Amman time.",
                        "<b>Closed</b>: the consultation has ended and the government entity is considering the responses; the outcome is published within twelve weeks.",
                        "<b>Outcome published</b>: the entity has published what it decided and how it used people's views.",
                    )
                ),
                h2("Do I need an account?"),
                para(
                    "You do not need an account to read consultations and their documents. To comment or vote, where a consultation allows it, you sign in with a confirmed account, so that everyone has one voice. You can always write to the government entity at the e-mail address given on the consultation's page."
                ),
                h2("How do I write a useful comment?"),
                para(
                    ul(
                        "Say which part you are commenting on, such as the article number or the section heading.",
                        "Explain why you think so, and who the proposal would affect.",
                        "If you disagree with the proposal, suggest an alternative.",
                        "Do not include your own or anyone else's personal details.",
                    )
                ),
                h2("Using the portal"),
                para(
                    "The portal works in Arabic and English; use the language link at the top of the page to switch. It can be used with a keyboard, with screen readers and on a mobile phone. Read the accessibility statement to find out more."
                ),
                h2("Contact us"),
                para(
                    "If something on the portal does not work, write to the support team at the Ministry of Digital Economy and Entrepreneurship at tawasul@modee.gov.jo. Questions about the content of a particular consultation go to the entity that published it, using the contact details on the consultation's page."
                ),
            ],
        },
    },
    {
        "model": "pages.ContentPage",
        "slug": "privacy",
        "show_in_menus": False,
        "ar": {
            "title": "إشعار الخصوصية",
            "summary": "ما البيانات التي نجمعها عندما تستخدم «تواصل»، ولماذا، ومن يطّلع عليها، وما حقوقك فيها.",
            "body": [
                h2("من المسؤول عن بياناتك"),
                para(
                    "تشغّل وزارة الاقتصاد الرقمي والريادة بوابة «تواصل»، وهي المسؤولة عن البيانات التي تُجمع من خلالها. وتطّلع كل جهة حكومية على المشاركات في المشاورات التي تنشرها."
                ),
                h2("ما البيانات التي نجمعها"),
                para(
                    ul(
                        "<b>عند القراءة فقط</b>: لا نطلب منك أي بيانات، ونستخدم ملفات تعريف الارتباط الضرورية فقط لحفظ اللغة التي اخترتها ولتأمين النماذج.",
                        "<b>عند إنشاء حساب</b>: عنوان بريدك الإلكتروني، والاسم الذي تختار أن يظهر مع مشاركاتك.",
                        "<b>عند المشاركة</b>: تعليقاتك وتصويتك ووقت المشاركة.",
                        "<b>بيانات اختيارية</b>: المحافظة والفئة العمرية والجنس ووجود إعاقة، ولا نجمعها إلا بموافقتك الصريحة.",
                    )
                ),
                h2("كيف نستخدمها"),
                para(
                    "نستخدم بياناتك لإدارة حسابك وعرض مشاركاتك ودراستها ضمن المشاورة التي شاركت فيها فقط، ولا نبيعها ولا نستخدمها لأغراض تسويقية. ولا تُنشر البيانات الاختيارية إلا في صورة إحصاءات مجمّعة، ولا تُنشر أبداً لمجموعة تقل عن خمسة أشخاص."
                ),
                h2("ما الذي يراه الآخرون"),
                para(
                    "يظهر للعموم نص تعليقك والاسم الذي اخترت عرضه فقط، ولا يظهر بريدك الإلكتروني أبداً. وقد تقتبس الجهة الحكومية من التعليقات في تقرير النتائج دون ذكر أي بيانات شخصية."
                ),
                h2("مدة الاحتفاظ بالبيانات"),
                para(
                    "نحتفظ ببيانات حسابك ما دام حسابك قائماً، وتبقى التعليقات المنشورة جزءاً من السجل العام للمشاورة. ويمكنك حذف حسابك في أي وقت، فنحذف بياناتك الشخصية ونُبقي تعليقاتك دون اسم."
                ),
                para(
                    "ولكي يبقى لكل شخص صوت واحد في كل استطلاع، نحفظ مع كل صوت رمزاً مشفّراً لا يمكن عكسه، يُحسب من بريدك الإلكتروني الموثّق (ومن رقم هويتك الرقمية الوطنية إن دخلت بها) بمفتاح سري لا يملكه إلا الخادم. ويبقى هذا الرمز مع صوتك بعد حذف حسابك، فلا يمكن التصويت مرة ثانية في الاستطلاع نفسه بحساب جديد بالبريد نفسه أو الهوية نفسها. لا يُعرض هذا الرمز ولا يُنشر ولا يُصدَّر أبداً، ولا يكشف بريدك لمن يطّلع على قاعدة البيانات."
                ),
                h2("حقوقك"),
                para(
                    "يحق لك وفق قانون حماية البيانات الشخصية لسنة 2023 أن تطّلع على بياناتك، وأن تطلب تصحيحها أو حذفها، وأن تسحب موافقتك على البيانات الاختيارية في أي وقت. لممارسة هذه الحقوق راسلنا على العنوان privacy@modee.gov.jo."
                ),
            ],
        },
        "en": {
            "title": "Privacy notice",
            "summary": "What data we collect when you use Tawasul, why, who sees it, and what your rights are.",
            "body": [
                h2("Who is responsible for your data"),
                para(
                    "The Ministry of Digital Economy and Entrepreneurship runs Tawasul and is responsible for the data collected through it. Each government entity sees the responses to the consultations it publishes."
                ),
                h2("What we collect"),
                para(
                    ul(
                        "<b>When you only read</b>: we ask for nothing, and use only the cookies needed to remember your language and to secure forms.",
                        "<b>When you create an account</b>: your e-mail address, and the name you choose to show with your contributions.",
                        "<b>When you take part</b>: your comments, your votes and when you made them.",
                        "<b>Optional information</b>: your governorate, age group, gender and whether you have a disability, collected only with your explicit consent.",
                    )
                ),
                h2("How we use it"),
                para(
                    "We use your data to run your account and to show and consider your contributions within the consultation you took part in, and for nothing else. We never sell it or use it for marketing. Optional information is published only as combined statistics, and never for a group of fewer than five people."
                ),
                h2("What others see"),
                para(
                    "The public sees only the text of your comment and the name you chose to show; your e-mail address is never shown. A government entity may quote comments in its outcome report without any personal details."
                ),
                h2("How long we keep it"),
                para(
                    "We keep your account details for as long as your account exists; published comments remain part of the consultation's public record. You can delete your account at any time: we then delete your personal data and keep your comments without a name."
                ),
                para(
                    "So that each person has one vote in each poll, every vote keeps an irreversible code computed from your verified e-mail address (and from your national digital identity, if you signed in with it) with a secret key that only the server holds. The code stays with your vote after you delete your account, so a new account with the same address or identity cannot vote again in the same poll. The code is never shown, published or exported, and does not reveal your address to anyone who sees the database."
                ),
                h2("Your rights"),
                para(
                    "Under the Personal Data Protection Law of 2023 you may see your data, ask for it to be corrected or deleted, and withdraw your consent to the optional information at any time. To exercise these rights, write to privacy@modee.gov.jo."
                ),
            ],
        },
    },
    {
        "model": "pages.ContentPage",
        "slug": "accessibility",
        "show_in_menus": False,
        "ar": {
            "title": "بيان إمكانية الوصول",
            "summary": "نريد أن يتمكن الجميع من استخدام «تواصل»، بمن فيهم الأشخاص ذوو الإعاقة. يوضّح هذا البيان مدى توافق البوابة مع معايير إمكانية الوصول، وكيف تبلغنا بأي عائق.",
            "body": [
                h2("مدى التوافق"),
                para(
                    "نعمل على أن تتوافق البوابة مع المستوى AA من إرشادات إمكانية الوصول إلى محتوى الويب (WCAG 2.2)، باللغتين العربية والإنجليزية."
                ),
                h2("ما الذي يمكنك فعله"),
                para(
                    ul(
                        "التنقل في جميع الصفحات والنماذج باستخدام لوحة المفاتيح وحدها.",
                        "استخدام قارئات الشاشة بالعربية والإنجليزية؛ فكل صفحة تحدد لغتها واتجاه كتابتها.",
                        "تكبير النص حتى 200% دون أن يضيع شيء من المحتوى.",
                        "تصفية قائمة المشاورات دون الحاجة إلى تشغيل جافاسكربت.",
                        "تخطي القائمة الرئيسية والانتقال مباشرة إلى المحتوى.",
                    )
                ),
                h2("ما نعرف أنه غير متاح بالكامل"),
                para(
                    "بعض الوثائق المرفقة بالمشاورات ملفات PDF مصدرها الجهات الحكومية، وقد لا تكون كلها مهيأة لقارئات الشاشة. إذا احتجت إلى وثيقة بصيغة أخرى فاطلبها من الجهة عبر البريد الإلكتروني المذكور في صفحة المشاورة، وعليها أن تزودك بها خلال مدة المشاورة."
                ),
                h2("أبلغنا عن أي عائق"),
                para(
                    "إذا واجهت صعوبة في استخدام أي جزء من البوابة فراسلنا على العنوان tawasul@modee.gov.jo، واذكر الصفحة والمشكلة والأداة المساعدة التي تستخدمها إن وجدت. سنرد عليك خلال خمسة أيام عمل."
                ),
                h2("كيف نختبر البوابة"),
                para(
                    "نختبر البوابة آلياً عند كل تحديث، ونراجعها يدوياً باستخدام لوحة المفاتيح وقارئات الشاشة، ونراجع هذا البيان عند كل إصدار رئيسي."
                ),
            ],
        },
        "en": {
            "title": "Accessibility statement",
            "summary": "We want everyone to be able to use Tawasul, including people with disabilities. This statement explains how far the portal meets accessibility standards and how to tell us about any barrier.",
            "body": [
                h2("How accessible the portal is"),
                para(
                    "We aim for the portal to meet level AA of the Web Content Accessibility Guidelines (WCAG 2.2), in both Arabic and English."
                ),
                h2("What you can do"),
                para(
                    ul(
                        "Use every page and form with a keyboard alone.",
                        "Use screen readers in Arabic and English: each page declares its language and text direction.",
                        "Zoom text up to 200% without losing any content.",
                        "Filter the list of consultations without JavaScript.",
                        "Skip the main navigation and go straight to the content.",
                    )
                ),
                h2("What we know is not fully accessible"),
                para(
                    "Some documents attached to consultations are PDF files from government entities, and not all of them work well with screen readers. If you need a document in another format, ask the entity at the e-mail address on the consultation's page; it must send it to you while the consultation is open."
                ),
                h2("Tell us about a barrier"),
                para(
                    "If any part of the portal is difficult to use, write to us at tawasul@modee.gov.jo, saying which page, what the problem is and, if you use one, which assistive technology. We will reply within five working days."
                ),
                h2("How we test the portal"),
                para(
                    "We test the portal automatically on every update, check it by hand with a keyboard and screen readers, and review this statement with every major release."
                ),
            ],
        },
    },
]


# --- Government entities -------------------------------------------------------------------------

AGENCIES = [
    {
        "key": "modee",
        "slug": "modee",
        "contact_email": "info@modee.gov.jo",
        "contact_phone": "+962 6 580 5642",
        "website": "https://www.modee.gov.jo",
        "ar": {
            "title": "وزارة الاقتصاد الرقمي والريادة",
            "description": rich(
                "تقود الوزارة التحول الرقمي في القطاع العام، وتطوّر الخدمات الحكومية الإلكترونية والبنية التحتية الرقمية، وتدعم ريادة الأعمال والاقتصاد الرقمي.",
                "طوّرت الوزارة بوابة «تواصل» وتتولى تشغيلها، وتستشير المواطنين في الخدمات الحكومية الرقمية وفي السياسات المتعلقة بالبيانات والاتصالات.",
            ),
            "address": "عمّان، المملكة الأردنية الهاشمية",
        },
        "en": {
            "title": "Ministry of Digital Economy and Entrepreneurship",
            "description": rich(
                "The ministry leads the digital transformation of the public sector, develops government e-services and digital infrastructure, and supports entrepreneurship and the digital economy.",
                "It built and runs Tawasul, and consults citizens on digital government services and on policies for data and communications.",
            ),
            "address": "Amman, Hashemite Kingdom of Jordan",
        },
    },
    {
        "key": "lob",
        "slug": "lob",
        "contact_email": "info@lob.gov.jo",
        "contact_phone": "+962 6 464 1261",
        "website": "https://www.lob.gov.jo",
        "ar": {
            "title": "ديوان التشريع والرأي",
            "description": rich(
                "يتولى الديوان إعداد مشروعات القوانين والأنظمة ودراستها وصياغتها قبل عرضها على مجلس الوزراء، ويقدم الرأي القانوني للجهات الحكومية.",
                "ينشر الديوان مشروعات القوانين والأنظمة لاستطلاع آراء المواطنين والمختصين قبل السير في إجراءات إقرارها.",
            ),
            "address": "عمّان، المملكة الأردنية الهاشمية",
        },
        "en": {
            "title": "Legislation and Opinion Bureau",
            "description": rich(
                "The bureau prepares, reviews and drafts bills and regulations before they go to the Council of Ministers, and gives legal opinions to government entities.",
                "It publishes draft laws and regulations so that citizens and specialists can comment on them before they continue through the approval process.",
            ),
            "address": "Amman, Hashemite Kingdom of Jordan",
        },
    },
    {
        "key": "moh",
        "slug": "moh",
        "contact_email": "info@moh.gov.jo",
        "contact_phone": "+962 6 520 0230",
        "website": "https://www.moh.gov.jo",
        "ar": {
            "title": "وزارة الصحة",
            "description": rich(
                "تشرف الوزارة على القطاع الصحي في المملكة، وتقدّم خدمات الرعاية الصحية الأولية والثانوية من خلال المراكز الصحية والمستشفيات الحكومية في جميع المحافظات.",
                "تستشير الوزارة المواطنين والعاملين في القطاع الصحي في الخدمات الصحية وفي التعليمات التي تنظمها.",
            ),
            "address": "عمّان، المملكة الأردنية الهاشمية",
        },
        "en": {
            "title": "Ministry of Health",
            "description": rich(
                "The ministry oversees the health sector and provides primary and secondary care through public health centres and hospitals in every governorate.",
                "It consults citizens and health professionals on health services and on the instructions that govern them.",
            ),
            "address": "Amman, Hashemite Kingdom of Jordan",
        },
    },
]


# --- Topics (snippets) ---------------------------------------------------------------------------

TOPICS = [
    {"key": "digital", "ar": "الخدمات الرقمية", "en": "Digital services"},
    {"key": "health", "ar": "الصحة", "en": "Health"},
    {"key": "legislation", "ar": "التشريعات", "en": "Legislation"},
    {"key": "participation", "ar": "المشاركة الإلكترونية", "en": "E-participation"},
    {"key": "data", "ar": "حماية البيانات", "en": "Data protection"},
    {"key": "open-government", "ar": "الحكومة المنفتحة", "en": "Open government"},
]


# --- Consultations -------------------------------------------------------------------------------
# "opens"/"closes" are days relative to the day the command runs; consultations open at 09:00
# and close at 23:59, Amman time. "status" is what the dates and outcome must produce.

CONSULTATIONS = [
    {
        "agency": "lob",
        "slug": "draft-e-participation-law",
        "type": "draft_law",
        "status": "open",
        "opens": -5,
        "closes": 25,
        "topics": ["legislation", "participation", "open-government"],
        "contact_email": "participation@lob.gov.jo",
        "ar": {
            "title": "مشروع قانون تنظيم المشاركة الإلكترونية",
            "summary": "يضع مشروع القانون إطاراً ملزماً لاستشارة المواطنين إلكترونياً قبل إقرار التشريعات والسياسات والخدمات العامة. فهو يُلزم الجهات الحكومية بنشر مقترحاتها على بوابة «تواصل» مدة لا تقل عن عشرة أيام لمشروعات القوانين والأنظمة وأربعة عشر يوماً لغيرها، وبنشر ما فعلته بآراء المشاركين خلال اثني عشر أسبوعاً من إغلاق المشاورة. نودّ أن نسمع رأيك في هذه المدد، وفي الحالات المستثناة، وفي ضمانات حماية بيانات المشاركين.",
            "contact_name": "وحدة المشاركة العامة، ديوان التشريع والرأي",
            "body": [
                h2("لماذا هذا القانون؟"),
                para(
                    "يأتي مشروع القانون تنفيذاً للالتزام الثاني في الخطة الوطنية الخامسة لمبادرة شراكة الحكومات الشفافة (2021–2025)، الذي يتضمن إعداد إطار تشريعي ينظم ممارسة المشاركة الإلكترونية.",
                    "تقوم المشاركة الإلكترونية اليوم على وثيقتين تنظيميتين: «المبادئ والضوابط العامة للمشاركة الإلكترونية لسنة 2023» و«القواعد التنفيذية لاستخدام البوابة الحكومية الموحدة للمشاركة الإلكترونية لسنة 2024». ويهدف المشروع إلى منح هذه المبادئ قوة القانون، حتى تصبح استشارة المواطنين خطوة ثابتة في صنع القرار لدى جميع الجهات الحكومية، لا مبادرة تختلف من جهة إلى أخرى.",
                ),
                quote(
                    "توحيد ومأسسة المشاركة الإلكترونية داخل المؤسسات الحكومية من خلال بناء بوابة موحدة للمشاركة الإلكترونية",
                    "من أهداف الالتزام الثاني في الخطة الوطنية الخامسة لمبادرة شراكة الحكومات الشفافة",
                ),
                h2("أبرز ما يتضمنه المشروع"),
                para(
                    ul(
                        "إلزام الوزارات والدوائر الحكومية والمؤسسات الرسمية العامة والمؤسسات العامة بنشر مشروعات القوانين والأنظمة والتعليمات والسياسات والخدمات التي تمس المواطنين على بوابة «تواصل» قبل إقرارها.",
                        "مدة مشاورة لا تقل عن عشرة أيام لمشروعات القوانين والأنظمة والتعليمات، وأربعة عشر يوماً لغيرها.",
                        "حالات محددة يجوز فيها تقصير المشاورة أو الاستغناء عنها، كالضرورة العاجلة ومتطلبات الأمن الوطني، بشرط إعلان السبب على البوابة.",
                        "نشر تقرير بنتائج كل مشاورة خلال اثني عشر أسبوعاً من إغلاقها، يبيّن ما أُخذ به من الآراء وما لم يُؤخذ به وأسباب ذلك.",
                        "تسمية منسق للمشاركة الإلكترونية في كل جهة حكومية، وإعداد تقرير سنوي عن التزام الجهات بأحكام القانون.",
                        "حماية بيانات المشاركين وحظر استخدامها لغير أغراض المشاورة.",
                    )
                ),
                h2("مواد من المشروع معروضة للتعليق"),
                para(
                    "اقرأ المواد التالية وعلّق على كل منها على حدة. تُنشر التعليقات بعد مراجعتها للتأكد من التزامها بقواعد الحوار."
                ),
                clause(
                    "3",
                    "نطاق التطبيق",
                    ol(
                        "تلتزم الجهة الحكومية بعرض ما يلي للمشاورة العامة على البوابة قبل إقراره: مشروعات القوانين والأنظمة، والتعليمات التي تمس حقوق المواطنين أو التزاماتهم، والسياسات والاستراتيجيات، والخدمات العامة الجديدة والتعديلات الجوهرية عليها.",
                        "تُستثنى من أحكام الفقرة (1) من هذه المادة المسائل المتعلقة بالأمن الوطني والمعلومات المحمية بموجب التشريعات النافذة.",
                    ),
                ),
                clause(
                    "5",
                    "مدة المشاورة",
                    ol(
                        "لا تقل مدة المشاورة عن عشرة أيام لمشروعات القوانين والأنظمة والتعليمات، وعن أربعة عشر يوماً لغيرها.",
                        "يجوز تقصير المدة أو الاستغناء عن المشاورة في حالات الضرورة العاجلة، بقرار مسبّب من رئيس الجهة الحكومية يُنشر على البوابة.",
                    ),
                ),
                clause(
                    "7",
                    "تقرير النتائج",
                    "تنشر الجهة الحكومية على البوابة، خلال اثني عشر أسبوعاً من انتهاء المشاورة، تقريراً يبيّن عدد المشاركات وأبرز ما ورد فيها، وما أُخذ به منها وما لم يُؤخذ به مع بيان الأسباب.",
                ),
                clause(
                    "9",
                    "حماية بيانات المشاركين",
                    "لا يجوز استخدام البيانات الشخصية للمشاركين لغير أغراض المشاورة، ولا الإفصاح عنها إلا وفق أحكام التشريعات النافذة المتعلقة بحماية البيانات الشخصية.",
                ),
                h2("أسئلتنا إليك"),
                para(
                    ol(
                        "هل المدد المقترحة كافية لدراسة المقترحات وإبداء الرأي فيها؟ وإن لم تكن كافية، فما المدة التي تقترحها؟",
                        "ما الحالات التي ترى أنه يجوز فيها تقصير المشاورة أو الاستغناء عنها؟",
                        "كيف ينبغي أن تبيّن الجهة الحكومية ما فعلته بآراء المشاركين؟",
                        "هل الضمانات المقترحة لحماية بيانات المشاركين كافية؟ وما الذي تضيفه إليها؟",
                    )
                ),
                comments("ما رأيك في مشروع القانون؟ أجب عن الأسئلة أعلاه، أو أضف ما تراه مهماً."),
                callout(
                    "هذا مشروع لم يُقرّ بعد. سيدرس الديوان جميع الملاحظات الواردة قبل رفع المشروع إلى مجلس الوزراء، ثم يسلك المراحل الدستورية لإقرار القوانين."
                ),
            ],
        },
        "en": {
            "title": "Draft law regulating e-participation",
            "summary": "The draft law makes it a legal duty to consult citizens electronically before laws, policies and public services are decided. Government entities would have to publish their proposals on Tawasul for at least ten days for draft laws and regulations and fourteen days for anything else, and publish what they did with people's views within twelve weeks of the consultation closing. We would like your views on these periods, on the exceptions, and on the safeguards for participants' data.",
            "contact_name": "Public participation unit, Legislation and Opinion Bureau",
            "body": [
                h2("Why this law?"),
                para(
                    "The draft law delivers part of the second commitment of Jordan's fifth national action plan of the Open Government Partnership (2021–2025), which includes preparing a legislative framework for the practice of e-participation.",
                    "Today e-participation rests on two administrative documents: the “General Principles and Controls for E-Participation, 2023” and the “Implementing Rules for the Use of the Unified Government E-Participation Portal, 2024”. The draft gives these principles the force of law, so that consulting citizens becomes a fixed step in decision-making for every government entity rather than something that varies from one entity to the next.",
                ),
                quote(
                    "Unify and institutionalise e-participation within government institutions by building a unified e-participation portal",
                    "An objective of commitment 2 of the fifth national action plan of the Open Government Partnership",
                ),
                h2("What the draft provides"),
                para(
                    ul(
                        "Ministries, government departments, official public institutions and public institutions must publish draft laws, regulations, instructions, policies and services that affect citizens on Tawasul before they are adopted.",
                        "Consultations last at least ten days for draft laws, regulations and instructions, and at least fourteen days for anything else.",
                        "A consultation may be shortened or skipped only in defined cases, such as urgent necessity or national security, and the reason must be published on the portal.",
                        "An outcome report is published within twelve weeks of every consultation closing, showing which views were taken up, which were not, and why.",
                        "Every government entity names an e-participation coordinator, and an annual report shows how far entities comply with the law.",
                        "Participants' data is protected and may not be used for anything other than the consultation.",
                    )
                ),
                h2("Articles of the draft open for comment"),
                para(
                    "Read the following articles and comment on each of them separately. Comments are published once they have been checked against the house rules."
                ),
                clause(
                    "3",
                    "Scope",
                    ol(
                        "A government entity must put the following to public consultation on the portal before adopting them: draft laws and regulations, instructions that affect citizens' rights or obligations, policies and strategies, and new public services or substantial changes to them.",
                        "Matters of national security and information protected by the legislation in force are exempt from paragraph (1) of this article.",
                    ),
                ),
                clause(
                    "5",
                    "Length of consultations",
                    ol(
                        "A consultation lasts at least ten days for draft laws, regulations and instructions, and at least fourteen days for anything else.",
                        "In cases of urgent necessity the period may be shortened, or the consultation skipped, by a reasoned decision of the head of the government entity published on the portal.",
                    ),
                ),
                clause(
                    "7",
                    "Outcome report",
                    "Within twelve weeks of a consultation ending, the government entity publishes on the portal a report stating the number of responses and their main points, and which of them were taken up and which were not, with reasons.",
                ),
                clause(
                    "9",
                    "Protecting participants' data",
                    "Participants' personal data may not be used for any purpose other than the consultation, nor disclosed except in accordance with the legislation in force on personal data protection.",
                ),
                h2("Our questions to you"),
                para(
                    ol(
                        "Are the proposed periods long enough to study a proposal and respond? If not, what period would you suggest?",
                        "In which cases, if any, should a consultation be shortened or skipped?",
                        "How should a government entity show what it did with people's views?",
                        "Are the proposed safeguards for participants' data enough? What would you add?",
                    )
                ),
                comments(
                    "What do you think of the draft law? Answer the questions above, or add anything you think matters."
                ),
                callout(
                    "This is a draft and has not been adopted. The bureau will consider every comment before the draft goes to the Council of Ministers, after which it follows the constitutional stages for passing laws."
                ),
            ],
        },
    },
    {
        "agency": "moh",
        "slug": "health-centre-appointments",
        "type": "public_service",
        "status": "open",
        "opens": -3,
        "closes": 18,
        "topics": ["health", "digital"],
        "contact_email": "phc@moh.gov.jo",
        "ar": {
            "title": "حجز المواعيد إلكترونياً في المراكز الصحية",
            "summary": "تعتزم وزارة الصحة إتاحة حجز المواعيد في المراكز الصحية عبر الإنترنت وتطبيق «سند»، حتى لا يضطر المراجعون إلى الانتظار منذ الصباح الباكر للحصول على دور. نريد أن نعرف كيف تحجز مواعيدك اليوم، وما الذي يصعب عليك، وما الذي تحتاجه الخدمة الجديدة لتناسب الجميع، بمن فيهم كبار السن والأشخاص ذوو الإعاقة ومن لا يستخدمون الإنترنت.",
            "contact_name": "مديرية الرعاية الصحية الأولية، وزارة الصحة",
            "body": [
                h2("ما الذي نقترحه؟"),
                para(
                    "يحصل كثير من المراجعين اليوم على دورهم في المركز الصحي بالحضور المبكر والانتظار. نقترح خدمة حجز إلكتروني تبدأ تجريبياً في عدد من المراكز الصحية الشاملة في محافظات عمّان وإربد والزرقاء، ثم تُعمَّم على باقي المحافظات بعد تقييم التجربة."
                ),
                h3("كيف ستعمل الخدمة"),
                para(
                    ul(
                        "تختار المركز الصحي والعيادة واليوم والوقت المناسب لك.",
                        "تصلك رسالة نصية تؤكد الموعد، ورسالة تذكير قبله بيوم.",
                        "تستطيع إلغاء الموعد أو تغييره بسهولة، ليستفيد غيرك من الموعد الشاغر.",
                        "يمكن الحجز عبر خط هاتفي لمن لا يستخدم الإنترنت.",
                        "تبقى نسبة من مواعيد كل يوم للحالات العاجلة ولمن يحضر دون حجز.",
                    )
                ),
                h2("ما الذي نريد معرفته منك"),
                para(
                    ol(
                        "كيف تحجز مواعيدك في المركز الصحي اليوم، وكم تنتظر عادة؟",
                        "ما الذي قد يمنعك من استخدام الحجز الإلكتروني؟",
                        "ما الذي تحتاجه الخدمة لتناسب كبار السن والأشخاص ذوي الإعاقة؟",
                    )
                ),
                poll(
                    "أيّ طريقة تفضّل لحجز موعدك في المركز الصحي؟",
                    "الموقع الإلكتروني لوزارة الصحة",
                    "تطبيق «سند»",
                    "الاتصال الهاتفي",
                    "أفضّل الحضور إلى المركز دون حجز",
                ),
                comments("ما الذي تحتاجه خدمة الحجز الإلكتروني لتناسبك أنت وعائلتك؟"),
                callout(
                    "ستبقى مراجعة المركز الصحي دون حجز ممكنة؛ فالحجز الإلكتروني خيار إضافي لتقليل الانتظار، لا شرط للحصول على الخدمة."
                ),
            ],
        },
        "en": {
            "title": "Booking health-centre appointments online",
            "summary": "The Ministry of Health plans to let patients book health-centre appointments online and through the Sanad app, so that nobody has to queue from early morning to be seen. We want to know how you book appointments today, what is difficult, and what the new service needs so that it works for everyone, including older people, people with disabilities and people who do not use the internet.",
            "contact_name": "Primary Health Care Directorate, Ministry of Health",
            "body": [
                h2("What we propose"),
                para(
                    "Today many patients get their turn at a health centre by arriving early and waiting. We propose an online booking service, piloted first in a number of comprehensive health centres in Amman, Irbid and Zarqa governorates and extended to the other governorates once the pilot has been evaluated."
                ),
                h3("How the service would work"),
                para(
                    ul(
                        "You choose the health centre, the clinic, the day and a time that suits you.",
                        "A text message confirms the appointment, and another reminds you the day before.",
                        "You can easily cancel or change the appointment, so that someone else can use the free slot.",
                        "People who do not use the internet can book by telephone.",
                        "Part of each day's appointments stays free for urgent cases and for people who come without booking.",
                    )
                ),
                h2("What we want to know from you"),
                para(
                    ol(
                        "How do you book health-centre appointments today, and how long do you usually wait?",
                        "What might stop you from booking online?",
                        "What does the service need in order to work for older people and people with disabilities?",
                    )
                ),
                poll(
                    "How would you prefer to book a health-centre appointment?",
                    "On the Ministry of Health website",
                    "In the Sanad app",
                    "By telephone",
                    "I would rather come to the centre without booking",
                ),
                comments("What does the online booking service need in order to work for you and your family?"),
                callout(
                    "You will still be able to visit a health centre without booking: online booking is an extra option to cut waiting, not a condition for being seen."
                ),
            ],
        },
    },
    {
        "agency": "modee",
        "slug": "personal-data-instructions",
        "type": "regulation",
        "status": "open",
        "opens": -2,
        "closes": 12,
        "topics": ["data", "digital", "legislation"],
        "contact_email": "dataprotection@modee.gov.jo",
        "ar": {
            "title": "مشروع تعليمات حماية البيانات الشخصية في الخدمات الحكومية الإلكترونية",
            "summary": "تحدد التعليمات المقترحة كيف تجمع الجهات الحكومية البيانات الشخصية في خدماتها الإلكترونية، وكم تحتفظ بها، ومتى تتبادلها فيما بينها، وكيف تبلغ المواطن إذا تعرضت بياناته لخرق. نرغب في سماع آراء المواطنين والمختصين ومؤسسات المجتمع المدني، ولا سيما في مدد الاحتفاظ بالبيانات وفي طريقة الإبلاغ عن الخرق.",
            "contact_name": "فريق حماية البيانات، وزارة الاقتصاد الرقمي والريادة",
            "body": [
                h2("الغاية من التعليمات"),
                para(
                    "تقدّم الجهات الحكومية عدداً متزايداً من خدماتها إلكترونياً، وتجمع في سبيل ذلك بيانات شخصية عن المواطنين والمقيمين. وتهدف هذه التعليمات إلى توحيد طريقة تعامل الجهات الحكومية مع هذه البيانات، بما ينسجم مع قانون حماية البيانات الشخصية لسنة 2023."
                ),
                h2("أهم الأحكام المقترحة"),
                para(
                    ul(
                        "<b>الحد الأدنى من البيانات</b>: لا تطلب الخدمة إلا البيانات اللازمة لتقديمها.",
                        "<b>إشعار خصوصية واضح</b>: تعرض كل خدمة إلكترونية، قبل جمع البيانات، إشعاراً مختصراً يبيّن ما يُجمع ولماذا ومدة الاحتفاظ به.",
                        "<b>مدد الاحتفاظ</b>: تُحذف البيانات أو تُجعل مجهولة الهوية عند انتهاء الغرض منها، وفق مدد تحددها التعليمات لكل نوع من البيانات.",
                        "<b>تبادل البيانات</b>: لا تتبادل الجهات الحكومية البيانات الشخصية إلا لغرض محدد وعبر قنوات آمنة معتمدة.",
                        "<b>الإبلاغ عن الخرق</b>: تبلغ الجهة الوزارة خلال 72 ساعة من اكتشاف أي خرق، وتبلغ الأشخاص المتأثرين دون تأخير إذا كان الخرق يعرّضهم لضرر.",
                    )
                ),
                h2("أسئلة المشاورة"),
                para(
                    ol(
                        "ما المدة التي تراها معقولة لاحتفاظ الجهة الحكومية بطلبات الخدمات المنجزة ومرفقاتها؟",
                        "هل يكفي الإشعار المختصر لتعرف كيف تُستخدم بياناتك؟ وما الذي تريد أن يتضمنه؟",
                    )
                ),
                poll(
                    "كيف تفضّل أن نبلغك إذا تعرضت بياناتك الشخصية لخرق؟ يمكنك اختيار أكثر من إجابة.",
                    "رسالة نصية",
                    "بريد إلكتروني",
                    "إشعار في تطبيق «سند»",
                    multiple=True,
                ),
                callout("لا تكتب في ملاحظاتك أي بيانات شخصية عنك أو عن غيرك."),
                comments("ما ملاحظاتك على مشروع التعليمات؟"),
            ],
        },
        "en": {
            "title": "Draft instructions on protecting personal data in government e-services",
            "summary": "The proposed instructions set out how government entities collect personal data in their e-services, how long they keep it, when they may share it with each other, and how they must tell citizens if their data is breached. We would like to hear from citizens, specialists and civil society, especially on how long data is kept and how breaches are reported.",
            "contact_name": "Data protection team, Ministry of Digital Economy and Entrepreneurship",
            "body": [
                h2("What the instructions are for"),
                para(
                    "Government entities provide more and more of their services online, and collect personal data about citizens and residents to do so. These instructions make every government entity handle that data in the same way, in line with the Personal Data Protection Law of 2023."
                ),
                h2("The main proposals"),
                para(
                    ul(
                        "<b>Data minimisation</b>: a service asks only for the data it needs.",
                        "<b>A clear privacy notice</b>: before collecting data, every e-service shows a short notice saying what is collected, why, and for how long it is kept.",
                        "<b>Retention periods</b>: data is deleted or anonymised once its purpose is served, within periods the instructions set for each kind of data.",
                        "<b>Data sharing</b>: government entities share personal data only for a specific purpose and through approved secure channels.",
                        "<b>Breach reporting</b>: an entity tells the ministry within 72 hours of discovering a breach, and tells the people affected without delay if the breach puts them at risk of harm.",
                    )
                ),
                h2("Consultation questions"),
                para(
                    ol(
                        "How long is it reasonable for a government entity to keep completed service applications and their attachments?",
                        "Would a short notice be enough for you to understand how your data is used? What should it include?",
                    )
                ),
                poll(
                    "How would you prefer to be told if your personal data is breached? You can choose more than one answer.",
                    "By text message",
                    "By e-mail",
                    "By a notification in the Sanad app",
                    multiple=True,
                ),
                callout("Do not include personal details about yourself or anyone else in your comments."),
                comments("What are your comments on the draft instructions?"),
            ],
        },
    },
    {
        "agency": "modee",
        "slug": "open-government-data-policy",
        "type": "policy",
        "status": "upcoming",
        "opens": 7,
        "closes": 37,
        "topics": ["open-government", "digital"],
        "contact_email": "opendata@modee.gov.jo",
        "ar": {
            "title": "تحديث سياسة البيانات الحكومية المفتوحة",
            "summary": "تراجع الوزارة سياسة البيانات الحكومية المفتوحة لتحدد أي البيانات تنشرها الجهات الحكومية، وبأي صيغ، وكم مرة تحدّثها، وكيف يطلب الجمهور نشر بيانات جديدة. تبدأ المشاورة قريباً، ويمكنك الاطلاع على محاورها الآن والاستعداد بملاحظاتك.",
            "contact_name": "مديرية السياسات والاستراتيجيات، وزارة الاقتصاد الرقمي والريادة",
            "body": [
                h2("ما الذي ستتناوله المشاورة"),
                para(
                    ul(
                        "قائمة بالبيانات ذات الأولوية التي تنشرها كل جهة حكومية، مثل الموازنات ومؤشرات أداء الخدمات.",
                        "الصيغ المفتوحة القابلة للقراءة آلياً، والترخيص الذي يتيح إعادة استخدام البيانات بحرية.",
                        "مواعيد تحديث البيانات، ومسؤولية كل جهة عن جودتها.",
                        "آلية يطلب بها الجمهور نشر بيانات جديدة، والمدة التي تلتزم الجهة بالرد خلالها.",
                    )
                ),
                h2("من نريد أن نسمع منه"),
                para(
                    "نرحب بآراء الجميع، ونود أن نسمع بوجه خاص من الباحثين والصحفيين ورواد الأعمال ومطوري التطبيقات ومؤسسات المجتمع المدني والطلبة الذين يستخدمون البيانات الحكومية أو يحتاجون إليها."
                ),
                callout("لم تبدأ فترة المشاركة بعد. ستُنشر مسودة السياسة كاملة في هذه الصفحة عند بدء المشاورة."),
                comments("ما البيانات الحكومية التي تحتاجها أكثر من غيرها، ولماذا؟"),
            ],
        },
        "en": {
            "title": "Updating the open government data policy",
            "summary": "The ministry is reviewing the open government data policy: which data government entities publish, in which formats, how often they update it, and how the public can ask for new data to be published. The consultation opens soon; you can read what it will cover now and prepare your comments.",
            "contact_name": "Policies and Strategies Directorate, Ministry of Digital Economy and Entrepreneurship",
            "body": [
                h2("What the consultation will cover"),
                para(
                    ul(
                        "A list of priority data that every government entity publishes, such as budgets and service performance indicators.",
                        "Open, machine-readable formats, and a licence that lets anyone reuse the data freely.",
                        "How often data is updated, and each entity's responsibility for its quality.",
                        "How the public can ask for new data to be published, and how quickly the entity must reply.",
                    )
                ),
                h2("Who we want to hear from"),
                para(
                    "Everyone is welcome to respond. We especially want to hear from researchers, journalists, entrepreneurs, app developers, civil society organisations and students who use government data or need it."
                ),
                callout(
                    "The consultation is not open yet. The full draft policy will be published on this page when it opens."
                ),
                comments("Which government data do you need most, and why?"),
            ],
        },
    },
    {
        "agency": "modee",
        "slug": "sanad-new-services",
        "type": "government_project",
        "status": "closed",
        "opens": -40,
        "closes": -10,
        "topics": ["digital"],
        "contact_email": "sanad@modee.gov.jo",
        "ar": {
            "title": "توسيع الخدمات الحكومية الرقمية في تطبيق «سند»",
            "summary": "سألنا المواطنين عن الخدمات الحكومية التي يريدون إنجازها عبر تطبيق «سند» أولاً، وعن العوائق التي تواجههم في التسجيل وتفعيل الهوية الرقمية. انتهت فترة المشاركة، ويحلل فريق المشروع الآراء الواردة، وستُنشر النتيجة في هذه الصفحة.",
            "contact_name": "فريق الخدمات الرقمية، وزارة الاقتصاد الرقمي والريادة",
            "body": [
                h2("عن المشروع"),
                para(
                    "يتيح تطبيق «سند» للمواطنين هوية رقمية وعدداً من الخدمات الحكومية الإلكترونية. وتعمل الوزارة مع الجهات الحكومية على إضافة خدمات جديدة إلى التطبيق، وأرادت أن تبدأ بالخدمات التي يحتاجها الناس أكثر من غيرها."
                ),
                h2("ما الذي سألنا عنه"),
                para(
                    ol(
                        "ما الخدمات الحكومية الثلاث التي تريد إنجازها عبر التطبيق أولاً؟",
                        "هل واجهت صعوبة في التسجيل في التطبيق أو تفعيل هويتك الرقمية؟ وما هي؟",
                        "ما الذي يجعلك تثق بإنجاز معاملاتك الحكومية عبر الهاتف؟",
                    )
                ),
                callout(
                    "انتهت فترة المشاركة. ستنشر الوزارة خلال اثني عشر أسبوعاً من تاريخ الإغلاق ملخصاً لما سمعته وما قررته."
                ),
            ],
        },
        "en": {
            "title": "Adding government services to the Sanad app",
            "summary": "We asked citizens which government services they most want to complete in the Sanad app, and what gets in the way of registering and activating their digital ID. The consultation has closed; the project team is analysing the responses and will publish the outcome on this page.",
            "contact_name": "Digital services team, Ministry of Digital Economy and Entrepreneurship",
            "body": [
                h2("About the project"),
                para(
                    "The Sanad app gives citizens a digital ID and a number of government e-services. The ministry is working with government entities to add new services to the app, and wanted to start with the ones people need most."
                ),
                h2("What we asked"),
                para(
                    ol(
                        "Which three government services would you most like to complete in the app?",
                        "Did you have any difficulty registering in the app or activating your digital ID? What was it?",
                        "What would make you trust doing government business on your phone?",
                    )
                ),
                callout(
                    "The consultation has closed. Within twelve weeks of the closing date the ministry will publish a summary of what it heard and what it decided."
                ),
            ],
        },
    },
    {
        "agency": "moh",
        "slug": "telehealth-instructions",
        "type": "regulation",
        "status": "concluded",
        "opens": -100,
        "closes": -70,
        "topics": ["health", "legislation"],
        "contact_email": "telehealth@moh.gov.jo",
        "ar": {
            "title": "تعليمات تقديم خدمات الرعاية الصحية عن بُعد",
            "summary": "عرضت وزارة الصحة مشروع تعليمات ينظم الاستشارات الطبية عن بُعد بالفيديو والهاتف: من يحق له تقديمها، وكيف تُحفظ السجلات الطبية وتُحمى خصوصية المرضى، ومتى يجب على المريض مراجعة الطبيب حضورياً. انتهت المشاورة، وتجد أدناه النتيجة وما تغيّر في النص بفضل ملاحظاتكم.",
            "contact_name": "وحدة الصحة الرقمية، وزارة الصحة",
            "body": [
                h2("ما الذي عرضناه"),
                para(
                    "ازداد الإقبال على الاستشارات الطبية عن بُعد، ولا سيما في المناطق البعيدة عن المستشفيات. وعرضت الوزارة مشروع تعليمات يضع قواعد واضحة لهذه الخدمة:",
                    ul(
                        "لا يقدّم الاستشارة عن بُعد إلا طبيب مرخّص لمزاولة المهنة في المملكة.",
                        "تُوثَّق كل استشارة في السجل الطبي للمريض كما لو كانت زيارة حضورية.",
                        "تُجرى الاستشارة عبر وسائل اتصال آمنة تحمي خصوصية المريض.",
                        "على الطبيب أن يطلب مراجعة حضورية إذا تعذّر التشخيص عن بُعد.",
                    ),
                ),
                h2("الأسئلة التي طرحناها"),
                para(
                    ol(
                        "هل استخدمت خدمة استشارة طبية عن بُعد؟ وكيف كانت تجربتك؟",
                        "هل تكفي الضمانات المقترحة لحماية خصوصية المرضى؟",
                        "هل يجوز صرف الأدوية بوصفة طبية صادرة عن بُعد؟ وبأي شروط؟",
                    )
                ),
            ],
            "outcome": rich(
                "تلقّت الوزارة 214 مشاركة خلال مدة المشاورة: 131 من مواطنين، و52 من أطباء وصيادلة، و31 من نقابات مهنية ومستشفيات خاصة ومؤسسات مجتمع مدني. شكراً لكل من شارك.",
                "<b>ما غيّرناه بفضل ملاحظاتكم:</b>",
                ul(
                    "أضفنا حق المريض في طلب مراجعة حضورية في أي وقت، بعد أن طالب به كثير من المشاركين.",
                    "حددنا الأدوية التي لا تُصرف بوصفة صادرة عن بُعد، ومنها الأدوية المخدرة والمؤثرات العقلية، استجابةً لملاحظات الصيادلة.",
                    "ألزمنا مقدّم الخدمة بإبلاغ المريض بأجور الاستشارة قبل بدئها.",
                    "أتحنا للمريض الاستعانة بمرافق أثناء الاستشارة، مراعاةً لكبار السن والأشخاص ذوي الإعاقة.",
                ),
                "<b>ما لم نأخذ به، ولماذا:</b>",
                ul(
                    "طالب بعض المشاركين بتسجيل جميع الاستشارات بالفيديو. لم نأخذ بذلك حمايةً لخصوصية المرضى، ويكفي توثيق الاستشارة في السجل الطبي."
                ),
                "أُقرّت التعليمات بصيغتها المعدّلة، ويبدأ العمل بها من تاريخ نشرها في الجريدة الرسمية.",
            ),
        },
        "en": {
            "title": "Instructions on providing health care remotely",
            "summary": "The Ministry of Health consulted on draft instructions for remote medical consultations by video and telephone: who may provide them, how medical records are kept and patients' privacy protected, and when a patient must see a doctor in person. The consultation has closed; the outcome, and what changed in the text because of your comments, are below.",
            "contact_name": "Digital health unit, Ministry of Health",
            "body": [
                h2("What we proposed"),
                para(
                    "More and more people use remote medical consultations, especially in areas far from hospitals. The ministry put forward draft instructions setting clear rules for the service:",
                    ul(
                        "Only a doctor licensed to practise in Jordan may give a remote consultation.",
                        "Every consultation is recorded in the patient's medical record, just like a visit in person.",
                        "Consultations use secure channels that protect the patient's privacy.",
                        "The doctor must ask the patient to come in person if a diagnosis cannot be made remotely.",
                    ),
                ),
                h2("The questions we asked"),
                para(
                    ol(
                        "Have you used a remote medical consultation? What was it like?",
                        "Are the proposed safeguards enough to protect patients' privacy?",
                        "Should medicines be dispensed on a prescription issued remotely? On what conditions?",
                    )
                ),
            ],
            "outcome": rich(
                "The ministry received 214 responses during the consultation: 131 from citizens, 52 from doctors and pharmacists, and 31 from professional associations, private hospitals and civil society organisations. Thank you to everyone who took part.",
                "<b>What we changed because of your comments:</b>",
                ul(
                    "We added the patient's right to ask for an in-person appointment at any time, which many respondents called for.",
                    "We listed the medicines that may not be dispensed on a remotely issued prescription, including narcotics and psychotropic drugs, in response to pharmacists' comments.",
                    "Providers must now tell patients the fee before the consultation starts.",
                    "Patients may have a companion with them during the consultation, for the sake of older people and people with disabilities.",
                ),
                "<b>What we did not take up, and why:</b>",
                ul(
                    "Some respondents asked for every consultation to be video-recorded. We did not adopt this, to protect patients' privacy; recording the consultation in the medical record is enough."
                ),
                "The instructions were adopted as amended and take effect when they are published in the Official Gazette.",
            ),
        },
    },
]


# --- Guidance ------------------------------------------------------------------------------------

GUIDELINES = [
    {
        "slug": "how-to-take-part",
        "audience": "citizens",
        "ar": {
            "title": "كيف تشارك في المشاورات",
            "summary": "ثلاث خطوات بسيطة: اقرأ المقترح، وأبدِ رأيك قبل الإغلاق، ثم تابع ما قررته الجهة الحكومية وكيف استفادت من آراء المشاركين.",
            "body": [
                h2("1. اقرأ المقترح"),
                para(
                    "ابدأ بالملخص في أعلى صفحة المشاورة؛ فهو يشرح بلغة بسيطة ما الذي يُقترح، ومن يتأثر به، وما الذي تريد الجهة الحكومية معرفته منك. ثم اقرأ التفاصيل والأسئلة المطروحة والوثائق المرفقة، مثل النص الكامل لمشروع القانون.",
                    "انتبه إلى تاريخ الإغلاق ووقته في أعلى الصفحة؛ فالمواعيد كلها بتوقيت عمّان.",
                ),
                h2("2. أبدِ رأيك"),
                para(
                    "لا تُقاس قيمة الرأي بطوله بل بوضوحه. هذه نصائح تجعل ملاحظتك أكثر تأثيراً:",
                    ul(
                        "أجب عن الأسئلة المطروحة، أو اذكر القسم أو رقم المادة التي تعلّق عليها.",
                        "اشرح لماذا تؤيد أو تعارض، واذكر مثالاً من تجربتك إن أمكن.",
                        "إذا لم يعجبك المقترح فاقترح بديلاً عملياً.",
                        "اكتب ملاحظة مستقلة لكل فكرة، فذلك يسهّل دراستها.",
                    ),
                ),
                callout(
                    "لا تكتب في تعليقك رقمك الوطني أو هاتفك أو عنوانك أو أي بيانات شخصية عنك أو عن غيرك؛ فالتعليقات المنشورة يراها الجميع."
                ),
                h2("3. تابع النتيجة"),
                para(
                    "بعد إغلاق المشاورة تدرس الجهة الحكومية جميع الآراء، وتنشر خلال اثني عشر أسبوعاً تقريراً في صفحة المشاورة نفسها يبيّن ما الذي قررته، وما الذي أخذت به من الملاحظات، وما الذي لم تأخذ به ولماذا. وعندها تتغير حالة المشاورة إلى «نُشرت النتيجة»."
                ),
                h2("قواعد الحوار"),
                para(
                    "«تواصل» مساحة للحوار المحترم، وتُحجب المشاركات التي:",
                    ul(
                        "تتضمن إساءة أو تحريضاً أو خطاب كراهية.",
                        "تخرج عن موضوع المشاورة.",
                        "تتضمن بيانات شخصية أو إعلانات أو روابط ضارة.",
                    ),
                    "وإذا رأيت تعليقاً مخالفاً فأبلغ عنه، وسيراجعه المشرفون.",
                ),
            ],
        },
        "en": {
            "title": "How to take part in a consultation",
            "summary": "Three simple steps: read the proposal, give your views before it closes, then follow what the government entity decided and how it used what people said.",
            "body": [
                h2("1. Read the proposal"),
                para(
                    "Start with the summary at the top of the consultation page: it explains in plain language what is proposed, who it affects and what the government entity wants to know from you. Then read the details, the questions and the attached documents, such as the full text of a draft law.",
                    "Check the closing date and time at the top of the page; all times are Amman time.",
                ),
                h2("2. Give your views"),
                para(
                    "A comment counts for its clarity, not its length. These tips make yours count for more:",
                    ul(
                        "Answer the questions asked, or say which section or article number you are commenting on.",
                        "Explain why you agree or disagree, with an example from your own experience if you can.",
                        "If you do not like the proposal, suggest a practical alternative.",
                        "Make one point per comment, which makes comments easier to consider.",
                    ),
                ),
                callout(
                    "Do not put your national number, telephone, address or any other personal details about yourself or anyone else in a comment: published comments can be read by everyone."
                ),
                h2("3. Follow the outcome"),
                para(
                    "After the consultation closes, the government entity considers every response and, within twelve weeks, publishes a report on the consultation page itself: what it decided, which comments it took up, which it did not and why. The consultation's status then changes to “Outcome published”."
                ),
                h2("House rules"),
                para(
                    "Tawasul is a place for respectful discussion. We hide contributions that:",
                    ul(
                        "are abusive, incite violence or spread hatred;",
                        "are not about the consultation;",
                        "contain personal details, advertising or harmful links.",
                    ),
                    "If you see a comment that breaks these rules, report it and a moderator will review it.",
                ),
            ],
        },
    },
    {
        "slug": "running-a-consultation",
        "audience": "agencies",
        "ar": {
            "title": "دليل الجهات الحكومية لإدارة مشاورة ناجحة",
            "summary": "كيف تُعدّ مشاورة يفهمها الجميع، وتمنح الناس وقتاً كافياً للرد، وتنشر النتيجة في موعدها: خطوات عملية لمحرري الجهات الحكومية ومنسقي المشاركة.",
            "body": [
                h2("قبل النشر: استشر مبكراً"),
                para(
                    "استشر الناس والخيارات ما زالت مفتوحة؛ فالمشاورة في قرار اتُّخذ فعلاً تُضعف الثقة ولا تضيف شيئاً. وحدّد بوضوح ما الذي يمكن أن يتغير بناءً على الآراء، وما الذي لا يمكن تغييره ولماذا."
                ),
                h2("اكتب بلغة واضحة"),
                para(
                    ul(
                        "اكتب ملخصاً لا يزيد على ستمئة حرف يجيب عن ثلاثة أسئلة: ما المقترح؟ ومن يتأثر به؟ وما الذي تريد معرفته من الناس؟",
                        "استخدم جملاً قصيرة، واشرح المصطلحات القانونية والفنية أو استبدل بها كلمات مألوفة.",
                        "قسّم المحتوى بعناوين واضحة، واستخدم القوائم للخطوات والخيارات.",
                        "اطرح أسئلة محددة ومفتوحة، وتجنب الأسئلة التي توحي بالإجابة.",
                        "أرفق النص الكامل للمقترح وأي دراسة لتقييم أثره.",
                    )
                ),
                h2("امنح الناس وقتاً كافياً"),
                para(
                    "لا تقل مدة المشاورة عن أربعة عشر يوماً، ولا تقل في مشروعات القوانين والأنظمة والتعليمات عن عشرة أيام. أطل المدة إذا كان المقترح طويلاً أو معقداً، أو إذا تزامنت المشاورة مع الأعياد والعطل الرسمية. ويجوز تمديد المشاورة المفتوحة مع إعلان ذلك، ولا يجوز تقصيرها."
                ),
                h2("أثناء المشاورة"),
                para(
                    ul(
                        "روّج للمشاورة عبر موقع الجهة ووسائل التواصل الاجتماعي، وتواصل مع الفئات المعنية مباشرة، ولا سيما من يصعب عليهم الوصول إلى الإنترنت.",
                        "أجب عن الاستفسارات الواردة إلى عنوان البريد الإلكتروني المذكور في صفحة المشاورة.",
                        "راجع التعليقات بانتظام وفق ضوابط المشاركة، وبيّن سبب حجب أي تعليق.",
                    )
                ),
                h2("بعد الإغلاق: انشر النتيجة خلال اثني عشر أسبوعاً"),
                para(
                    "انشر في حقل «النتيجة» في صفحة المشاورة تقريراً يبيّن:",
                    ol(
                        "عدد المشاركات ومن أين جاءت.",
                        "أبرز ما قاله المشاركون، بما في ذلك الآراء المخالفة.",
                        "ما الذي تغيّر في المقترح بفضل هذه الآراء.",
                        "ما الذي لم يُؤخذ به، ولماذا.",
                        "الخطوات التالية ومواعيدها المتوقعة.",
                    ),
                ),
                callout(
                    "لا تُنشر أي صفحة قبل اعتمادها: يُعدّ محرر الجهة المشاورة ويرسلها للاعتماد، فيراجعها مراجع في الوزارة ويعتمدها أو يعيدها مع ملاحظاته. ولا يعتمد أحد صفحة أعدّها أو أرسلها بنفسه."
                ),
            ],
        },
        "en": {
            "title": "Running a good consultation: a guide for government entities",
            "summary": "How to prepare a consultation everyone can understand, give people enough time to respond and publish the outcome on time: practical steps for editors and participation coordinators.",
            "body": [
                h2("Before you publish: ask early"),
                para(
                    "Consult while the options are still open: consulting on a decision that has already been taken damages trust and adds nothing. Say clearly what can change as a result of people's views, and what cannot and why."
                ),
                h2("Write in plain language"),
                para(
                    ul(
                        "Write a summary of no more than 600 characters that answers three questions: what is proposed, who it affects, and what you want to know from people.",
                        "Use short sentences, and explain legal and technical terms or replace them with everyday words.",
                        "Break the content up with clear headings, and use lists for steps and options.",
                        "Ask specific, open questions, and avoid questions that suggest the answer.",
                        "Attach the full text of the proposal and any impact assessment.",
                    )
                ),
                h2("Give people enough time"),
                para(
                    "A consultation lasts at least fourteen days, and at least ten days for draft laws, regulations and instructions. Allow longer if the proposal is long or complex, or if the consultation falls over religious or public holidays. An open consultation may be extended, with an announcement, but never shortened."
                ),
                h2("While the consultation is open"),
                para(
                    ul(
                        "Promote the consultation on your website and social media, and reach the people concerned directly, especially those who find it hard to get online.",
                        "Answer questions sent to the e-mail address given on the consultation page.",
                        "Review comments regularly under the house rules, and give a reason whenever a comment is hidden.",
                    )
                ),
                h2("After it closes: publish the outcome within twelve weeks"),
                para(
                    "Publish a report in the consultation page's Outcome field that shows:",
                    ol(
                        "how many responses there were and who they came from;",
                        "the main points people made, including views you disagree with;",
                        "what changed in the proposal because of them;",
                        "what was not taken up, and why;",
                        "the next steps and when they are expected.",
                    ),
                ),
                callout(
                    "No page goes live without approval: the entity's editor prepares the consultation and submits it, and a ministry reviewer approves it or sends it back with comments. Nobody approves a page they wrote or submitted themselves."
                ),
            ],
        },
    },
]


# --- Rules documents -----------------------------------------------------------------------------

RULES = [
    {
        "slug": "e-participation-principles",
        "version": "2023",
        "issued_on": date(2023, 12, 1),
        "effective_on": date(2024, 1, 1),
        "ar": {
            "title": "المبادئ والضوابط العامة للمشاركة الإلكترونية",
            "preamble": "أُعدّت هذه الوثيقة تنفيذاً للالتزام الثاني في الخطة الوطنية الخامسة لمبادرة شراكة الحكومات الشفافة (2021–2025): «تعزيز المشاركة المجتمعية في عملية صنع القرار من خلال الوسائل الإلكترونية»، وبعد التشاور مع الجهات الحكومية والقطاع الخاص والأكاديميين ومؤسسات المجتمع المدني والأفراد في ورشة العمل التي عُقدت بتاريخ 11/5/2023. وهي تضع الأسس التي تلتزم بها الجهات الحكومية عند استشارة المواطنين إلكترونياً، بما يوحّد الممارسة ويعزز الشفافية والمساءلة والثقة.",
            "articles": [
                article(
                    "التسمية والسريان",
                    "تُسمّى هذه الوثيقة «المبادئ والضوابط العامة للمشاركة الإلكترونية لسنة 2023»، ويُعمل بها اعتباراً من تاريخ نفاذها.",
                ),
                article(
                    "التعريفات",
                    "يكون للكلمات والعبارات التالية حيثما وردت في هذه الوثيقة المعاني المخصصة لها أدناه ما لم تدل القرينة على غير ذلك:",
                    ul(
                        "<b>الجهة الحكومية</b>: أي وزارة أو دائرة حكومية أو مؤسسة رسمية عامة أو مؤسسة عامة.",
                        "<b>المشاركة الإلكترونية</b>: إشراك المواطنين وأصحاب المصلحة في صنع القرار بالوسائل الإلكترونية، بالاطلاع وإبداء الرأي والتصويت.",
                        "<b>المشاورة</b>: عرض مشروع تشريع أو سياسة أو خدمة أو مشروع حكومي على العموم مدة محددة لإبداء الرأي فيه.",
                        "<b>البوابة</b>: البوابة الحكومية الموحدة للمشاركة الإلكترونية «تواصل».",
                        "<b>المشارك</b>: أي شخص طبيعي أو اعتباري يبدي رأيه في مشاورة.",
                    ),
                ),
                article(
                    "الأهداف",
                    "تهدف المشاركة الإلكترونية إلى:",
                    ol(
                        "الاستفادة من مهارات أفراد المجتمع وكفاءاتهم في إنتاج الخدمات العامة وإعداد التشريعات، وتمكين الإبداع والابتكار في تلبية احتياجات المستفيدين.",
                        "مكافحة الإقصاء والتهميش، وتعزيز تمثيل جميع الفئات، ومنها النساء وكبار السن والأشخاص ذوو الإعاقة والفئات الأشد فقراً.",
                        "إعداد سياسات شفافة وشاملة وخاضعة للمساءلة.",
                        "تعزيز ثقة المواطنين بالحكومة وقبولهم للقرارات والتشريعات بإشراكهم في صنعها.",
                    ),
                ),
                article(
                    "المبادئ العامة",
                    "تلتزم الجهة الحكومية عند إجراء المشاورات بالمبادئ التالية:",
                    ol(
                        "<b>الشفافية</b>: نشر المعلومات اللازمة لفهم المقترح كاملة وفي وقتها، مع بيان ما يقبل التغيير وما لا يقبله.",
                        "<b>الشمول</b>: إتاحة المشاركة للجميع دون تمييز، ومراعاة احتياجات الأشخاص ذوي الإعاقة ومن لا تتوافر لهم خدمة الإنترنت.",
                        "<b>الوضوح</b>: كتابة المشاورة بلغة واضحة وبسيطة، مع ملخص يبيّن ما المقترح ومن يتأثر به وما المطلوب من المشاركين.",
                        "<b>التوقيت المناسب</b>: إجراء المشاورة في مرحلة مبكرة يمكن فيها للآراء أن تؤثر في القرار.",
                        "<b>الاستجابة والمساءلة</b>: دراسة جميع الآراء الواردة بجدية، والرد عليها علناً.",
                        "<b>الخصوصية</b>: حماية البيانات الشخصية للمشاركين.",
                    ),
                ),
                article(
                    "نطاق المشاورة",
                    "تعرض الجهة الحكومية للمشاورة العامة ما يلي، ما لم يتعلق بالأمن الوطني أو بمعلومات محمية بموجب التشريعات النافذة:",
                    ol(
                        "مشروعات القوانين والأنظمة.",
                        "مشروعات التعليمات والقرارات التنظيمية التي تمس حقوق المواطنين أو التزاماتهم.",
                        "السياسات والاستراتيجيات الوطنية والقطاعية.",
                        "الخدمات العامة الجديدة والتعديلات الجوهرية على الخدمات القائمة.",
                        "المشاريع الحكومية ذات الأثر المباشر على المواطنين.",
                    ),
                ),
                article(
                    "مدة المشاورة",
                    ol(
                        "لا تقل مدة المشاورة عن أربعة عشر يوماً من تاريخ بدئها.",
                        "على الرغم مما ورد في البند (1) من هذه المادة، لا تقل مدة المشاورة في مشروعات القوانين والأنظمة والتعليمات عن عشرة أيام.",
                        "يجوز للجهة الحكومية تمديد المشاورة قبل انتهائها على أن تعلن ذلك على البوابة، ولا يجوز تقصيرها بعد بدئها.",
                        "تراعي الجهة الحكومية إطالة المدة إذا كان المقترح طويلاً أو معقداً، أو تزامنت المشاورة مع العطل الرسمية.",
                    ),
                ),
                article(
                    "التغذية الراجعة ونشر النتائج",
                    ol(
                        "تنشر الجهة الحكومية تقريراً بنتائج المشاورة خلال مدة لا تزيد على اثني عشر أسبوعاً من انتهائها.",
                        "يبيّن التقرير عدد المشاركات وأبرز ما ورد فيها، وما أُخذ به من الآراء وما لم يُؤخذ به مع بيان الأسباب، والخطوات التالية.",
                        "إذا تعذّر نشر التقرير في موعده، تعلن الجهة الحكومية ذلك على البوابة مع بيان السبب والموعد الجديد.",
                    ),
                ),
                article(
                    "ضوابط المشاركة",
                    "يلتزم المشارك بما يلي، ويحق للجهة الحكومية حجب أي مشاركة تخالفه مع بيان سبب الحجب:",
                    ol(
                        "احترام الآخرين وعدم الإساءة أو التحريض أو خطاب الكراهية.",
                        "الالتزام بموضوع المشاورة.",
                        "عدم نشر بيانات شخصية تخصه أو تخص غيره.",
                        "عدم نشر الإعلانات أو المحتوى التجاري أو الروابط الضارة.",
                    ),
                ),
                article(
                    "حماية البيانات الشخصية",
                    ol(
                        "لا تُستخدم بيانات المشاركين إلا لأغراض المشاورة التي شاركوا فيها، ووفق أحكام التشريعات النافذة المتعلقة بحماية البيانات الشخصية.",
                        "لا تُجمع البيانات الديموغرافية إلا بموافقة صريحة من المشارك، ولا تُنشر إلا في صورة إحصاءات مجمّعة لا تقل فيها أي فئة عن خمسة أشخاص.",
                    ),
                ),
            ],
        },
        "en": {
            "title": "General Principles and Controls for E-Participation",
            "preamble": "This document was prepared under the second commitment of Jordan's fifth national action plan of the Open Government Partnership (2021–2025), “Strengthening community participation in decision-making through electronic means”, after consulting government entities, the private sector, academics, civil society organisations and individuals at a workshop held on 11 May 2023. It sets out the principles that government entities follow when they consult citizens electronically, so that practice is consistent and transparency, accountability and trust are strengthened.",
            "articles": [
                article(
                    "Title and entry into force",
                    "This document is called the “General Principles and Controls for E-Participation, 2023” and applies from the date it takes effect.",
                ),
                article(
                    "Definitions",
                    "Wherever they appear in this document, the following words and expressions have the meanings given below unless the context indicates otherwise:",
                    ul(
                        "<b>Government entity</b>: any ministry, government department, official public institution or public institution.",
                        "<b>E-participation</b>: involving citizens and stakeholders in decision-making by electronic means, by informing them and letting them comment and vote.",
                        "<b>Consultation</b>: putting a draft law, policy, service or government project to the public for a set period so that they can give their views on it.",
                        "<b>Portal</b>: the unified government e-participation portal, Tawasul.",
                        "<b>Participant</b>: any natural or legal person who gives their views in a consultation.",
                    ),
                ),
                article(
                    "Objectives",
                    "E-participation aims to:",
                    ol(
                        "draw on the skills and expertise of members of the public to produce public services and prepare legislation, and enable creativity and innovation in meeting people's needs;",
                        "fight exclusion and marginalisation, and strengthen the representation of every group, including women, older people, people with disabilities and the poorest;",
                        "produce policies that are transparent, inclusive and accountable;",
                        "strengthen citizens' trust in government, and their acceptance of decisions and legislation, by involving them in making them.",
                    ),
                ),
                article(
                    "General principles",
                    "When it consults, a government entity follows these principles:",
                    ol(
                        "<b>Transparency</b>: publish in full and in good time the information needed to understand the proposal, and say what can change and what cannot.",
                        "<b>Inclusion</b>: let everyone take part without discrimination, and meet the needs of people with disabilities and people without internet access.",
                        "<b>Clarity</b>: write the consultation in plain language, with a summary saying what is proposed, who it affects and what participants are asked.",
                        "<b>Timeliness</b>: consult early enough for people's views to influence the decision.",
                        "<b>Responsiveness and accountability</b>: consider every response seriously and answer publicly.",
                        "<b>Privacy</b>: protect participants' personal data.",
                    ),
                ),
                article(
                    "What is consulted on",
                    "A government entity puts the following to public consultation, unless it concerns national security or information protected by the legislation in force:",
                    ol(
                        "draft laws and regulations;",
                        "draft instructions and regulatory decisions that affect citizens' rights or obligations;",
                        "national and sectoral policies and strategies;",
                        "new public services and substantial changes to existing services;",
                        "government projects that directly affect citizens.",
                    ),
                ),
                article(
                    "Length of consultations",
                    ol(
                        "A consultation lasts at least fourteen days from the day it opens.",
                        "Notwithstanding paragraph (1) of this article, a consultation on a draft law, regulation or instructions lasts at least ten days.",
                        "A government entity may extend a consultation before it ends, announcing this on the portal, but may not shorten it once it has opened.",
                        "A government entity allows longer if the proposal is long or complex, or if the consultation falls over public holidays.",
                    ),
                ),
                article(
                    "Feedback and publishing the outcome",
                    ol(
                        "A government entity publishes a report on the outcome of a consultation no later than twelve weeks after it ends.",
                        "The report states the number of responses and their main points, which views were taken up and which were not, with reasons, and the next steps.",
                        "If the report cannot be published on time, the government entity announces this on the portal, with the reason and the new date.",
                    ),
                ),
                article(
                    "Rules for participants",
                    "Participants must respect the following; a government entity may hide any contribution that does not, stating the reason:",
                    ol(
                        "respect others, and do not abuse, incite or spread hatred;",
                        "keep to the subject of the consultation;",
                        "do not publish personal data about yourself or anyone else;",
                        "do not publish advertising, commercial content or harmful links.",
                    ),
                ),
                article(
                    "Protecting personal data",
                    ol(
                        "Participants' data is used only for the consultation they took part in, in accordance with the legislation in force on personal data protection.",
                        "Demographic information is collected only with the participant's explicit consent and published only as combined statistics in which no group has fewer than five people.",
                    ),
                ),
            ],
        },
    },
    {
        "slug": "tawasul-implementing-rules",
        "version": "2024",
        "issued_on": date(2024, 5, 20),
        "effective_on": date(2024, 5, 28),
        "ar": {
            "title": "القواعد التنفيذية لاستخدام البوابة الحكومية الموحدة للمشاركة الإلكترونية «تواصل»",
            "preamble": "تصدر هذه القواعد استناداً إلى المبادئ والضوابط العامة للمشاركة الإلكترونية لسنة 2023، وتنظم استخدام الجهات الحكومية والمواطنين للبوابة الحكومية الموحدة للمشاركة الإلكترونية «تواصل» التي طوّرتها وزارة الاقتصاد الرقمي والريادة، من إعداد المشاورات ونشرها إلى الإشراف على المشاركات ونشر النتائج.",
            "articles": [
                article(
                    "التسمية والسريان",
                    "تُسمّى هذه القواعد «القواعد التنفيذية لاستخدام البوابة الحكومية الموحدة للمشاركة الإلكترونية (تواصل) لسنة 2024»، ويُعمل بها اعتباراً من تاريخ إطلاق البوابة في 28/5/2024.",
                ),
                article(
                    "التعريفات",
                    "يكون للكلمات والعبارات الواردة في هذه القواعد المعاني المخصصة لها في المبادئ والضوابط العامة للمشاركة الإلكترونية، ويكون للكلمات التالية المعاني المخصصة لها أدناه:",
                    ul(
                        "<b>الوزارة</b>: وزارة الاقتصاد الرقمي والريادة.",
                        "<b>منسق المشاركة</b>: الموظف الذي تسمّيه الجهة الحكومية مسؤولاً عن المشاركة الإلكترونية فيها.",
                        "<b>محرر الجهة</b>: الموظف المخوّل بإعداد صفحات الجهة ومشاوراتها على البوابة.",
                        "<b>المراجع</b>: الموظف المخوّل من الوزارة بمراجعة الصفحات واعتماد نشرها.",
                    ),
                ),
                article(
                    "إدارة البوابة",
                    ol(
                        "تتولى الوزارة تشغيل البوابة واستضافتها وصيانتها وضمان أمنها وإتاحتها للجميع.",
                        "تنشئ الوزارة حسابات محرري الجهات الحكومية بناءً على طلب منسق المشاركة، وتلغيها عند انتهاء تكليفهم.",
                        "تقدّم الوزارة الدعم الفني والتدريب لموظفي الجهات الحكومية.",
                    ),
                ),
                article(
                    "التزامات الجهة الحكومية",
                    ol(
                        "تسمية منسق للمشاركة ومحرر واحد على الأقل، وإبلاغ الوزارة بأي تغيير عليهما.",
                        "تحديث بيانات الجهة ووسائل التواصل معها في صفحتها على البوابة.",
                        "الرد على استفسارات المشاركين المتعلقة بمشاوراتها خلال مدة المشاورة.",
                    ),
                ),
                article(
                    "إعداد المشاورة ونشرها",
                    ol(
                        "يُعدّ محرر الجهة صفحة المشاورة متضمنةً: عنواناً واضحاً، وملخصاً بلغة بسيطة لا يزيد على ستمئة حرف، ونوع المشاورة، وتاريخي بدئها وانتهائها، والنص الكامل للمقترح والوثائق الداعمة، والأسئلة الموجهة إلى المشاركين، ووسيلة للتواصل.",
                        "يرسل المحرر الصفحة للاعتماد، ولا تُنشر أي صفحة على البوابة قبل موافقة المراجع.",
                        "للمراجع أن يعيد الصفحة إلى المحرر مع ملاحظاته، ولا يجوز لأحد أن يعتمد صفحة أعدّها أو أرسلها بنفسه.",
                        "تُنشر المشاورة باللغة العربية، ويجوز نشر ترجمتها الإنجليزية بعد اعتمادها بالإجراءات ذاتها.",
                    ),
                ),
                article(
                    "مدة المشاورة على البوابة",
                    ol(
                        "تلتزم الجهة الحكومية بالحد الأدنى لمدد المشاورة المنصوص عليه في المبادئ والضوابط العامة للمشاركة الإلكترونية: أربعة عشر يوماً، وعشرة أيام لمشروعات القوانين والأنظمة والتعليمات.",
                        "تحدد البوابة حالة المشاورة تلقائياً (قريباً، مفتوحة، مغلقة، نُشرت النتيجة) بحسب تاريخي البدء والانتهاء ونشر النتيجة، وتُحسب المواعيد بتوقيت عمّان.",
                    ),
                ),
                article(
                    "الإشراف على المشاركات",
                    ol(
                        "تخضع التعليقات للإشراف المسبق قبل نشرها، ما لم تقرر الجهة الحكومية الإشراف اللاحق لمشاورة بعينها.",
                        "تُحجب المشاركة المخالفة لضوابط المشاركة، ويُبلَّغ صاحبها بسبب الحجب.",
                        "تُحجب المشاركة المنشورة مؤقتاً إذا أبلغ عنها ثلاثة مستخدمين، إلى أن يراجعها المشرف.",
                    ),
                ),
                article(
                    "نشر النتائج",
                    ol(
                        "ينشر محرر الجهة تقرير النتائج في صفحة المشاورة خلال اثني عشر أسبوعاً من انتهائها، ويخضع التقرير للاعتماد وفق المادة (5) من هذه القواعد.",
                        "تعرض البوابة المشاورات التي تجاوزت موعد نشر نتائجها، ليعرف المواطنون الجهات المتأخرة في ذلك.",
                    ),
                ),
                article(
                    "حسابات المستخدمين",
                    ol(
                        "لا يُشترط إنشاء حساب للاطلاع على المشاورات.",
                        "يُشترط للتعليق والتصويت حساب مفعّل ببريد إلكتروني مؤكد، ولا يجوز أن يكون للمستخدم أكثر من حساب واحد.",
                        "يحق للمستخدم حذف حسابه في أي وقت.",
                    ),
                ),
                article(
                    "التقارير والمتابعة",
                    "تُعدّ الوزارة تقريراً نصف سنوي عن استخدام البوابة يتضمن عدد المشاورات ومددها ومستوى المشاركة فيها والتزام الجهات الحكومية بنشر النتائج، وتزوّد به وزارة التخطيط والتعاون الدولي لأغراض متابعة تنفيذ الخطة الوطنية لمبادرة شراكة الحكومات الشفافة.",
                ),
            ],
        },
        "en": {
            "title": "Implementing Rules for the Use of the Unified Government E-Participation Portal “Tawasul”",
            "preamble": "These rules are issued under the General Principles and Controls for E-Participation, 2023. They govern how government entities and citizens use Tawasul, the unified government e-participation portal developed by the Ministry of Digital Economy and Entrepreneurship, from preparing and publishing consultations to moderating contributions and publishing outcomes.",
            "articles": [
                article(
                    "Title and entry into force",
                    "These rules are called the “Implementing Rules for the Use of the Unified Government E-Participation Portal (Tawasul), 2024” and apply from the portal's launch on 28 May 2024.",
                ),
                article(
                    "Definitions",
                    "Words and expressions in these rules have the meanings given to them in the General Principles and Controls for E-Participation, and the following words have the meanings given below:",
                    ul(
                        "<b>Ministry</b>: the Ministry of Digital Economy and Entrepreneurship.",
                        "<b>Participation coordinator</b>: the employee a government entity names as responsible for its e-participation.",
                        "<b>Entity editor</b>: an employee authorised to prepare the entity's pages and consultations on the portal.",
                        "<b>Reviewer</b>: an employee authorised by the ministry to review pages and approve their publication.",
                    ),
                ),
                article(
                    "Running the portal",
                    ol(
                        "The ministry operates, hosts and maintains the portal and keeps it secure and accessible to everyone.",
                        "The ministry creates accounts for government entities' editors at the request of the participation coordinator, and closes them when their assignment ends.",
                        "The ministry provides technical support and training to government entities' staff.",
                    ),
                ),
                article(
                    "Duties of government entities",
                    ol(
                        "Name a participation coordinator and at least one editor, and tell the ministry of any change.",
                        "Keep the entity's details and contact information on its portal page up to date.",
                        "Answer participants' questions about its consultations while they are open.",
                    ),
                ),
                article(
                    "Preparing and publishing a consultation",
                    ol(
                        "The entity editor prepares the consultation page with a clear title, a plain-language summary of no more than 600 characters, the type of consultation, its opening and closing dates, the full text of the proposal and supporting documents, the questions for participants, and a contact.",
                        "The editor submits the page for approval; no page is published on the portal until a reviewer approves it.",
                        "The reviewer may send the page back to the editor with comments. Nobody may approve a page they prepared or submitted themselves.",
                        "Consultations are published in Arabic; an English translation may be published once it has been approved in the same way.",
                    ),
                ),
                article(
                    "Length of consultations on the portal",
                    ol(
                        "Government entities respect the minimum consultation periods set in the General Principles and Controls for E-Participation: fourteen days, and ten days for draft laws, regulations and instructions.",
                        "The portal sets a consultation's status automatically (upcoming, open, closed, outcome published) from its opening and closing dates and the publication of its outcome; all times are Amman time.",
                    ),
                ),
                article(
                    "Moderating contributions",
                    ol(
                        "Comments are moderated before they are published, unless the government entity chooses moderation after publication for a particular consultation.",
                        "A contribution that breaks the rules for participants is hidden, and its author is told why.",
                        "A published contribution reported by three users is hidden until a moderator has reviewed it.",
                    ),
                ),
                article(
                    "Publishing the outcome",
                    ol(
                        "The entity editor publishes the outcome report on the consultation page within twelve weeks of its end; the report is approved in accordance with article (5) of these rules.",
                        "The portal shows consultations whose outcome is overdue, so that citizens know which entities are late.",
                    ),
                ),
                article(
                    "User accounts",
                    ol(
                        "No account is needed to read consultations.",
                        "Commenting and voting require an active account with a confirmed e-mail address; nobody may hold more than one account.",
                        "Users may delete their account at any time.",
                    ),
                ),
                article(
                    "Reporting and follow-up",
                    "The ministry prepares a half-yearly report on the use of the portal, covering the number and length of consultations, the level of participation and how far government entities publish their outcomes, and sends it to the Ministry of Planning and International Cooperation to follow up the national action plan of the Open Government Partnership.",
                ),
            ],
        },
    },
]


# --- Demo accounts -------------------------------------------------------------------------------
# "groups" names roles the command resolves: "reviewers", "editors:<agency key>" or "moderators:<agency key>".
# Addresses use the reserved .example domain so that workflow e-mails never reach a real inbox.

USERS = [
    {
        "username": "reviewer",
        "password": "tawasul-reviewer",
        "first_name": "ليلى",
        "last_name": "الحسيني",
        "email": "reviewer@tawasul.example",
        "role": "Ministry reviewer (approves and publishes)",
        "groups": ["reviewers"],
        "admin_language": "ar",
    },
    {
        "username": "editor",
        "password": "tawasul-editor",
        "first_name": "عمر",
        "last_name": "المومني",
        "email": "editor@tawasul.example",
        "role": "Editor, Ministry of Digital Economy and Entrepreneurship",
        "groups": ["editors:modee"],
        "admin_language": "ar",
    },
    {
        "username": "editor2",
        "password": "tawasul-editor2",
        "first_name": "رنا",
        "last_name": "العبادي",
        "email": "editor2@tawasul.example",
        "role": "Editor, Legislation and Opinion Bureau",
        "groups": ["editors:lob"],
        "admin_language": "ar",
    },
    {
        "username": "moderator",
        "password": "tawasul-moderator",
        "first_name": "سلمى",
        "last_name": "الخوالدة",
        "email": "moderator@tawasul.example",
        "role": "Comment moderator, Ministry of Digital Economy and Entrepreneurship",
        "groups": ["moderators:modee"],
        "admin_language": "ar",
    },
    {
        "username": "citizen",
        "password": "tawasul-citizen",
        "first_name": "أحمد",
        "last_name": "الزعبي",
        "email": "citizen@tawasul.example",
        "display_name": "أحمد ز.",
        "role": "Citizen (public site only, no admin access)",
        "groups": [],
    },
    {
        "username": "admin",
        "password": "tawasul-admin",
        "first_name": "فريق",
        "last_name": "الصيانة",
        "email": "admin@tawasul.example",
        "role": "Superuser, for maintenance only",
        "groups": [],
        "superuser": True,
    },
]


# The concluded telehealth consultation kept its comment question, so that its outcome
# report shows every comment with the ministry's decision (see demo_responses).
for _item in CONSULTATIONS:
    if _item["slug"] == "telehealth-instructions":
        _item["ar"]["body"].append(comments("ما رأيك في مشروع التعليمات؟ أجب عن الأسئلة أعلاه أو أضف ما تراه مهماً."))
        _item["en"]["body"].append(
            comments(
                "What do you think of the draft instructions? Answer the questions above or add anything you think matters."
            )
        )
