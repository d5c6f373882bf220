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


class ConsultationBodyBlock(BaseBodyBlock):
    """What a consultation says, and where citizens respond: comments, articles and polls."""

    comments = CommentBlock()
    article = ArticleBlock()
    poll = PollBlock()

    class Meta:
        label = _("Consultation body")


PARTICIPATION_BLOCK_TYPES = ("comments", "article", "poll")
COMMENTABLE_BLOCK_TYPES = ("comments", "article")
