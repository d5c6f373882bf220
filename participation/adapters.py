"""allauth's account adapter: where a person lands after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """Staff (editors, moderators, reviewers) land in the admin, where their work is; citizens on My
    participation. A `next` address given with the sign-in still wins (allauth reads it first)."""

    def get_login_redirect_url(self, request):
        if request.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
