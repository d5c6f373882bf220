"""Where citizens respond: comments, votes, reports, and their own record.

Every rule is enforced in `participation.services`; these views translate
forms into calls and refusals into messages, and work without JavaScript.
"""

import json
import time

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pages.discovery import app_modules

from .forms import CommentForm, DeleteAccountForm, ProfileForm, RespondentForm, VoteForm
from .limits import too_many as _too_many
from .models import Ballot, Comment, ConsultationPage, Profile, QuestionnaireSubmission
from .services import (
    AnswersRefused,
    ResponseRefused,
    cast_vote,
    find_block,
    post_comment,
    report_comment,
    submit_questionnaire,
    with_restriction,
)


def _live_consultation(page_id):
    """The live consultation `page_id`; 404 when it is not public (view restrictions on it or an ancestor).
    One query: the page knows whether it is restricted (`services.is_restricted`, asked again before a response)."""
    page = get_object_or_404(with_restriction(ConsultationPage.objects.live()), pk=page_id)
    if page.tawasul_restricted:
        raise Http404
    return page


def _render_page_with_errors(request, page, block_id, form, status):
    """Show the consultation again, with the person's input and the errors next to the fields."""
    context = page.get_context(request)
    context["bound_forms"] = {block_id: form}
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
def comment(request, page_id, block_id):
    page = _live_consultation(page_id)
    if _too_many(request, "comment"):
        return ratelimit.respond_429(request)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_page_with_errors(request, page, block_id, form, 400)
    try:
        created = post_comment(
            page,
            request.user,
            block_id,
            form.cleaned_data["body"],
            stance=form.cleaned_data["stance"],
            parent_id=form.cleaned_data["parent"],
            language=get_language(),
            organisation_name=form.cleaned_data["organisation_name"],
            respondent_sector=form.cleaned_data["respondent_sector"],
        )
    except ResponseRefused as refusal:
        form.add_error("body", refusal.message)
        return _render_page_with_errors(request, page, block_id, form, refusal.status)
    if created.status == "approved":
        messages.success(request, _("Thank you. Your comment is published."))
    else:
        messages.success(
            request,
            _("Thank you. A moderator checks your comment before it is published; follow it under My participation."),
        )
    return redirect(f"{page.url}#block-{block_id}")


@require_POST
def vote(request, page_id, block_id):
    page = _live_consultation(page_id)
    if _too_many(request, "vote"):
        return ratelimit.respond_429(request)
    try:
        block = find_block(page, block_id, ("poll",))
    except ResponseRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(page.url)
    options = [(child.id, child.value["label"]) for child in block.value["options"].bound_blocks]
    form = VoteForm(request.POST, options=options)
    if not form.is_valid():
        return _render_page_with_errors(request, page, block_id, form, 400)
    try:
        cast_vote(
            page,
            request.user,
            block_id,
            form.cleaned_data["option"],
            language=get_language(),
            organisation_name=form.cleaned_data["organisation_name"],
            respondent_sector=form.cleaned_data["respondent_sector"],
        )
    except ResponseRefused as refusal:
        form.add_error("option", refusal.message)
        return _render_page_with_errors(request, page, block_id, form, refusal.status)
    messages.success(request, _("Thank you. Your vote is counted."))
    return redirect(f"{page.url}#block-{block_id}")


@require_POST
def answer_questionnaire(request, page_id, block_id):
    """Store a person's answers to a questionnaire (first time or edit); errors shown next to the questions."""
    from .questionnaires import Attempt, questions_of, raw_answers_from

    page = _live_consultation(page_id)
    if _too_many(request, "questionnaire"):
        return ratelimit.respond_429(request)
    try:
        block = find_block(page, block_id, ("questionnaire",))
    except ResponseRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(page.url)
    questions = questions_of(block.value)
    raw = raw_answers_from(request.POST, questions)
    respondent = RespondentForm(request.POST, prefix=f"r-{block_id}")
    if request.POST.get("website"):
        attempt = Attempt(raw, {"": _("Your answers could not be sent.")}, respondent)
        return _render_page_with_errors(request, page, block_id, attempt, 400)
    if not respondent.is_valid():
        attempt = Attempt(raw, {"": _("Check who is answering: see the message below.")}, respondent)
        return _render_page_with_errors(request, page, block_id, attempt, 400)
    organisation, sector = respondent.respondent_values()
    try:
        _submission, created = submit_questionnaire(
            page,
            request.user,
            block_id,
            raw,
            language=get_language(),
            organisation_name=organisation,
            respondent_sector=sector,
        )
    except AnswersRefused as refusal:
        attempt = Attempt(raw, refusal.errors, respondent)
        return _render_page_with_errors(request, page, block_id, attempt, 400)
    except ResponseRefused as refusal:
        attempt = Attempt(raw, {"": refusal.message}, respondent)
        return _render_page_with_errors(request, page, block_id, attempt, refusal.status)
    if created:
        messages.success(
            request, _("Thank you. Your answers are saved. You can change them until the consultation closes.")
        )
    else:
        messages.success(request, _("Your answers are updated."))
    return redirect(f"{page.url}#block-{block_id}")


@require_POST
@login_required
def report(request, comment_id):
    target = get_object_or_404(Comment, pk=comment_id)
    if _too_many(request, "report"):
        return ratelimit.respond_429(request)
    page = target.consultation.localized if target.consultation else None
    try:
        report_comment(target, request.user)
        messages.success(request, _("Thank you. A moderator will look at this comment."))
    except ResponseRefused as refusal:
        messages.error(request, refusal.message)
    return redirect(f"{page.url}#block-{target.block_id}" if page else "/")


@login_required
def my_participation(request):
    comments = (
        Comment.objects.filter(author=request.user).select_related("consultation", "parent").order_by("-created_at")
    )
    ballots = Ballot.objects.filter(voter=request.user).prefetch_related("choices").order_by("-created_at")
    pages = {
        page.translation_key: page
        for page in ConsultationPage.objects.filter(
            translation_key__in={c.translation_key for c in comments} | {b.translation_key for b in ballots},
        ).select_related("locale")
    }
    return render(
        request,
        "participation/my_participation.html",
        {
            "comments": comments,
            "ballots": ballots,
            "pages": pages,
            "profile": Profile.objects.filter(user=request.user).first(),
        },
    )


@login_required
def edit_profile(request):
    profile = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("my_participation")
    return render(request, "participation/profile_form.html", {"form": form})


@login_required
def download_my_data(request):
    user = request.user
    profile = Profile.objects.filter(user=user).first()
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {"username": user.username, "email": user.email, "date_joined": user.date_joined.isoformat()},
        "profile": None
        if profile is None
        else {
            "display_name": profile.display_name,
            "demographics_consent": profile.demographics_consent,
            "governorate": profile.governorate,
            "age_band": profile.age_band,
            "gender": profile.gender,
            "disability": profile.disability,
        },
        "comments": [
            {
                "id": c.pk,
                "consultation": c.consultation.title if c.consultation else None,
                "language": c.language,
                "body": c.body,
                "stance": c.stance,
                "status": c.status,
                "reason": c.moderation_reason,
                "note": c.moderation_note,
                "written_at": c.created_at.isoformat(),
                "reply_to": c.parent_id,
                "organisation": c.organisation_name,
                "sector": c.respondent_sector,
            }
            for c in Comment.objects.filter(author=user).select_related("consultation")
        ],
        "votes": [
            {
                "consultation": str(b.translation_key),
                "poll": b.block_id,
                "choices": [choice.option_id for choice in b.choices.all()],
                "voted_at": b.created_at.isoformat(),
            }
            for b in Ballot.objects.filter(voter=user).prefetch_related("choices")
        ],
        "questionnaires": [
            {
                "consultation": str(s.translation_key),
                "questionnaire": s.block_id,
                "organisation": s.organisation_name,
                "sector": s.respondent_sector,
                "answers": [
                    {"question": a.question_id, "choice": a.option_id, "text": a.text} for a in s.answers.all()
                ],
                "sent_at": s.created_at.isoformat(),
                "changed_at": s.updated_at.isoformat(),
            }
            for s in QuestionnaireSubmission.objects.filter(respondent=user).prefetch_related("answers")
        ],
    }
    data.update(_other_apps_personal_data(user))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="tawasul-my-data.json"'
    return response


def _other_apps_personal_data(user):
    """What the apps above this one hold about the person (proposals, subscriptions…): each app's
    `privacy.personal_data(user)`, if it has one. Participation does not import them."""
    found = {}
    for module in app_modules("privacy"):
        found.update(module.personal_data(user))
    return found


def _may_not_delete_here(user):
    """Staff, superusers and anyone who works in the admin keep their account: deleting it from the public site
    would erase who did what (moderation, reviews) and could lock an agency out."""
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def _signed_in_recently(request):
    """No password (national digital identity only): a sign-in within ACCOUNT_REAUTHENTICATION_TIMEOUT."""
    from allauth.account import app_settings as account_settings
    from allauth.account.internal.flows.login import get_authentication_records

    records = get_authentication_records(request, request.user)
    return bool(records) and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


@login_required
def delete_account(request):
    user = request.user
    if _may_not_delete_here(user):
        refusal = _("Accounts that work in the administration cannot be deleted here. Ask an administrator.")
        if request.method == "POST":
            messages.error(request, refusal)
        return render(request, "participation/delete_account.html", {"refusal": refusal}, status=403)
    form = DeleteAccountForm(request.POST or None, user=user)
    needs_recent_sign_in = "password" not in form.fields and not _signed_in_recently(request)
    if request.method == "POST":
        if "password" in form.fields and _too_many(request, "delete_account"):
            return ratelimit.respond_429(request)
        if needs_recent_sign_in:
            form.add_error(None, _("For your security, sign out and sign in again, then delete your account."))
        if form.is_valid():
            logout(request)
            # Comments stay, shown as from a deleted account; votes stay in the tally with their identity hash.
            user.delete()
            messages.success(request, _("Your account is deleted."))
            return redirect("/")
    status = 400 if form.errors else 200
    return render(
        request,
        "participation/delete_account.html",
        {"form": form, "needs_recent_sign_in": needs_recent_sign_in},
        status=status,
    )
