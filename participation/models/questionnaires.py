"""Questionnaire answers: one submission per person per questionnaire, editable until closing.

Like comments and votes, submissions live in their own tables keyed by the consultation's
translation key and the questionnaire block's id; each answer row names its question's id
(kept across translations), so the Arabic and English pages share one set of answers.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .respondents import RespondentFields, respondent_constraint

ANSWER_TEXT_MAX_LENGTH = 4000


class QuestionnaireSubmission(RespondentFields):
    """One person's answers to one questionnaire. The unique constraints guarantee one per person."""

    translation_key = models.UUIDField(help_text=_("The consultation, in every language."))
    block_id = models.CharField(max_length=64, help_text=_("The questionnaire block."))
    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consultation"),
        help_text=_("The language version the answers were last sent from."),
    )
    agency_key = models.UUIDField(db_index=True, help_text=_("The agency, in every language."))
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="questionnaire_submissions",
        verbose_name=_("respondent"),
        help_text=_("Who answered; empty once their account is deleted."),
    )
    identity_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_("Keyed hash of the respondent's verified e-mail address (participation.identity). Never shown."),
    )
    subject_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_("Keyed hash of the respondent's national digital identity, when they signed in with it."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, help_text=_("The language of the answers.")
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, help_text=_("When the answers were first sent."))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, help_text=_("When the answers last changed."))

    class Meta:
        verbose_name = _("questionnaire submission")
        verbose_name_plural = _("questionnaire submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "block_id", "respondent"], name="one_submission_per_person"
            ),
            models.UniqueConstraint(
                fields=["translation_key", "block_id", "identity_hash"],
                condition=~models.Q(identity_hash=""),
                name="one_submission_per_identity",
            ),
            models.UniqueConstraint(
                fields=["translation_key", "block_id", "subject_hash"],
                condition=~models.Q(subject_hash=""),
                name="one_submission_per_national_id",
            ),
            respondent_constraint("submission"),
        ]
        indexes = [models.Index(fields=["translation_key", "block_id"], name="submission_questionnaire")]

    def __str__(self):
        return f"submission {self.pk} to questionnaire {self.block_id}"


class QuestionnaireAnswer(models.Model):
    """One answer to one question: a chosen option (several rows for several choices) and/or text."""

    submission = models.ForeignKey(
        QuestionnaireSubmission, on_delete=models.CASCADE, related_name="answers", help_text=_("The submission.")
    )
    question_id = models.CharField(max_length=64, help_text=_("The question's id, the same in every language."))
    option_id = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_("The chosen answer's id ('other', 'yes', 'no' or '1'–'5' for those kinds); empty for text."),
    )
    text = models.TextField(
        blank=True,
        default="",
        max_length=ANSWER_TEXT_MAX_LENGTH,
        help_text=_("What the person wrote: a text answer, or the text of 'Other'. Plain text, shown escaped."),
    )

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "question_id", "option_id"], name="one_answer_per_option")
        ]
        indexes = [models.Index(fields=["question_id", "option_id"], name="answer_question_option")]

    def __str__(self):
        return f"{self.question_id}: {self.option_id or self.text[:40]}"
