"""Citizens' pages for proposals: the list, a proposal, submitting, supporting, and "My proposals".

The list and a proposal's page are public and, for anonymous visitors, served from the shared page cache
(pages.cache): they render no form and no CSRF token for them, only sign-in links. Forms are rendered for
people signed in, whose pages are private. Addresses that take input or are personal live under
`participate/` and `my-participation/`, which the page cache never stores. Every rule is enforced in
proposals.services; these views translate forms into calls and refusals into messages, without JavaScript.
"""

import csv
import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Locale

from pages.cache import add_dependencies
from participation.limits import too_many as _too_many
from participation.models import RespondentSector
from participation.services import ResponseRefused, user_is_verified

from . import opendata
from .forms import ProposalFilterForm, ProposalForm, SupportForm
from .models import TITLE_MAX_LENGTH, Proposal, Support
from .services import similar_proposals, submit_proposal, support, withdraw

CACHE_DEPENDENCY = "proposals"
PER_PAGE = 20
ORGANISATIONS_SHOWN = 100


def _locale():
    return Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()


def _with_agencies(proposals):
    return proposals.select_related("agency", "topic")


def localize(proposals):
    """Give each proposal `agency_local` and `topic_local`: its entity and topic in the reader's language when
    translated (two queries for the whole list, whatever its length)."""
    from pages.models import AgencyPage
    from participation.models import Topic

    proposals = list(proposals)
    locale = _locale()
    agency_keys = {p.agency.translation_key for p in proposals if p.agency_id}
    topic_keys = {p.topic.translation_key for p in proposals if p.topic_id}
    agencies = (
        {a.translation_key: a for a in AgencyPage.objects.filter(translation_key__in=agency_keys, locale=locale)}
        if agency_keys
        else {}
    )
    topics = (
        {t.translation_key: t for t in Topic.objects.filter(translation_key__in=topic_keys, locale=locale)}
        if topic_keys
        else {}
    )
    for proposal in proposals:
        proposal.agency_local = (
            agencies.get(proposal.agency.translation_key, proposal.agency) if proposal.agency_id else None
        )
        proposal.topic_local = topics.get(proposal.topic.translation_key, proposal.topic) if proposal.topic_id else None
    return proposals


def proposal_list(request):
    add_dependencies(request, CACHE_DEPENDENCY)
    form = ProposalFilterForm(request.GET or None, locale=_locale())
    proposals = Proposal.objects.public()
    feed_agency = None
    if form.is_valid():
        proposals = form.filter(proposals)
        feed_agency = form.chosen_agency
    proposals = _with_agencies(proposals).order_by("-published_at", "-pk")
    paginator = Paginator(proposals, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "filter_form": form,
            "page_obj": page_obj,
            "paginator": paginator,
            "proposals": localize(page_obj.object_list),
            "filter_query": query.urlencode() if form.is_valid() else "",
            "feed_agency": feed_agency,
            "now": timezone.now(),
        },
    )


def _visible_proposal(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("agency", "topic", "answer_consultation"), pk=pk)
    if proposal.is_public:
        return proposal
    user = request.user
    if user.is_authenticated and proposal.author_id == user.pk:
        return proposal
    raise Http404


def proposal_detail(request, pk, support_form=None, status=200):
    add_dependencies(request, CACHE_DEPENDENCY)
    proposal = localize([_visible_proposal(request, pk)])[0]
    user = request.user
    context = {
        "proposal": proposal,
        "now": timezone.now(),
        "is_author": False,
        "my_support": None,
        "answer": proposal.answer_for(get_language()),
        "attachments": list(proposal.attachments.all()),
    }
    if user.is_authenticated:
        context["is_author"] = proposal.author_id == user.pk
        context["my_support"] = Support.objects.filter(proposal=proposal, supporter=user).first()
        context["verified"] = user_is_verified(user)
        context["support_form"] = support_form or SupportForm()
    if proposal.is_public:
        sectors = dict(RespondentSector.choices)
        context["organisations"] = [
            (name, sectors.get(sector, ""))
            for name, sector in Support.objects.filter(proposal=proposal)
            .exclude(organisation_name="")
            .order_by("created_at", "pk")
            .values_list("organisation_name", "respondent_sector")[:ORGANISATIONS_SHOWN]
        ]
    return render(request, "proposals/proposal_detail.html", context, status=status)


@require_POST
@login_required
def support_view(request, pk):
    proposal = get_object_or_404(Proposal.objects.public(), pk=pk)
    if _too_many(request, "proposal_support"):
        return ratelimit.respond_429(request)
    form = SupportForm(request.POST)
    if not form.is_valid():  # e.g. "on behalf of an organisation" without its name
        messages.error(request, _("Please correct the following"))
        return proposal_detail(request, pk, support_form=form, status=400)
    organisation_name, respondent_sector = form.respondent_values()
    try:
        support(
            proposal,
            request.user,
            follow=form.cleaned_data["follow"],
            language=get_language(),
            organisation_name=organisation_name,
            respondent_sector=respondent_sector,
        )
    except ResponseRefused as refusal:
        messages.error(request, refusal.message)
        return proposal_detail(request, pk, support_form=form, status=refusal.status)
    messages.success(request, _("Thank you. Your support is counted."))
    return redirect(reverse("proposal_detail", args=[pk]) + "#support")


@require_POST
@login_required
def withdraw_view(request, pk):
    proposal = get_object_or_404(Proposal.objects.public(), pk=pk)
    if _too_many(request, "proposal_support"):
        return ratelimit.respond_429(request)
    try:
        withdraw(proposal, request.user)
    except ResponseRefused as refusal:
        messages.error(request, refusal.message)
        return proposal_detail(request, pk, status=refusal.status)
    messages.success(request, _("Your support is withdrawn."))
    return redirect(reverse("proposal_detail", args=[pk]) + "#support")


def _similar_step_needed(request, similar):
    """The first "Send" of a proposal that resembles public ones shows them and asks again (without JavaScript
    too). Skipped once the citizen chose "Send mine anyway", or when the list was already shown for this very
    title while typing (the script sets `similar_seen` to it)."""
    if not similar or "send_anyway" in request.POST:
        return False
    return request.POST.get("similar_seen", "").strip() != request.POST.get("title", "").strip()


@login_required
def submit(request):
    form = ProposalForm(request.POST or None, request.FILES or None, locale=_locale())
    similar = []
    context = {"form": form, "verified": user_is_verified(request.user)}
    if request.method == "POST":
        title = request.POST.get("title", "")
        similar = similar_proposals(title, language=get_language())
        # "Check similar proposals" shows them without submitting (works without JavaScript).
        if "check_similar" in request.POST:
            context.update(similar=similar, checked=True)
            return render(request, "proposals/proposal_form.html", context)
        if form.is_valid() and _similar_step_needed(request, similar):
            context.update(similar=similar, checked=True, confirm_step=True, files_dropped=bool(request.FILES))
            return render(request, "proposals/proposal_form.html", context)
        if _too_many(request, "proposal_submit"):
            return ratelimit.respond_429(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal = submit_proposal(
                    request.user,
                    title=data["title"],
                    problem=data["problem"],
                    solution=data["solution"],
                    beneficiaries=data["beneficiaries"],
                    agency=data["agency"],
                    governorate=data["governorate"],
                    topic=data["topic"],
                    language=get_language(),
                    organisation_name=data["organisation_name"],
                    respondent_sector=data["respondent_sector"],
                    attachments=data["attachments"],
                )
            except ResponseRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    _("Thank you. A moderator checks your proposal before publishing it. See it under My proposals."),
                )
                return redirect(reverse("my_proposals") + f"#proposal-{proposal.pk}")
        context["similar"] = similar
        return render(request, "proposals/proposal_form.html", context, status=400)
    return render(request, "proposals/proposal_form.html", context)


@require_safe
@login_required
def similar_json(request):
    """Similar public proposals for the title being typed (the submit form's script): title, address, language
    and supporters of each, as JSON. The form shows the same list without JavaScript. Signed-in people only, and
    bounded work: the title is cut to its maximum length and the search reads at most 12 of its words."""
    title = request.GET.get("title", "")[:TITLE_MAX_LENGTH]
    results = [
        {
            "title": other.title,
            "url": reverse("proposal_detail", args=[other.pk]),
            "lang": other.language,
            "dir": "rtl" if other.language == "ar" else "ltr",
            "supporters": ngettext("%(count)d supporter", "%(count)d supporters", other.supporters_count)
            % {"count": other.supporters_count},
        }
        for other in similar_proposals(title, language=get_language())
    ]
    response = JsonResponse({"title": title, "results": results})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_proposals(request):
    proposals = _with_agencies(Proposal.objects.filter(author=request.user)).order_by("-created_at", "-pk")
    supported = _with_agencies(Proposal.objects.filter(supports__supporter=request.user)).order_by("-published_at")
    return render(
        request,
        "proposals/my_proposals.html",
        {"proposals": localize(proposals), "supported": localize(supported), "now": timezone.now()},
    )


# Open data -------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


@require_safe
def open_data_csv(request):
    writer = csv.writer(_Echo())
    rows = opendata.rows()
    response = StreamingHttpResponse(_csv(writer, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tawasul-proposals.csv"'
    return response


def _csv(writer, rows):
    yield "\ufeff"  # so that spreadsheet programs read the Arabic as UTF-8
    yield writer.writerow(opendata.COLUMNS)
    for row in rows:
        yield writer.writerow([row[column] for column in opendata.COLUMNS])


@require_safe
def open_data_json(request):
    def generate():
        yield "["
        for index, row in enumerate(opendata.rows()):
            yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
        yield "]"

    return StreamingHttpResponse(generate(), content_type="application/json; charset=utf-8")


def may_see_attachments(user, proposal):
    """Anyone once the proposal is public; before that its author, and the staff whose queue holds it."""
    if proposal.is_public:
        return True
    if not user.is_authenticated:
        return False
    if proposal.author_id == user.pk:
        return True
    from .services import proposals_in_admin_scope

    return proposals_in_admin_scope(user).filter(pk=proposal.pk).exists()


@require_safe
def attachment(request, pk, attachment_id):
    """One attached file, from private storage: images inline, PDFs as downloads, both in a sandbox."""
    from .models import ProposalAttachment

    item = get_object_or_404(ProposalAttachment.objects.select_related("proposal"), pk=attachment_id, proposal_id=pk)
    if not may_see_attachments(request.user, item.proposal):
        raise Http404
    try:
        handle = item.file.open("rb")
    except (OSError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, content_type=item.content_type, as_attachment=item.kind != "image", filename=item.name
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600" if item.proposal.is_public else "private, no-store"
    return response
