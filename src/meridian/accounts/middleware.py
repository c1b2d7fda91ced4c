"""Lead staff who must use two-factor sign-in to enrol before anything else."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import site_is_loopback

# Where a staff member may go while not yet enrolled.
ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/static/",
    "/media/",
)


def staff_two_factor_required() -> bool:
    """Return whether staff must use two-factor sign-in on this site.

    Always on a site reachable by others: Site settings may relax it only
    where MERIDIAN_SITE_URL is a loopback address (`make run`'s local demo).
    """
    return SiteSettings.current().staff_require_2fa or not site_is_loopback()


def must_enrol(user) -> bool:
    """Return whether `user` is staff, the site requires 2FA, and they lack TOTP."""
    return (
        user.is_authenticated
        and user.is_staff
        and staff_two_factor_required()
        and not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    )


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ALLOWED_PREFIXES) and must_enrol(request.user):
            messages.info(
                request,
                _(
                    "Staff accounts on this site must use two-factor sign-in. "
                    "Please set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class SiteContextMiddleware:
    """Keep `site` meaning the SiteSettings on allauth's pages.

    allauth's entrance views put the request's host in their context as `site`,
    which would hide the site's name, navigation and footer in base.html.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        context = response.context_data
        site = context.get("site") if context else None
        if site is not None and not isinstance(site, SiteSettings):
            context["site"] = SiteSettings.current()
        return response
