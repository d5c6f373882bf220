"""The outcome report as PDF, rendered with WeasyPrint.

WeasyPrint needs Pango (and through it HarfBuzz and fontconfig) to lay out
text; Arabic is shaped by HarfBuzz and set right to left from the document's
`dir="rtl"`. It needs a font that covers Arabic: Debian's fonts-noto-core
(Noto Naskh Arabic, Noto Sans Arabic) or fonts-dejavu-core at least.

Where WeasyPrint or its system libraries are missing, `weasyprint_problem()`
says what to install, and the report offers that instead of a broken link.

Rendering fetches nothing from the network: the stylesheet is read from the
static files, images only from the portal's own media and static folders.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

STYLESHEET = "transparency/report.css"
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-noto-core"


def load_weasyprint():
    """The weasyprint module, or None when it or its system libraries are missing."""
    try:
        import weasyprint
    except (ImportError, OSError):
        return None
    return weasyprint


def weasyprint_problem():
    """None when PDFs can be made, otherwise what to tell the reader and the administrator."""
    if load_weasyprint() is not None:
        return None
    return _(
        "The PDF version is not available on this server: WeasyPrint or the system libraries it needs are "
        "not installed. An administrator can install them with “pip install weasyprint” and “apt-get install "
        "%(packages)s”. Until then, use your browser's Print command: the report is laid out for printing."
    ) % {"packages": SYSTEM_PACKAGES}


def _local_file(url):
    """The file on disk that a static or media address points to, or None."""
    path = unquote(urlsplit(url).path)
    for prefix, root in ((settings.STATIC_URL, None), (settings.MEDIA_URL, settings.MEDIA_ROOT)):
        if not prefix or not path.startswith(prefix):
            continue
        relative = path[len(prefix) :]
        if root is None:
            found = finders.find(relative)
            return Path(found) if found else None
        candidate = (Path(root) / relative).resolve()
        if Path(root).resolve() in candidate.parents and candidate.is_file():
            return candidate
    return None


def make_fetcher(weasyprint):
    base = weasyprint.urls.URLFetcher

    class LocalOnlyFetcher(base):
        """Serves the portal's own static and media files from disk; refuses everything else."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            local = _local_file(url)
            if local is None:
                raise ValueError(f"Not fetched while making a PDF: {url}")
            return weasyprint.urls.URLFetcherResponse(url, local.read_bytes())

    return LocalOnlyFetcher()


def render_pdf(html, base_url):
    weasyprint = load_weasyprint()
    if weasyprint is None:
        raise RuntimeError(weasyprint_problem())
    fetcher = make_fetcher(weasyprint)
    stylesheet = weasyprint.CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet])
