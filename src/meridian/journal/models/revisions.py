"""Snapshots of what writers wrote: saved versions and each person's autosave."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import Page
from .posts import Post


class Snapshot(models.Model):
    """A snapshot of what a writer wrote: each save, and each person's unsaved work.

    A saved snapshot never changes. An autosave is one row per text and
    person, overwritten while they type; for a published text it holds the
    pending changes that readers do not see until someone presses Update.
    Articles keep theirs as Revision, pages as PageRevision.
    """

    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        AUTOSAVE = "autosave", _("Autosave")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.SAVED
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    # The other fields a writer edits (summary, filing, SEO, review, sources).
    fields = models.JSONField(_("other fields"), default=dict, blank=True)
    # The text's version this snapshot was taken from (autosave) or made (saved).
    version = models.PositiveIntegerField(_("version"), default=1)
    changed = models.JSONField(_("what changed"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class Revision(Snapshot):
    """A snapshot of an article."""

    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("article"),
    )

    class Meta(Snapshot.Meta):
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [models.Index(fields=["post", "kind", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "author"],
                condition=Q(kind="autosave"),
                name="journal_one_autosave_per_person",
            )
        ]


class PageRevision(Snapshot):
    """A snapshot of a page."""

    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("page"),
    )

    class Meta(Snapshot.Meta):
        verbose_name = _("page revision")
        verbose_name_plural = _("page revisions")
        indexes = [models.Index(fields=["page", "kind", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "author"],
                condition=Q(kind="autosave"),
                name="journal_one_page_autosave_per_person",
            )
        ]
