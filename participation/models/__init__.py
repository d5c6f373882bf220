"""Consultations and citizens' responses to them."""

from .campaigns import Campaign, CommentBand, CommentFingerprint
from .consultations import (
    ConsultationIndexPage,
    ConsultationManager,
    ConsultationPage,
    ConsultationQuerySet,
    ConsultationRules,
    ConsultationStatus,
    ConsultationType,
    DateChange,
    PublishedSchedule,
    Topic,
)
from .profiles import AgeBand, Disability, Gender, Governorate, Profile
from .questionnaires import ANSWER_TEXT_MAX_LENGTH, QuestionnaireAnswer, QuestionnaireSubmission
from .respondents import INDIVIDUAL, RespondentSector
from .responses import (
    Ballot,
    BallotChoice,
    Comment,
    CommentReport,
    CommentStatus,
    ModerationReason,
    Stance,
)

__all__ = [
    "ANSWER_TEXT_MAX_LENGTH",
    "INDIVIDUAL",
    "QuestionnaireAnswer",
    "QuestionnaireSubmission",
    "RespondentSector",
    "AgeBand",
    "Ballot",
    "Campaign",
    "CommentBand",
    "CommentFingerprint",
    "BallotChoice",
    "Comment",
    "CommentReport",
    "CommentStatus",
    "ConsultationIndexPage",
    "ConsultationManager",
    "ConsultationPage",
    "ConsultationQuerySet",
    "ConsultationRules",
    "ConsultationStatus",
    "ConsultationType",
    "DateChange",
    "Disability",
    "Gender",
    "Governorate",
    "ModerationReason",
    "Profile",
    "PublishedSchedule",
    "Stance",
    "Topic",
]
