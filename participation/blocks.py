"""Blocks for a consultation's body.

The participation issue adds the comment, article and poll blocks to
ConsultationBodyBlock; keep their names stable once content uses them.
"""

from django.utils.translation import gettext_lazy as _

from pages.blocks import BaseBodyBlock


class ConsultationBodyBlock(BaseBodyBlock):
    """What a consultation says: the proposal explained, section by section.

    Participation blocks (comments, articles of a draft law, polls) are added
    here, after the content blocks inherited from BaseBodyBlock.
    """

    class Meta:
        label = _("Consultation body")
