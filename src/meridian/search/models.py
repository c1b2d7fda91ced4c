"""The search index: one row per published article or page.

The rows copy what is searched (title, tag names, summary, body text), so the
full-text index can be rebuilt from them and snippets cut from them. The
full-text structures themselves are made by migrations, per database: an FTS5
table kept in sync by triggers on SQLite, a generated weighted `tsvector`
column with a GIN index on PostgreSQL (see backends/). A later migration that
makes SQLite rebuild this table drops its triggers: create them again
(backends/sqlite_fts5.py, TRIGGERS) and run `meridian search-rebuild`.

The small columns come first in the table (migration 0001): SQLite reads a
row's columns in order, and filtering must not wait behind a long body.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentQuerySet(models.QuerySet):
    def visible(self, now=None) -> "DocumentQuerySet":
        """Return the documents readers may find now (scheduled ones once due)."""
        now = now or timezone.now()
        return self.filter(
            models.Q(published_at__isnull=True) | models.Q(published_at__lte=now)
        )


class Document(models.Model):
    class Kind(models.TextChoices):
        POST = "post", _("Article")
        PAGE = "page", _("Page")

    kind = models.CharField(max_length=4, choices=Kind.choices)
    # Empty for pages, which have no date; articles scheduled for later stay
    # in the index and are found once this moment has passed.
    published_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    category = models.ForeignKey(
        "journal.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Deleting the article or page deletes its row in the same transaction.
    post = models.OneToOneField(
        "journal.Post",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.OneToOneField(
        "journal.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(max_length=500)
    title = models.TextField()
    tags = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, page__isnull=True)
                | models.Q(post__isnull=True, page__isnull=False),
                name="search_document_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.title
