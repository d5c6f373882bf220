"""Proposals in the site search (search.items asks this module; the search app never imports proposals).

A proposal is indexed in the language it was written in (Arabic normalisation for Arabic, stemming for
English) from the moment a moderator publishes it: its title, problem, solution, beneficiaries and, once
published, the entity's answer and implementation update. Whether it is public is read at query time.
"""

from django.urls import reverse
from django.utils import translation

from search.models import Kind

from .models import Proposal, ProposalState

SOURCE = "proposal"
KIND = Kind.PROPOSAL
MODEL = Proposal
CACHE_DEPENDENCY = "proposals"  # proposals.views.CACHE_DEPENDENCY, bumped by proposals.services


def search_entry(proposal):
    if not proposal.is_public:
        return None
    parts = [proposal.problem, proposal.solution, proposal.beneficiaries]
    if proposal.state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED):
        parts += [proposal.answer_text, proposal.answer_text_en]
        if proposal.state == ProposalState.IMPLEMENTED:
            parts.append(proposal.implementation_update)
    return {
        "language": proposal.language,
        "heading": proposal.title,
        "text": " ".join(part for part in parts if part),
        "excerpt": proposal.problem,
        "agency": proposal.agency,
        "published_at": proposal.published_at,
    }


def indexable():
    return Proposal.objects.public().select_related("agency").order_by("pk")


def public_ids():
    return Proposal.objects.public().values("pk")


def ids_with_topic(translation_key):
    return Proposal.objects.filter(topic__translation_key=translation_key).values("pk")


def describe(rows, language):
    """Address, language, entity in `language` and state of each proposal row: two queries for all rows."""
    from pages.models import AgencyPage

    proposals = Proposal.objects.in_bulk([row.object_id for row in rows])
    keys = {row.agency.translation_key for row in rows if row.agency_id}
    agencies = {
        agency.translation_key: agency
        for agency in (
            AgencyPage.objects.filter(translation_key__in=keys, locale__language_code=language) if keys else []
        )
    }
    with translation.override(language):
        for row in rows:
            proposal = proposals.get(row.object_id)
            row.url = reverse("proposal_detail", args=[row.object_id])
            row.language = proposal.language if proposal else ""
            row.state = str(proposal.get_state_display()) if proposal else ""
            row.supporters_count = proposal.supporters_count if proposal else 0
            if row.agency_id:
                row.agency = agencies.get(row.agency.translation_key, row.agency)
    return rows
