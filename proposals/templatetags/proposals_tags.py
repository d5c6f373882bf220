"""`{% agency_proposals agency %}`: an agency page's proposals in brief, with overdue answers flagged.

For templates/pages/agency_page.html (the lead wires it in): two queries, whatever the number of proposals.
"""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from ..models import ProposalState

register = template.Library()


@register.inclusion_tag("proposals/includes/agency_proposals.html")
def agency_proposals(agency, limit=5):
    from ..models import Proposal

    now = timezone.now()
    public = Proposal.objects.public().filter(agency__translation_key=agency.translation_key)
    counts = public.aggregate(
        total=Count("pk"),
        collecting=Count("pk", filter=Q(state=ProposalState.PUBLISHED, collection_ends_at__gt=now)),
        answered=Count("pk", filter=Q(state__in=[ProposalState.ANSWERED, ProposalState.IMPLEMENTED])),
        overdue=Count("pk", filter=Q(state=ProposalState.THRESHOLD_REACHED, answer_due_at__lt=now)),
    )
    overdue = list(
        public.overdue(now).order_by("answer_due_at").only("pk", "title", "language", "answer_due_at")[:limit]
    )
    return {"agency": agency, "counts": counts, "overdue": overdue}
