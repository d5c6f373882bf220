"""A person's proposals and supports for their data download (participation.views.download_my_data).

`personal_data(user)` returns a JSON-ready dict; the lead adds it under "proposals" in the download. Deleting the
account keeps the proposals (author emptied) and the supports (supporter emptied, identity hash kept so the same
person cannot support again); nothing else is needed here.
"""

from .models import Proposal, Support


def personal_data(user):
    return {
        "proposals": [
            {
                "id": proposal.pk,
                "title": proposal.title,
                "problem": proposal.problem,
                "solution": proposal.solution,
                "beneficiaries": proposal.beneficiaries,
                "language": proposal.language,
                "state": proposal.state,
                "reason": proposal.moderation_reason,
                "note": proposal.moderation_note,
                "submitted_at": proposal.created_at.isoformat(),
                "on_behalf_of": proposal.organisation_name,
                "sector": proposal.respondent_sector,
                "attachments": [item.name for item in proposal.attachments.all()],
            }
            for proposal in Proposal.objects.filter(author=user).prefetch_related("attachments").order_by("pk")
        ],
        "supports": [
            {
                "proposal": support.proposal_id,
                "follow": support.follow,
                "supported_at": support.created_at.isoformat(),
                "on_behalf_of": support.organisation_name,
                "sector": support.respondent_sector,
            }
            for support in Support.objects.filter(supporter=user).order_by("pk")
        ],
    }
