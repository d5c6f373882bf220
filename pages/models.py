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


class HomePage(Page):
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
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from participation.models import ConsultationPage

        context = super().get_context(request, *args, **kwargs)
        consultations = ConsultationPage.objects.live().public().filter(locale=self.locale)
        context["open_consultations"] = consultations.open_now().select_related("agency").order_by("-opens_at")[:6]
        context["upcoming_consultations"] = consultations.upcoming().select_related("agency")[:3]
        context["concluded_consultations"] = consultations.concluded().select_related("agency")[:3]
        context["sections"] = self.get_children().live().in_menu().specific()
        return context


class AgencyIndexPage(Page):
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


class AgencyPage(Page):
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
    subpage_types = ["participation.ConsultationPage", "guidelines.GuidelinePage"]

    class Meta:
        verbose_name = _("agency page")
        verbose_name_plural = _("agency pages")

    def get_context(self, request, *args, **kwargs):
        from guidelines.models import GuidelinePage
        from participation.models import ConsultationPage, ConsultationRules

        context = super().get_context(request, *args, **kwargs)
        consultations = list(
            ConsultationPage.objects.child_of(self).live().public().select_related("agency").order_by("-opens_at")
        )
        rules = ConsultationRules.load(request_or_site=request)
        for consultation in consultations:
            consultation.rules = rules  # one settings query for the whole list
        context["consultations"] = consultations
        context["overdue_ids"] = {c.pk for c in consultations if c.is_outcome_overdue}
        context["guidelines"] = GuidelinePage.objects.child_of(self).live().public().order_by("title")
        return context


class ContentPage(Page):
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
    """Approval by ministry reviewers, in which nobody approves their own submission.

    Wagtail's GroupApprovalTask lets any member of the group approve, including
    the person who submitted the revision; this task takes "approve" away from
    the submitter and from the author of the revision under review.
    """

    @staticmethod
    def _is_own_submission(task_state, user):
        if task_state is None:
            return False
        workflow_state = task_state.workflow_state
        return user.pk is not None and user.pk in {
            workflow_state.requested_by_id,
            task_state.revision.user_id if task_state.revision_id else None,
        }

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self._is_own_submission(getattr(obj, "current_workflow_task_state", None), user):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self._is_own_submission(task_state, user):
            raise PermissionDenied(_("You cannot approve a page that you submitted or wrote."))
        if action_name == "approve":
            problem = self._rule_problem(task_state)
            if problem:
                # Never publish a consultation that breaks the period rules: send it back, saying why.
                return super().on_action(task_state, user, "reject", comment=problem)
        return super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def _rule_problem(task_state):
        from participation.admin_forms import period_problem
        from participation.models import ConsultationPage, ConsultationRules

        page = task_state.revision.as_object() if task_state.revision_id else None
        if not isinstance(page, ConsultationPage):
            return None
        return period_problem(page.consultation_type, page.opens_at, page.closes_at, ConsultationRules.load())

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
