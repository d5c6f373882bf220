"""Blocks for guidance pages and the e-participation rules."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from pages.blocks import RICH_TEXT_FEATURES, BaseBodyBlock


class GuidelineBodyBlock(BaseBodyBlock):
    """Body of a guidance page for agencies or for citizens."""

    class Meta:
        label = _("Guidance body")


class RulesArticleBlock(blocks.StructBlock):
    """One numbered article of a rules document. Articles are numbered in the order they appear."""

    heading = blocks.CharBlock(
        label=_("Article heading"),
        max_length=200,
        help_text=_("What the article is about, e.g. 'Definitions'. The number is added automatically."),
    )
    text = blocks.RichTextBlock(
        label=_("Article text"),
        features=RICH_TEXT_FEATURES,
        help_text=_("The text of the article. Use a numbered list for its paragraphs."),
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/rules_article_block.html"
        label = _("Article")
        description = _("A numbered article with a heading and its text")


class RulesArticlesBlock(blocks.StreamBlock):
    """The articles of a rules document, in order."""

    article = RulesArticleBlock()

    class Meta:
        label = _("Articles")
