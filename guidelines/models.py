"""Guidance for agencies and citizens, and the rules of e-participation."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import SupportingDocumentsBlock
from pages.publishing import FourEyesPageMixin

from .blocks import GuidelineBodyBlock, RulesArticlesBlock


class Audience(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    AGENCIES = "agencies", _("Government entities")
    EVERYONE = "everyone", _("Everyone")


class GuidelineIndexPage(FourEyesPageMixin, Page):
    """Lists all guidance and the rules of e-participation, wherever they are published."""

    intro = models.TextField(
        _("introduction"), blank=True, max_length=500, help_text=_("A sentence shown above the list of guidance.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["guidelines.GuidelinePage", "guidelines.RulesPage"]

    class Meta:
        verbose_name = _("guidance index page")
        verbose_name_plural = _("guidance index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        guidelines = GuidelinePage.objects.live().public().filter(locale=self.locale).order_by("title")
        if audience in Audience.values:
            guidelines = guidelines.filter(audience__in=[audience, Audience.EVERYONE])
        context.update(
            rules=RulesPage.objects.child_of(self).live().public().order_by("-issued_on"),
            guidelines=guidelines,
            audiences=Audience.choices,
            current_audience=audience,
        )
        return context


class GuidelinePage(FourEyesPageMixin, Page):
    """Guidance: how agencies run a consultation, or how citizens take part."""

    audience = models.CharField(
        _("audience"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("Who this guidance is written for."),
    )
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown at the top and in lists.")
    )
    body = StreamField(GuidelineBodyBlock(), verbose_name=_("body"), help_text=_("The guidance itself."))
    documents = StreamField(
        SupportingDocumentsBlock(),
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Templates, checklists or the full guide as a file."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["guidelines.GuidelineIndexPage", "pages.AgencyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")

    @classmethod
    def agency_page_context(cls, agency, request):
        """What an agency page lists of its own guidance."""
        return {"guidelines": cls.objects.child_of(agency).live().public().order_by("title")}


class RulesPage(FourEyesPageMixin, Page):
    """A rules document such as the general principles of e-participation, in numbered articles."""

    version = models.CharField(_("version"), max_length=40, help_text=_("For example '1.0' or '2024'."))
    issued_on = models.DateField(_("issued on"), help_text=_("The date the rules were issued."))
    effective_on = models.DateField(_("effective from"), help_text=_("The date the rules take effect."))
    preamble = models.TextField(
        _("preamble"), blank=True, max_length=2000, help_text=_("Text before the first article, if any.")
    )
    articles = StreamField(
        RulesArticlesBlock(),
        verbose_name=_("articles"),
        help_text=_("The articles in order; each is numbered and gets its own link automatically."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("version"), FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")])],
            heading=_("Version and dates"),
        ),
        FieldPanel("preamble"),
        FieldPanel("articles"),
    ]
    search_fields = Page.search_fields + [index.SearchField("preamble"), index.SearchField("articles")]

    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("rules page")
        verbose_name_plural = _("rules pages")

    def clean(self):
        super().clean()
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": _("The rules cannot take effect before they are issued.")})

    def numbered_articles(self):
        """(number, anchor, block) for every article, numbered in order."""
        return [(number, f"article-{number}", block) for number, block in enumerate(self.articles, start=1)]
