"""The admin in the editor's language: a stylesheet and a script for every admin screen,
and workflow names translated in the page history.

- admin.css: date and time inputs left-to-right in the Arabic admin, the comment
  moderation queue readable at 1280 px, each language in its own direction in
  wagtail-localize's translation editor.
- admin.js: Latin slugs from Arabic titles (the table of pages/slugs.py), accessible
  names for the rich-text editors inside StreamFields, a focusable minimap, and the
  language and direction of the strings in the translation editor (and a label for
  its file input), and rich text written into the form when it is sent (Draftail
  copies it 250 ms after the last keystroke, too late for a quick "Submit").
"""

from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext as _
from wagtail import hooks

from ..slugs import SLUG_LENGTH, transliteration_table
from ..workflow_names import translate_log_formatters


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("pages/admin/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_script():
    settings = {
        "slugTable": transliteration_table(),
        "slugLength": SLUG_LENGTH,
        # wagtail-localize's upload form has a file input without a label.
        "strings": {
            "poFile": _("Translated PO file to upload"),
            # wagtail-localize's heading "<source> to <target> translation" is English in every language.
            "translationHeading": _("Translation from %(source)s into %(target)s"),
        },
    }
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(settings, "tawasul-admin-settings"),
        static("pages/admin/admin.js"),
    )


@hooks.register("register_log_actions", order=100)
def translate_workflow_names_in_history(actions):
    """After Wagtail registers its workflow log actions: show the names they stored in the reader's language."""
    translate_log_formatters(actions)
