from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from meridian.core.dependencies import changed
from meridian.journal import dependencies

from . import actions
from .models import Comment


def _bulk(name: str, verdict: str, description):
    """Return an admin action that gives the selected comments a verdict."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        actions.moderate_comments(
            queryset.values_list("pk", flat=True), actions.VERDICTS[verdict]
        )

    action.__name__ = name
    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "excerpt", "status", "created_at", "held_reason", "post")
    list_filter = ("status", "created_at")
    search_fields = ("body", "guest_name", "guest_email", "author__username")
    list_select_related = ("post", "author")
    raw_id_fields = ("post", "parent", "author")
    readonly_fields = ("status", "held_reason", "ip_hash", "created_at", "edited_at")
    actions = [
        _bulk("approve_comment", "approve", _("Approve the selected comments")),
        _bulk("mark_spam", "spam", _("Mark the selected comments as spam")),
        _bulk("remove_comment", "remove", _("Remove the selected comments")),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Moving a comment to another article or thread would break its thread
        # and the articles' counts; only its text is edited here.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "post", "parent", "author") if obj else fields

    @admin.display(description=_("comment"))
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.body).chars(80)

    def save_model(self, request, obj, form, change):
        # Status changes go through the actions (counts, cache); a text edit
        # re-renders on save and must reach readers of cached pages too.
        super().save_model(request, obj, form, change)
        changed(dependencies.discussion(obj.post_id))
