"""The admin in the clinic's name, its home page without an operator's internals.

The admin stays for administrators (people, roles, site settings); the team
writes in the Studio. Task results, two-factor devices and email-address rows
are still reachable by their address, for an operator who needs them.
"""

from django.apps import apps
from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# app_label.ModelName of the internals kept off the admin's home page.
INTERNALS = (
    "django_tasks_database.DBTaskResult",
    "mfa.Authenticator",
    "account.EmailAddress",
    "account.EmailConfirmation",
)


def _site_name() -> str:
    from .models import SiteSettings

    try:
        return str(SiteSettings.current().name)
    except Exception:  # noqa: BLE001 - before migrations, or the database is down
        return str(_("Meridian"))


def brand_admin() -> None:
    """Name the admin after the site and keep internals off its home page."""
    site_name = lazy(_site_name, str)()
    admin.site.site_header = site_name
    admin.site.site_title = site_name
    admin.site.index_title = _("Site administration")
    for label in INTERNALS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model_admin = admin.site._registry.get(model)
        if model_admin is not None:
            model_admin.has_module_permission = lambda request: False  # type: ignore[method-assign]
