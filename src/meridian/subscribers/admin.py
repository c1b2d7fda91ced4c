"""The subscriber list, its growth and the send log for administrators; CSV."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import importing, stats
from .models import Mailing, Subscriber


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One address per line, or a column headed “email”. Addresses already "
            "on the list are left as they are."
        ),
    )
    already_confirmed = forms.BooleanField(
        label=_("These people have already confirmed that they want our emails"),
        required=False,
        help_text=_(
            "Leave unticked and each new address is sent a confirmation link; "
            "nothing else is sent to it until it is followed."
        ),
    )
    consent_note = forms.CharField(
        label=_("How and when they confirmed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded on each imported subscriber, e.g. “Double opt-in on our old "
            "mailing list service, 2019–2025”."
        ),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if (
            data.get("already_confirmed")
            and not (data.get("consent_note") or "").strip()
        ):
            self.add_error(
                "consent_note", _("Say how these people confirmed; it is recorded.")
            )
        return data


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed_at", "frequency", "all_categories", "source"]
    list_filter = ["frequency", "source", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    date_hierarchy = "requested_at"
    readonly_fields = ["requested_at", "confirmed_at", "source", "consent_note", "user"]
    fields = [
        "email",
        "frequency",
        "all_categories",
        "categories",
        "user",
        "source",
        "consent_note",
        "requested_at",
        "confirmed_at",
    ]
    filter_horizontal = ["categories"]
    list_per_page = 100
    show_full_result_count = False

    def get_urls(self):
        own = [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="subscribers_subscriber_export",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="subscribers_subscriber_import",
            ),
        ]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra = {"counts": stats.counts(), "growth": stats.weekly_growth()}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def export_view(self, request: HttpRequest) -> HttpResponseBase:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        name = f"subscribers-{timezone.localdate():%Y-%m-%d}.csv"
        response = StreamingHttpResponse(
            importing.export_rows(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def has_add_permission(self, request) -> bool:
        return False  # one by one would skip the confirmation: import instead

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("subscribers.add_subscriber"):
            return HttpResponse(status=403)
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = importing.import_subscribers(
                form.cleaned_data["file"],
                confirmed=form.cleaned_data["already_confirmed"],
                consent_note=form.cleaned_data["consent_note"].strip(),
                by=request.user,
            )
            if not report.bad and report.stopped_at is None:
                messages.success(
                    request,
                    _("%(created)d added, %(existing)d already on the list.")
                    % {"created": report.created, "existing": report.existing},
                )
                return redirect("admin:subscribers_subscriber_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import subscribers"),
            "form": form,
            "report": report,
            "max_rows": importing.MAX_ROWS,
        }
        return TemplateResponse(
            request, "admin/subscribers/subscriber/import.html", context
        )


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    """The send log: each mailing with its queued, sent and failed counts."""

    list_display = [
        "__str__",
        "status",
        "created_at",
        "finished_at",
        "queued",
        "sent",
        "failed",
    ]
    list_filter = ["kind", "status"]
    readonly_fields = [
        "kind",
        "post",
        "period_start",
        "period_end",
        "status",
        "created_by",
        "created_at",
        "finished_at",
    ]
    exclude = ["recipients_listed", "heartbeat_at", "next_batch_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().select_related("post")

    def has_add_permission(self, request) -> bool:
        return False  # mailings start from the article's email page

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("queued"), ordering="queued_count")
    def queued(self, obj) -> int:
        return obj.queued_count

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, obj) -> int:
        return obj.sent_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, obj) -> int:
        return obj.failed_count
