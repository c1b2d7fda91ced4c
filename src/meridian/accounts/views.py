"""Profile, data download and account deletion: what allauth leaves to us."""

import json
from urllib.parse import urlencode

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from meridian.core import privacy
from meridian.core.models import SiteSettings

from .deletion import AccountKept, delete_account
from .forms import DeleteAccountForm, ProfileForm
from .profiles import update_profile
from .requests import AuthenticatedRequest


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        form = update_profile(request.user, request.POST, request.FILES)
        if form.is_valid():
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=request.user)
    return render(request, "accounts/profile.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET"])
def download_data(request: AuthenticatedRequest) -> HttpResponse:
    """Return everything the site holds about the person as one JSON file."""
    data = {
        "site": SiteSettings.current().name,
        "site_url": settings.SITE_URL,
        "exported_at": timezone.now().isoformat(),
        **privacy.export_user_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"{request.user.username}-data.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedRequest) -> HttpResponse:
    """The data page: what each app holds, the download, and account deletion."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(request.user)
        except AccountKept as kept:
            for reason in kept.reasons:
                form.add_error(None, reason)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. Goodbye."))
            return redirect(get_adapter(request).get_logout_redirect_url(request))
    held = privacy.descriptions()
    context = {
        "form": form,
        "held": [description.held for description in held],
        "on_deletion": [d.on_deletion() for d in held if d.on_deletion is not None],
    }
    return render(request, "accounts/delete.html", context)


@never_cache
def admin_login(request: HttpRequest) -> HttpResponse:
    """Send the admin's login to allauth's, so rate limits and 2FA apply."""
    if request.user.is_authenticated:
        # Signed in but not staff: allauth would send them straight back here.
        raise PermissionDenied
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    query = urlencode({"next": next_url})
    return redirect(f"{reverse('account_login')}?{query}")


class LoginView(allauth_views.LoginView):
    """allauth's login, answering 429 when failed logins hit their limit."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        codes = {error.code for error in form.non_field_errors().as_data()}
        if "too_many_login_attempts" in codes:
            response.status_code = 429
        return response
