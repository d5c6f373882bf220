"""Page types for the portal's structure: home, agencies and information pages,
and the ministry's approval task."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, ContentBodyBlock
from .publishing import FourEyesPageMixin, approved_publishing, live_version, page_problems, revision_authors


class HomePage(FourEyesPageMixin, Page):
    """The front page of the portal in one language: what Tawasul is and what is open now."""

    intro = models.TextField(
        _("introduction"),
        max_length=500,
        help_text=_("One or two sentences under the site title that say what citizens can do here."),
    )
    body = StreamField(
        ContentBodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Optional extra content shown under the lists of consultations."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.AgencyIndexPage",
        "pages.ContentPage",
        "participation.ConsultationIndexPage",
        "guidelines.GuidelineIndexPage",
        "events.EventIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections below the home page (e.g. consultations) say what they show on it.
        for model in self.specific_class.allowed_subpage_models():
            contribute = getattr(model, "home_page_context", None)
            if contribute:
                context.update(contribute(self, request))
        context["sections"] = self.get_children().live().in_menu().specific()
        return context


class AgencyIndexPage(FourEyesPageMixin, Page):
    """Lists every government entity that publishes on the portal."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("A sentence shown above the list of government entities."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.AgencyPage"]

    class Meta:
        verbose_name = _("agency index page")
        verbose_name_plural = _("agency index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agencies"] = AgencyPage.objects.child_of(self).live().public().select_related("logo").order_by("title")
        return context


class AgencyPage(FourEyesPageMixin, Page):
    """One government entity: who they are, how to reach them, and their consultations.

    Creating an agency page also creates its editors' group and its image and
    document collection (see pages.roles).
    """

    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("The entity's official logo, ideally square, at least 200 pixels wide."),
    )
    description = RichTextField(
        _("description"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the entity does and what it consults the public about."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Public address for questions about consultations.")
    )
    contact_phone = models.CharField(
        _("contact telephone"), max_length=40, blank=True, help_text=_("Public telephone number, with area code.")
    )
    address = models.TextField(_("address"), blank=True, max_length=300, help_text=_("Postal or street address."))
    website = models.URLField(_("website"), blank=True, help_text=_("The entity's own website."))
    editors_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set automatically: the group whose members edit this entity's pages."),
    )
    moderators_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set automatically: the group whose members moderate comments on this entity's consultations."),
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set automatically: where this entity's images and documents are kept."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("logo"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address"), FieldPanel("website")],
            heading=_("Contact"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]

    parent_page_types = ["pages.AgencyIndexPage"]
    subpage_types = ["participation.ConsultationPage", "guidelines.GuidelinePage", "events.EventPage"]

    class Meta:
        verbose_name = _("agency page")
        verbose_name_plural = _("agency pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page types published under an agency (consultations, guidance) say what they list here.
        for model in self.specific_class.allowed_subpage_models():
            contribute = getattr(model, "agency_page_context", None)
            if contribute:
                context.update(contribute(self, request))
        return context


class ContentPage(FourEyesPageMixin, Page):
    """An information page: about the portal, help, privacy notice, accessibility statement."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences shown at the top of the page and in lists."),
    )
    body = StreamField(ContentBodyBlock(), verbose_name=_("body"), help_text=_("The content of the page."))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


class MinistryApprovalTask(AbstractGroupApprovalTask):
    """Approval by ministry reviewers, in which nobody approves their own text.

    Wagtail's GroupApprovalTask lets any member of the group approve, including
    the person who submitted the revision; this task takes "approve" away from
    the submitter and from every author of what would go live (whoever saved a
    revision since the page was last published: a reviewer who edits a page
    under review is one of its authors). Approving publishes the page's latest
    revision, so that is the revision the approval is recorded against; a
    revision that breaks the page's own rules (e.g. a consultation's minimum
    period) is sent back with the reason instead. See pages.publishing.
    """

    @staticmethod
    def _is_own_submission(task_state, user):
        if task_state is None or user.pk is None:
            return False
        workflow_state = task_state.workflow_state
        authors = {workflow_state.requested_by_id, task_state.revision.user_id if task_state.revision_id else None}
        page = workflow_state.content_object
        latest = page.get_latest_revision() if page is not None else None
        if latest is not None:
            authors |= revision_authors(page, latest)
        return user.pk in authors

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self._is_own_submission(getattr(obj, "current_workflow_task_state", None), user):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        if self._is_own_submission(task_state, user):
            raise PermissionDenied(_("You cannot approve a page that you submitted or wrote."))
        # Wagtail publishes the page's latest revision when the workflow finishes: record the approval against it.
        latest = task_state.workflow_state.content_object.get_latest_revision()
        if latest is not None and latest.pk != task_state.revision_id:
            task_state.revision = latest
            task_state.save(update_fields=["revision"])
        problems = self._rule_problems(task_state)
        if problems:
            # Never publish a page that breaks its own rules: send it back, saying why.
            return super().on_action(task_state, user, "reject", comment=" ".join(str(p) for p in problems))
        with approved_publishing():
            return super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def _rule_problems(task_state):
        """What the page type says against publishing the revision under review (pages.publishing)."""
        if not task_state.revision_id:
            return []
        page = task_state.revision.as_object()
        return page_problems(page, previous_live=live_version(page))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if isinstance(states, models.QuerySet) and states.model is TaskState:
            states = states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)
        return states

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; nobody approves their own submission")

    class Meta:
        verbose_name = _("ministry approval task")
        verbose_name_plural = _("ministry approval tasks")
