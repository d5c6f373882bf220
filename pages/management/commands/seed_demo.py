"""Build (or bring up to date) the bilingual demo site and its demo accounts.

Safe to run again: pages are found by their slug under their parent and updated
in place, English pages are the translations of the Arabic ones, and a page is
only republished when its content changed. Consultation dates are computed from
today, so that every status (upcoming, open, closed, outcome published) is on
show whenever the command runs.
"""

import uuid
from collections import Counter
from datetime import datetime, time, timedelta
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from guidelines.models import GuidelineIndexPage, GuidelinePage, RulesPage
from pages import demo_content as content
from pages import demo_responses
from pages.discovery import app_modules
from pages.models import AgencyIndexPage, AgencyPage, HomePage
from pages.publishing import direct_publishing
from pages.roles import REVIEWERS_GROUP, setup_roles
from participation.models import Ballot, BallotChoice, Comment, ConsultationPage, ConsultationType, Profile, Topic

# Shortest consultation windows, in days (the e-participation principles, article 6).
MINIMUM_DAYS = {ConsultationType.DRAFT_LAW: 10, ConsultationType.REGULATION: 10}
DEFAULT_MINIMUM_DAYS = 14
OPENS_AT = time(9, 0)
CLOSES_AT = time(23, 59)
# Block ids derive from this namespace, the page and the block's position, so they are the same on
# every run and in both languages: citizens' comments and votes are keyed by block id.
BLOCK_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://tawasul.example/seed_demo/blocks")


class Command(BaseCommand):
    help = (
        "Build the bilingual demo site (Arabic and English pages, agencies, consultations in every status, "
        "guidance and rules) and the demo accounts. Safe to run again; refuses to run in production."
    )

    def handle(self, *args, **options):
        self._refuse_in_production()
        self.verbosity = options["verbosity"]
        self.counts = Counter()
        # Demo content is published directly, without the second person's approval that every
        # other path needs (pages.publishing); this command never runs in production.
        with direct_publishing(), transaction.atomic():
            self.ar, self.en = self._locales()
            topics = self._topics()
            home = self._home()
            sections = self._sections(home)
            agencies = self._agencies(sections["agencies"])
            consultations = self._consultations(agencies, topics)
            self._guidance(sections["guidelines"])
            setup_roles()
            users = self._users(agencies)
            self._responses(consultations)
            self._extras(
                SimpleNamespace(
                    command=self,
                    ar=self.ar,
                    en=self.en,
                    home=home,
                    sections=sections,
                    agencies=agencies,
                    topics=topics,
                    consultations=consultations,
                    page=self._page,
                    translation=self._translation,
                    log=self._log,
                    counts=self.counts,
                )
            )
        self._report(home, consultations, users)

    # --- Safety and set-up ------------------------------------------------------------------------

    def _refuse_in_production(self):
        if getattr(settings, "TAWASUL_ENVIRONMENT", "production") == "production":
            raise CommandError(
                "seed_demo creates demo accounts with published passwords and must never run in production "
                f"(settings: {settings.SETTINGS_MODULE}). Use it with config.settings.dev or config.settings.test only."
            )

    def _locales(self):
        try:
            return Locale.objects.get(language_code="ar"), Locale.objects.get(language_code="en")
        except Locale.DoesNotExist as error:
            raise CommandError("The 'ar' and 'en' locales are missing: run `manage.py migrate` first.") from error

    # --- Topics -----------------------------------------------------------------------------------

    def _topics(self):
        topics = {}
        for item in content.TOPICS:
            topic = Topic.objects.filter(locale=self.ar, name=item["ar"]).first()
            if topic is None:
                topic = Topic.objects.create(locale=self.ar, name=item["ar"])
                self.counts["topics created"] += 1
            english = topic.get_translation_or_none(self.en)
            if english is None:
                english = topic.copy_for_translation(self.en)
                english.name = item["en"]
                english.save()
                self.counts["topics created"] += 1
            elif english.name != item["en"]:
                english.name = item["en"]
                english.save()
            topics[item["key"]] = topic
        return topics

    # --- Pages ------------------------------------------------------------------------------------

    def _home(self):
        root = Page.get_first_root_node()
        # Wagtail's "Welcome to your new Wagtail site!" page: a plain Page at the top of the tree.
        placeholders = list(root.get_children().filter(content_type=ContentType.objects.get_for_model(Page)))
        for placeholder in placeholders:
            if placeholder.slug == content.HOME["slug"]:
                # Free the slug for the real home page; the placeholder is deleted below.
                Page.objects.filter(pk=placeholder.pk).update(slug=f"welcome-{placeholder.pk}")

        arabic, english = self._versions(HomePage, content.HOME["slug"], content.HOME)
        home = self._page(root, HomePage, content.HOME["slug"], arabic)
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tawasul"
            )
        elif site.root_page_id != home.pk or not site.is_default_site or site.site_name != "Tawasul":
            site.root_page, site.is_default_site, site.site_name = home, True, "Tawasul"
            site.save()

        for placeholder in placeholders:
            if placeholder.get_children_count():
                self.stderr.write(f"Left the page '{placeholder.title}' ({placeholder.pk}) alone: it has children.")
                continue
            Site.objects.filter(root_page=placeholder).update(root_page=home)
            placeholder.delete()
            self._log(f"Deleted Wagtail's placeholder page '{placeholder.title}'.")

        self._translation(home, english)
        return home

    def _sections(self, home):
        sections = {}
        for item in content.SECTIONS:
            model = apps.get_model(item["model"])
            arabic, english = self._versions(model, item["slug"], item, show_in_menus=item["show_in_menus"])
            page = self._page(home, model, item["slug"], arabic)
            self._translation(page, english)
            sections[item["slug"]] = page
        if not isinstance(sections.get("agencies"), AgencyIndexPage) or not isinstance(
            sections.get("guidelines"), GuidelineIndexPage
        ):
            raise CommandError("demo_content.SECTIONS must define the 'agencies' and 'guidelines' index pages.")
        return sections

    def _agencies(self, index):
        agencies = {}
        for item in content.AGENCIES:
            shared = {name: item[name] for name in ("contact_email", "contact_phone", "website")}
            arabic, english = self._versions(AgencyPage, item["slug"], item, **shared)
            page = self._page(index, AgencyPage, item["slug"], arabic)
            self._translation(page, english)
            page.refresh_from_db()
            agencies[item["key"]] = page
        return agencies

    def _consultations(self, agencies, topics):
        today = timezone.localdate()
        consultations = []
        for item in content.CONSULTATIONS:
            opens_at = self._moment(today + timedelta(days=item["opens"]), OPENS_AT)
            closes_at = self._moment(today + timedelta(days=item["closes"]), CLOSES_AT)
            kind = ConsultationType(item["type"])
            minimum = MINIMUM_DAYS.get(kind, DEFAULT_MINIMUM_DAYS)
            if closes_at - opens_at < timedelta(days=minimum):
                raise CommandError(f"The consultation '{item['slug']}' is shorter than {minimum} days.")
            shared = {
                "consultation_type": kind.value,
                "opens_at": opens_at,
                "closes_at": closes_at,
                "contact_email": item["contact_email"],
                # Translations keep the source page's topics (see ConsultationFilterForm.filter).
                "topics": [topics[key] for key in item["topics"]],
            }
            arabic, english = self._versions(ConsultationPage, item["slug"], item, **shared)
            arabic.setdefault("outcome", "")
            english.setdefault("outcome", "")
            page = self._page(agencies[item["agency"]], ConsultationPage, item["slug"], arabic)
            english_page = self._translation(page, english)
            for version in (page, english_page):
                if version.status != item["status"]:
                    raise CommandError(
                        f"'{version.title}' is {version.status} but should be {item['status']}; "
                        "check its dates and outcome in pages/demo_content.py."
                    )
            consultations.append((page, english_page))
        return consultations

    def _guidance(self, index):
        for item in content.GUIDELINES:
            arabic, english = self._versions(GuidelinePage, item["slug"], item, audience=item["audience"])
            page = self._page(index, GuidelinePage, item["slug"], arabic)
            self._translation(page, english)
        for item in content.RULES:
            shared = {name: item[name] for name in ("version", "issued_on", "effective_on")}
            arabic, english = self._versions(RulesPage, item["slug"], item, **shared)
            page = self._page(index, RulesPage, item["slug"], arabic)
            self._translation(page, english)

    def _versions(self, model, slug, item, **shared):
        """The Arabic and English field values of one page, with fixed block ids shared by both languages."""
        versions = []
        for language in ("ar", "en"):
            fields = {**item[language], **shared}
            for name, value in fields.items():
                if isinstance(model._meta.get_field(name), StreamField):
                    fields[name] = self._with_ids(value, f"{model._meta.label_lower}/{slug}/{name}")
            versions.append(fields)
        arabic, english = versions
        for name, value in arabic.items():
            if isinstance(model._meta.get_field(name), StreamField) and self._shape(value) != self._shape(
                english[name]
            ):
                raise CommandError(
                    f"The Arabic and English '{name}' of '{slug}' must have the same blocks in the same order "
                    "(comments and votes are shared by block id); check pages/demo_content.py."
                )
        return arabic, english

    @staticmethod
    def _with_ids(blocks, key):
        """A copy of `blocks` (Wagtail's JSON form) in which every block and list item has a fixed id."""

        def fixed_id(*path):
            return str(uuid.uuid5(BLOCK_IDS, "/".join(str(part) for part in (key, *path))))

        result = []
        for index, block in enumerate(blocks):
            value = block["value"]
            if isinstance(value, dict):
                value = {
                    name: [{**item, "id": fixed_id(index, name, number)} for number, item in enumerate(child)]
                    if isinstance(child, list)
                    else child
                    for name, child in value.items()
                }
            result.append({"type": block["type"], "value": value, "id": fixed_id(index)})
        return result

    @staticmethod
    def _shape(blocks):
        return [
            (block["type"], [len(child) for child in block["value"].values() if isinstance(child, list)])
            if isinstance(block["value"], dict)
            else (block["type"], [])
            for block in blocks
        ]

    @staticmethod
    def _moment(day, at):
        return timezone.make_aware(datetime.combine(day, at))

    def _page(self, parent, model, slug, fields):
        """The Arabic page `slug` under `parent`: created, or updated in place, and published."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is None:
            values = {name: value for name, value in fields.items() if name != "topics"}
            page = model(slug=slug, locale=self.ar, **values)
            if "topics" in fields:
                page.topics.set(fields["topics"])
            parent.add_child(instance=page)
            page.save_revision().publish()
            self._counted(page, "created")
            return page
        page = existing.specific
        if not isinstance(page, model):
            raise CommandError(
                f"The page at {page.url_path} is a {type(page).__name__}, not a {model.__name__}. "
                "Move or delete it in the admin and run seed_demo again."
            )
        self._update(page, fields)
        return page

    def _translation(self, source, fields):
        """The English translation of `source`, created with Wagtail's copy_for_translation when missing."""
        page = source.get_translation_or_none(self.en)
        if page is None:
            page = source.copy_for_translation(self.en, copy_parents=True).specific
            self._assign(page, fields)
            page.save_revision().publish()
            self._counted(page, "created")
            return page
        page = page.specific
        if page.alias_of_id:
            # An alias (made when a child was translated first) becomes a real translation.
            page.alias_of = None
            page.save(update_fields=["alias_of"])
        self._update(page, fields)
        return page

    def _update(self, page, fields):
        changed = self._assign(page, fields)
        if changed or not page.live or page.has_unpublished_changes:
            page.save_revision().publish()
            self._counted(page, "updated")
        else:
            self._counted(page, "unchanged")

    @staticmethod
    def _assign(page, fields):
        """Set `fields` on `page`; True when anything differs from what is stored."""
        changed = False
        for name, value in fields.items():
            if name == "topics":
                if {topic.pk for topic in page.topics.all()} != {topic.pk for topic in value}:
                    page.topics.set(value)
                    changed = True
                continue
            current = getattr(page, name)
            if isinstance(page._meta.get_field(name), StreamField):
                current = [
                    {"type": child["type"], "value": child["value"], "id": child.get("id")}
                    for child in current.raw_data
                ]
            if current != value:
                setattr(page, name, value)
                changed = True
        return changed

    def _counted(self, page, outcome):
        self.counts[f"pages {outcome}"] += 1
        if outcome != "unchanged":
            self._log(f"  {outcome:8} [{page.locale.language_code}] {page.title}")

    # --- Accounts ---------------------------------------------------------------------------------

    def _users(self, agencies):
        User = get_user_model()
        reviewers = Group.objects.get(name=REVIEWERS_GROUP)
        users = []
        for spec in content.USERS:
            groups = []
            for role in spec["groups"]:
                if role == "reviewers":
                    groups.append(reviewers)
                else:
                    kind, key = role.split(":", 1)
                    agency = agencies[key]
                    agency.refresh_from_db()
                    groups.append(getattr(agency, f"{kind}_group"))
            user = User.objects.filter(username=spec["username"]).first()
            if user is None:
                user = User(username=spec["username"])
                self.counts["accounts created"] += 1
            user.first_name, user.last_name, user.email = spec["first_name"], spec["last_name"], spec["email"]
            user.is_active = True
            user.is_superuser = user.is_staff = spec.get("superuser", False)
            user.set_password(spec["password"])
            user.save()
            user.groups.set(groups)
            if spec.get("admin_language"):
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = spec["admin_language"]
                profile.save()
            self._confirm_email(user)
            if spec.get("display_name"):
                self._participant_profile(user, spec["display_name"])
            users.append((spec, groups))
        return users

    def _confirm_email(self, user):
        """Mark the demo address as verified so the account can take part."""
        EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=user.email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
        )

    def _participant_profile(self, user, display_name):
        """The citizen's public display name."""
        Profile.objects.update_or_create(user=user, defaults={"display_name": display_name})

    def _responses(self, consultations):
        """Demo citizens' comments and votes, stored as the portal stores them (shared by both languages)."""

        User = get_user_model()
        people = {}
        for spec in demo_responses.PARTICIPANTS:
            user, created = User.objects.get_or_create(
                username=spec["username"], defaults={"email": f"{spec['username']}@tawasul.example"}
            )
            if created:
                user.set_password(demo_responses.PASSWORD)
                user.save()
                self.counts["participants created"] += 1
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            Profile.objects.update_or_create(
                user=user,
                defaults={
                    "display_name": spec["display_name"],
                    "demographics_consent": True,
                    **{key: spec[key] for key in ("governorate", "age_band", "gender", "disability")},
                },
            )
            people[spec["username"]] = user
        for username, governorate, age_band, gender, disability in demo_responses.extra_voters():
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@tawasul.example"}
            )
            if created:
                user.set_unusable_password()
                user.save()
            Profile.objects.update_or_create(
                user=user,
                defaults={
                    "display_name": username,
                    "demographics_consent": True,
                    "governorate": governorate,
                    "age_band": age_band,
                    "gender": gender,
                    "disability": disability,
                },
            )
            people[username] = user
        for page, english in consultations:
            plan = demo_responses.RESPONSES.get(page.slug)
            if not plan:
                continue
            blocks = {}
            for block in page.body:
                if block.block_type == "comments":
                    blocks.setdefault("comments", block)
                elif block.block_type == "article":
                    blocks[f"article:{block.value['number']}"] = block
                elif block.block_type == "poll":
                    blocks.setdefault("poll", block)
            versions = {"ar": page, "en": english}
            for key, entries in plan.items():
                block = blocks[key]
                if key == "poll":
                    options = [child.id for child in block.value["options"].bound_blocks]
                    extra = [
                        (username, [number % len(options)])
                        for number, (username, *_profile) in enumerate(demo_responses.extra_voters())
                    ]
                    for username, choices in list(entries) + extra:
                        ballot, created = Ballot.objects.get_or_create(
                            translation_key=page.translation_key,
                            block_id=block.id,
                            voter=people[username],
                            defaults={"language": "ar"},
                        )
                        if created:
                            BallotChoice.objects.bulk_create(
                                [BallotChoice(ballot=ballot, option_id=options[index]) for index in choices]
                            )
                            self.counts["votes created"] += 1
                    continue
                for username, language, stance, status, body in entries:
                    _comment, created = Comment.objects.get_or_create(
                        translation_key=page.translation_key,
                        block_id=block.id,
                        author=people[username],
                        body=body,
                        defaults={
                            "consultation": versions[language],
                            "agency_key": page.agency.translation_key,
                            "language": language,
                            "stance": stance,
                            "status": status,
                        },
                    )
                    self.counts["comments created"] += created
        self._dispositions(consultations, people)

    def _dispositions(self, consultations, people):
        from participation.models import Comment
        from transparency.models import Disposition

        for page, _english in consultations:
            for username, decision, reason in demo_responses.DISPOSITIONS.get(page.slug, []):
                for comment in Comment.objects.filter(
                    translation_key=page.translation_key, author=people[username], status="approved"
                ):
                    Disposition.objects.get_or_create(
                        comment=comment, defaults={"decision": decision, "reason": reason}
                    )

    def _extras(self, demo):
        """Demo content of the apps that add to the site: each app's `demo.seed(demo)`, if it has one.

        `demo` carries the locales, home page, sections, agencies (by key), topics (by key), the
        (Arabic, English) consultation pairs and this command's helpers `page(parent, model, slug,
        fields)` and `translation(source, fields)`, which create or update idempotently."""
        for module in app_modules("demo"):
            module.seed(demo)

    # --- Report -----------------------------------------------------------------------------------

    def _log(self, message):
        if self.verbosity >= 2:
            self.stdout.write(message)

    def _report(self, home, consultations, users):
        if self.verbosity < 1:
            return
        counts = self.counts
        self.stdout.write(
            self.style.SUCCESS(
                "Demo site ready: {created} pages created, {updated} updated, {unchanged} unchanged "
                "(Arabic and English); {topics} topics and {accounts} accounts created.".format(
                    created=counts["pages created"],
                    updated=counts["pages updated"],
                    unchanged=counts["pages unchanged"],
                    topics=counts["topics created"],
                    accounts=counts["accounts created"],
                )
            )
        )
        if self.verbosity >= 1:
            self.stdout.write("\nConsultations (dates relative to today, Amman time):")
            for page, _english_page in consultations:
                opens_at, closes_at = timezone.localtime(page.opens_at), timezone.localtime(page.closes_at)
                with translation.override("en"):
                    status = str(page.status.label)
                self.stdout.write(
                    f"  {status:18} {opens_at:%Y-%m-%d} → {closes_at:%Y-%m-%d}  "
                    f"{page.url_path.removeprefix(home.url_path)}"
                )

        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
        try:
            sign_in = base + reverse("account_login")
        except NoReverseMatch:
            sign_in = base + "/admin/login/"
        rows = [(spec["username"], spec["password"], spec["role"]) for spec, _groups in users]
        staff = [spec["username"] for spec, _groups in users if spec.get("admin_language") or spec.get("superuser")]
        widths = [max(len(row[i]) for row in rows + [("Username", "Password", "Role")]) for i in range(3)]

        def line(username, password, role):
            return f"  {username:<{widths[0]}}  {password:<{widths[1]}}  {role}"

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts (passwords are reset on every run):"))
        self.stdout.write(line("Username", "Password", "Role"))
        self.stdout.write(line("-" * widths[0], "-" * widths[1], "-" * widths[2]))
        for row in rows:
            self.stdout.write(line(*row))
        participants = ", ".join(spec["username"] for spec in demo_responses.PARTICIPANTS)
        self.stdout.write(
            f"\nMore verified citizens, e.g. to support a proposal past the demo threshold: {participants} "
            f"(password {demo_responses.PASSWORD})"
        )
        self.stdout.write(
            f"\nAdmin: {base}/admin/  ({', '.join(staff)})\n"
            f"Public site: {base}/ar/ and {base}/en/  (sign in as citizen at {sign_in})"
        )
