"""Atom feeds (Django's syndication framework) and iCalendar feeds of consultations, per language; Atom feeds of
citizens' proposals (all, and per entity).

Each address is under a language prefix and lists the versions in that language. Entry ids are tag: URIs
made of the host and the consultation's translation key, so they stay the same when a page is edited,
moved or renamed. Calendar events have UIDs of the same kind, and their times are in UTC.
"""

from datetime import UTC

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from pages.models import AgencyPage
from participation.models import ConsultationIndexPage, ConsultationPage, Topic

FEED_LENGTH = 50
CALENDAR_LENGTH = 500
TAG_DATE = "2026"  # the tag: URIs' date: fixed, so ids never change


def tag_host(request):
    return request.get_host().split(":")[0].lower() or "localhost"


def public_consultations(locale):
    return (
        ConsultationPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("agency", "locale")
        .defer("body", "documents", "outcome")
    )


class ConsultationsFeed(Feed):
    """Consultations in the current language, newest first."""

    feed_type = Atom1Feed
    kind = "consultation"

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.locale = Locale.get_active()
        return None

    def title(self, obj):
        return _("Tawasul: consultations")

    def subtitle(self, obj):
        return _("Consultations of government entities on the e-participation portal")

    def link(self, obj):
        index = ConsultationIndexPage.objects.live().filter(locale=self.locale).first()
        return index.get_url(self.request) if index else f"/{get_language()}/"

    def feed_guid(self, obj):
        return f"tag:{tag_host(self.request)},{TAG_DATE}:{self.request.path}"

    def author_name(self, obj):
        return _("Tawasul, the government e-participation portal")

    def consultations(self, obj):
        return public_consultations(self.locale)

    def items(self, obj):
        return self.consultations(obj).order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"tag:{tag_host(self.request)},{TAG_DATE}:{self.kind}:{item.translation_key}:{item.locale.language_code}"

    def item_pubdate(self, item):
        return item.first_published_at or item.opens_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at or item.opens_at

    def item_author_name(self, item):
        return item.agency.title if item.agency else None

    def item_categories(self, item):
        return [item.get_consultation_type_display()]


class AllConsultationsFeed(ConsultationsFeed):
    """Every consultation in the current language."""


class OutcomesFeed(ConsultationsFeed):
    """Consultations whose outcome is published, the latest outcome first."""

    kind = "outcome"

    def title(self, obj):
        return _("Tawasul: outcomes published")

    def subtitle(self, obj):
        return _("What government entities heard from the public and what they decided")

    def items(self, obj):
        return self.consultations(obj).concluded().order_by("-outcome_published_at", "-closes_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return _("Outcome: %(title)s") % {"title": item.title}

    def item_link(self, item):
        return reverse("transparency_report", args=[item.pk])

    def item_pubdate(self, item):
        return max(item.closes_at, item.outcome_published_at or item.closes_at)

    def item_updateddate(self, item):
        return max(self.item_pubdate(item), item.last_published_at or item.closes_at)


class AgencyFeed(ConsultationsFeed):
    """One government entity's consultations."""

    def get_object(self, request, slug):
        super().get_object(request)
        return get_object_or_404(AgencyPage.objects.live().public(), locale=self.locale, slug=slug)

    def title(self, obj):
        return _("Tawasul: consultations of %(agency)s") % {"agency": obj.title}

    def link(self, obj):
        return obj.get_url(self.request)

    def consultations(self, obj):
        return super().consultations(obj).filter(agency__translation_key=obj.translation_key)


class TopicFeed(ConsultationsFeed):
    """Consultations listed under one topic."""

    def get_object(self, request, topic_id):
        super().get_object(request)
        return get_object_or_404(Topic, pk=topic_id, locale=self.locale)

    def title(self, obj):
        return _("Tawasul: consultations about %(topic)s") % {"topic": obj.name}

    def link(self, obj):
        return f"{super().link(obj)}?topic={obj.pk}"

    def consultations(self, obj):
        return super().consultations(obj).filter(topics__translation_key=obj.translation_key).distinct()


def calendar(request, slug=None):
    """An iCalendar (RFC 5545) file with the opening and closing of each consultation."""
    import icalendar

    locale = Locale.get_active()
    pages = public_consultations(locale)
    name = _("Tawasul: consultation dates")
    if slug is not None:
        agency = AgencyPage.objects.live().public().filter(locale=locale, slug=slug).first()
        if agency is None:
            raise Http404
        pages = pages.filter(agency__translation_key=agency.translation_key)
        name = _("Tawasul: consultation dates of %(agency)s") % {"agency": agency.title}
    pages = pages.order_by("-opens_at", "-pk")[:CALENDAR_LENGTH]
    host = tag_host(request)
    language = locale.language_code
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Tawasul//Consultations//{language.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    now = timezone.now()
    for page in pages:
        url = request.build_absolute_uri(page.get_url(request))
        for what, when, label in (
            ("opens", page.opens_at, _("Opens: %(title)s")),
            ("closes", page.closes_at, _("Closes: %(title)s")),
        ):
            event = icalendar.Event()
            event.add("uid", f"{page.translation_key}-{what}-{language}@{host}")
            event.add("dtstamp", (page.last_published_at or now).astimezone(UTC))
            event.add("dtstart", when.astimezone(UTC))
            event.add("summary", label % {"title": page.title})
            event.add("description", page.summary)
            event.add("url", url)
            if page.agency:
                event.add("categories", [page.agency.title])
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="consultations.ics"'
    return response


class ProposalsFeed(Feed):
    """Citizens' proposals made public, newest first, under the interface language of the address. A proposal is
    one copy, written in Arabic or English: every public proposal is in both languages' feeds, as written."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.locale = Locale.get_active()
        return None

    def title(self, obj):
        return _("Tawasul: citizens' proposals")

    def subtitle(self, obj):
        return _("Proposals of citizens to government entities, the support they gather and the answers they get")

    def link(self, obj):
        return reverse("proposal_list")

    def feed_guid(self, obj):
        return f"tag:{tag_host(self.request)},{TAG_DATE}:{self.request.path}"

    def author_name(self, obj):
        return _("Tawasul, the government e-participation portal")

    def proposals(self, obj):
        from proposals.models import Proposal

        return Proposal.objects.public().select_related("agency")

    def items(self, obj):
        items = list(self.proposals(obj).order_by("-published_at", "-pk")[:FEED_LENGTH])
        # Each entity in the feed's language, in one query for the whole feed.
        keys = {item.agency.translation_key for item in items if item.agency_id}
        local = {a.translation_key: a for a in AgencyPage.objects.filter(translation_key__in=keys, locale=self.locale)}
        for item in items:
            item.agency_local = local.get(item.agency.translation_key, item.agency) if item.agency_id else None
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.problem

    def item_link(self, item):
        return reverse("proposal_detail", args=[item.pk])

    def item_guid(self, item):
        return f"tag:{tag_host(self.request)},{TAG_DATE}:proposal:{item.pk}:{self.locale.language_code}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        moments = [item.published_at, item.threshold_reached_at, item.answered_at, item.implemented_at]
        return max(moment for moment in moments if moment)

    def item_author_name(self, item):
        return item.agency_local.title if item.agency_local else None

    def item_categories(self, item):
        return [str(item.get_state_display())]


class AgencyProposalsFeed(ProposalsFeed):
    """One government entity's proposals (routed to it, in any language)."""

    def get_object(self, request, slug):
        super().get_object(request)
        return get_object_or_404(AgencyPage.objects.live().public(), locale=self.locale, slug=slug)

    def title(self, obj):
        return _("Tawasul: citizens' proposals to %(agency)s") % {"agency": obj.title}

    def link(self, obj):
        return f"{reverse('proposal_list')}?agency={obj.pk}"

    def proposals(self, obj):
        return super().proposals(obj).filter(agency__translation_key=obj.translation_key)
