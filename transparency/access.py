"""Who answers which comments: an agency's editors answer the comments on their
agency's consultations; ministry reviewers (and superusers) answer every agency's.

Scope is decided by `Comment.agency_key`, the agency page's translation key, so
every language version of an agency counts. Agency moderators, citizens and
other agencies' editors answer nothing. Every view and every write takes its
comments and consultations from the functions below, so a forged address or id
changes nothing.
"""

from participation.models import Comment, CommentStatus, ConsultationPage


def is_reviewer(user):
    from participation.moderation import is_reviewer as _is_reviewer

    return _is_reviewer(user)


def answered_agency_keys(user):
    """None when `user` answers for every agency, otherwise the set of agency
    translation keys whose editors' group the user belongs to. Cached on the
    user object for the request."""
    cached = getattr(user, "_tawasul_answered_agency_keys", False)
    if cached is not False:
        return cached
    if not user.is_authenticated or not user.is_active:
        keys = set()
    elif is_reviewer(user):
        keys = None
    else:
        from pages.models import AgencyPage

        keys = set(
            AgencyPage.objects.filter(editors_group__in=user.groups.all()).values_list("translation_key", flat=True)
        )
    if user.is_authenticated:
        user._tawasul_answered_agency_keys = keys
    return keys


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
