from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = (
        (
            _("Identity"),
            {
                "fields": (
                    "name",
                    "tagline",
                    "logo",
                    "navigation",
                    "footer_text",
                    "medical_disclaimer",
                    "medical_review_months",
                    "posts_per_page",
                )
            },
        ),
        (
            _("Accounts"),
            {"fields": ("registration_open", "staff_require_2fa", "comment_erasure")},
        ),
        (
            _("Comments"),
            {
                "fields": (
                    "comments_enabled",
                    "guest_comments",
                    "comment_depth",
                    "comments_close_after_days",
                    "hold_first_comment",
                    "hold_link_threshold",
                    "hold_personal_details",
                    "blocklist_words",
                    "blocklist_emails",
                    "blocklist_ips",
                    "blocklist_action",
                    "comment_min_seconds",
                    "comment_rate_limit",
                    "staff_private_reply",
                )
            },
        ),
        (_("Articles by email"), {"fields": ("digest_weekday", "digest_time")}),
        (
            _("Privacy"),
            {"fields": ("privacy_policy", "fingerprint_retention_days")},
        ),
        (
            _("Security contact"),
            {"fields": ("security_contact", "security_contact_expires")},
        ),
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        # There is one row: go straight to it.
        SiteSettings.current()
        return HttpResponseRedirect(reverse("admin:core_sitesettings_change", args=[1]))
