"""Blocks for a consultation's body: content, and the places where citizens respond.

Comments and votes are stored in their own tables keyed by the page's
translation key and the block's id, so these blocks hold only settings.
Never rename a block without a data migration.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from pages.blocks import RICH_TEXT_FEATURES, BaseBodyBlock


class ModerationMode:
    PRE = "pre"
    POST = "post"
    CHOICES = [
        (PRE, _("Pre-moderation: a moderator approves each comment before the public sees it")),
        (POST, _("Post-moderation: comments appear at once and moderators review them afterwards")),
    ]


class ModerationChoiceBlock(blocks.ChoiceBlock):
    """Whether comments wait for a moderator (the default) or appear at once."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Moderation"))
        kwargs.setdefault("choices", ModerationMode.CHOICES)
        kwargs.setdefault("default", ModerationMode.PRE)
        kwargs.setdefault("help_text", _("Pre-moderation is the default and the safer choice."))
        super().__init__(**kwargs)


class CommentBlock(blocks.StructBlock):
    """A question for the public, with the comments citizens write in answer to it."""

    prompt = blocks.CharBlock(
        label=_("Question"),
        max_length=300,
        help_text=_("What you want people to comment on, e.g. 'What do you think of the proposed fees?'"),
    )
    moderation = ModerationChoiceBlock()

    class Meta:
        icon = "comment"
        template = "blocks/comment_block.html"
        label = _("Comments")
        description = _("A question with the public's comments and a form to answer")


class ArticleBlock(blocks.StructBlock):
    """One numbered clause of a draft law or regulation that citizens can comment on individually."""

    number = blocks.CharBlock(
        label=_("Article number"), max_length=20, help_text=_("As in the draft, e.g. '5' or '5 bis'.")
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False, help_text=_("Optional."))
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, help_text=_("The text of the article."))
    moderation = ModerationChoiceBlock()

    class Meta:
        icon = "list-ol"
        template = "blocks/article_block.html"
        label = _("Article open for comment")
        description = _("A numbered article of a draft that citizens comment on")


class PollOptionBlock(blocks.StructBlock):
    """One answer people can choose in a poll."""

    label = blocks.CharBlock(label=_("Answer"), max_length=200, help_text=_("Short and plain."))

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class ResultsVisibility:
    AFTER_VOTING = "after_voting"
    AFTER_CLOSING = "after_closing"
    ALWAYS = "always"
    CHOICES = [
        (AFTER_VOTING, _("To each person after they voted")),
        (AFTER_CLOSING, _("To everyone after the consultation closes")),
        (ALWAYS, _("Always, to everyone")),
    ]


class PollBlock(blocks.StructBlock):
    """A question with fixed answers; one vote per person. Use it for support/oppose votes too."""

    question = blocks.CharBlock(label=_("Question"), max_length=300, help_text=_("One clear question."))
    options = blocks.ListBlock(
        PollOptionBlock(),
        label=_("Answers"),
        min_num=2,
        help_text=_("Once people have voted, answers cannot be removed or changed."),
    )
    multiple = blocks.BooleanBlock(label=_("People may choose more than one answer"), required=False, default=False)
    show_results = blocks.ChoiceBlock(
        label=_("Show results"),
        choices=ResultsVisibility.CHOICES,
        default=ResultsVisibility.AFTER_VOTING,
        help_text=_("When the public can see the tally."),
    )

    class Meta:
        icon = "tasks"
        template = "blocks/poll_block.html"
        label = _("Poll")
        description = _("A question with answers to vote on, such as support or oppose")


class QuestionKind:
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    YES_NO = "yes_no"
    CHOICES = [
        (SHORT_TEXT, _("Short text (a line)")),
        (LONG_TEXT, _("Long text (a paragraph)")),
        (SINGLE, _("One answer from a list")),
        (MULTIPLE, _("Several answers from a list")),
        (SCALE, _("A scale from 1 to 5")),
        (YES_NO, _("Yes or no")),
    ]
    TEXT = (SHORT_TEXT, LONG_TEXT)
    LISTS = (SINGLE, MULTIPLE)
    CLOSED = (SINGLE, MULTIPLE, SCALE, YES_NO)


# Answers that are not list items have fixed ids, the same in every questionnaire and language.
OTHER_OPTION = "other"
YES_OPTION = "yes"
NO_OPTION = "no"
SCALE_OPTIONS = ("1", "2", "3", "4", "5")


class QuestionOptionBlock(blocks.StructBlock):
    """One answer people can choose in a list question."""

    label = blocks.CharBlock(label=_("Answer"), max_length=200, help_text=_("Short and plain."))

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    """One question of a questionnaire. Its id (kept across translations) keys the answers."""

    text = blocks.CharBlock(label=_("Question"), max_length=300, help_text=_("One clear question."))
    kind = blocks.ChoiceBlock(
        label=_("Kind of answer"),
        choices=QuestionKind.CHOICES,
        default=QuestionKind.SINGLE,
        help_text=_("Once people have answered, the kind of answer cannot change."),
    )
    help = blocks.CharBlock(
        label=_("Help text"),
        max_length=300,
        required=False,
        help_text=_("Optional: a sentence that helps people answer, shown under the question."),
    )
    required = blocks.BooleanBlock(
        label=_("An answer is required"), required=False, default=False, help_text=_("Leave unticked if optional.")
    )
    options = blocks.ListBlock(
        QuestionOptionBlock(),
        label=_("Answers to choose from"),
        required=False,
        min_num=0,
        help_text=_("Only for 'one answer' and 'several answers' questions. Answers people chose cannot be removed."),
    )
    allow_other = blocks.BooleanBlock(
        label=_("Offer 'Other' with a text box"),
        required=False,
        default=False,
        help_text=_("Only for 'one answer' and 'several answers' questions."),
    )
    condition_question = blocks.IntegerBlock(
        label=_("Show only after question number"),
        required=False,
        min_value=1,
        help_text=_(
            "Optional: the number of an earlier question with answers to choose from (1 for the first). "
            "This question is then asked only of people who gave the answer below to it."
        ),
    )
    condition_answer = blocks.IntegerBlock(
        label=_("… was answered with answer number"),
        required=False,
        min_value=1,
        help_text=_(
            "The position of the answer in that question's list (1 for the first). For a yes/no question, "
            "1 is yes and 2 is no; for a scale, the number on the scale."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Question")


class QuestionnaireResultsVisibility:
    AFTER_CLOSING = "after_closing"
    WHILE_OPEN = "while_open"
    CHOICES = [
        (AFTER_CLOSING, _("To everyone after the consultation closes")),
        (WHILE_OPEN, _("To everyone while the consultation is open, too")),
    ]


class QuestionnaireBlock(blocks.StructBlock):
    """Several questions that people answer in one form; one set of answers per person, editable until closing.

    Answers are stored in their own tables keyed by the consultation's translation key, this block's id
    and each question's id, so the Arabic and English pages share them."""

    title = blocks.CharBlock(label=_("Title"), max_length=200, help_text=_("e.g. 'Questionnaire for stakeholders'."))
    intro = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        max_length=1000,
        help_text=_("Optional: who the questionnaire is for and how long it takes."),
    )
    questions = blocks.ListBlock(
        QuestionBlock(),
        label=_("Questions"),
        min_num=1,
        help_text=_("Once people have answered, a question cannot be removed nor its kind of answer changed."),
    )
    show_results = blocks.ChoiceBlock(
        label=_("Show results"),
        choices=QuestionnaireResultsVisibility.CHOICES,
        default=QuestionnaireResultsVisibility.AFTER_CLOSING,
        help_text=_("Counts for questions with answers to choose from. Text answers are seen by your agency only."),
    )

    class Meta:
        icon = "form"
        template = "blocks/questionnaire_block.html"
        label = _("Questionnaire")
        description = _("Several questions answered in one form: text, choices, a scale, yes or no")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        from .questionnaires import structure_problems

        problems = structure_problems(value)
        if problems:
            raise StructBlockValidationError(non_block_errors=ValidationError(problems))
        return value

    def get_context(self, value, parent_context=None):
        from .questionnaires import questionnaire_context

        context = super().get_context(value, parent_context=parent_context)
        context["questionnaire"] = questionnaire_context(context, value)
        return context


class ConsultationBodyBlock(BaseBodyBlock):
    """What a consultation says, and where citizens respond: comments, articles, polls and questionnaires."""

    comments = CommentBlock()
    article = ArticleBlock()
    poll = PollBlock()
    questionnaire = QuestionnaireBlock()

    class Meta:
        label = _("Consultation body")


PARTICIPATION_BLOCK_TYPES = ("comments", "article", "poll", "questionnaire")
COMMENTABLE_BLOCK_TYPES = ("comments", "article")
