"""What a person follows, for their data download (participation.views.download_my_data)."""

from .models import Subscription


def personal_data(user):
    return {
        "subscriptions": [
            {
                "kind": subscription.kind,
                "target": subscription.target,
                "frequency": subscription.frequency,
                "language": subscription.language,
                "followed_at": subscription.created_at.isoformat(),
            }
            for subscription in Subscription.objects.filter(user=user).order_by("pk")
        ]
    }
