"""Who answers which comments: an agency's editors answer the comments on their
agency's consultations; ministry reviewers (and superusers) answer every agency's.

Scope is decided by `Comment.agency_key`, the agency page's translation key, so
every language version of an agency counts. Agency moderators, citizens and
other agencies' editors answer nothing. Every view and every write takes its
comments and consultations from the functions below, so a forged address or id
changes nothing.
"""

from pages.roles import agency_keys_for
from participation.models import Comment, CommentStatus, ConsultationPage


def answered_agency_keys(user):
    """None when `user` answers for every agency, otherwise the set of agency
    translation keys whose editors' group the user belongs to."""
    return agency_keys_for(user, "editors")


def can_answer_anything(user):
    keys = answered_agency_keys(user)
    return keys is None or bool(keys)


def consultations_for(user):
    """Every language version of every consultation whose comments `user` answers."""
    keys = answered_agency_keys(user)
    pages = ConsultationPage.objects.all()
    if keys is None:
        return pages
    return pages.filter(agency__translation_key__in=keys)


def comments_for(user):
    """Every comment `user` may answer or export, whatever its status."""
    keys = answered_agency_keys(user)
    comments = Comment.objects.all()
    if keys is None:
        return comments
    return comments.filter(agency_key__in=keys)


def answerable_comments(user):
    """The comments that take a disposition: published, written by citizens (not official replies)."""
    return comments_for(user).filter(status=CommentStatus.APPROVED, is_official=False)


def can_answer(user, comment):
    keys = answered_agency_keys(user)
    return keys is None or comment.agency_key in keys


# Questionnaires' written answers: read by the agency's staff (its editors and moderators) and by ministry
# reviewers; never published one by one.


def questionnaire_agency_keys(user):
    """None when `user` reads every agency's written answers, otherwise the set of agency translation keys
    whose editors' or moderators' group the user belongs to."""
    editors = agency_keys_for(user, "editors")
    moderators = agency_keys_for(user, "moderators")
    if editors is None or moderators is None:
        return None
    return editors | moderators


def can_read_answers_anywhere(user):
    keys = questionnaire_agency_keys(user)
    return keys is None or bool(keys)


def consultations_with_answers_for(user):
    """Every language version of every consultation whose written answers `user` reads."""
    keys = questionnaire_agency_keys(user)
    pages = ConsultationPage.objects.all()
    if keys is None:
        return pages
    return pages.filter(agency__translation_key__in=keys)
