"""StreamField blocks shared by every body on the portal.

Each block is a named class so that templates, migrations and translations
refer to a stable name. Never rename a block without a data migration.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a page body; level 2 starts a section, level 3 a subsection."""

    text = blocks.CharBlock(
        label=_("Heading"), max_length=200, help_text=_("Short and plain: what this section is about.")
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
        help_text=_("Use level 2 for main sections and level 3 inside them."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section or subsection heading")


class ParagraphBlock(blocks.RichTextBlock):
    """Body text with a small set of formatting options, to keep pages plain and accessible."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault("label", _("Paragraph"))
        kwargs.setdefault("help_text", _("Write in plain language. Use lists for steps or options."))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = _("Text with links, lists, bold and italic")


class FigureBlock(blocks.StructBlock):
    """An image with its alternative text and an optional caption."""

    image = ImageBlock(label=_("Image"), help_text=_("Describe the image for people who cannot see it."))
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, max_length=250, help_text=_("Optional text shown under the image.")
    )

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        label = _("Image")
        description = _("An image with a caption")


class QuoteBlock(blocks.StructBlock):
    """A quotation, for example from a minister or a law, with who said it."""

    quote = blocks.TextBlock(label=_("Quotation"), help_text=_("The quoted words, without quotation marks."))
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, max_length=200, help_text=_("Who said or wrote it.")
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quotation")
        description = _("A quotation and its source")


class CalloutBlock(blocks.StructBlock):
    """A highlighted notice that readers must not miss, such as a deadline or a condition."""

    text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, help_text=_("Keep it short: one or two sentences.")
    )

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Important notice")
        description = _("Highlighted text that readers must not miss")


class DocumentBlock(blocks.StructBlock):
    """A downloadable file, with a description of what it contains."""

    document = DocumentChooserBlock(label=_("Document"), help_text=_("Choose or upload the file."))
    description = blocks.CharBlock(
        label=_("Description"),
        required=False,
        max_length=250,
        help_text=_("What the file contains, for example 'Full text of the draft law'."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document")
        description = _("A file to download")


class BaseBodyBlock(blocks.StreamBlock):
    """The content blocks every page body offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentBlock()

    class Meta:
        label = _("Body")


class ContentBodyBlock(BaseBodyBlock):
    """Body of an information page such as About, Help or the accessibility statement."""


class SupportingDocumentsBlock(blocks.StreamBlock):
    """The list of files that support a consultation or a guideline."""

    document = DocumentBlock()

    class Meta:
        label = _("Supporting documents")
