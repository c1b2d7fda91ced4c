"""What the importer remembers of each WordPress site, so a second run updates.

Every row ties one WordPress object (by its ID within a source site) to what it
became here, with a digest of what it was, so an unchanged item is skipped fast.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """A WordPress site that was imported, known by its address."""

    url = models.CharField(_("address"), max_length=500, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    first_imported_at = models.DateTimeField(auto_now_add=True)
    last_imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("WordPress site")
        verbose_name_plural = _("WordPress sites")

    def __str__(self) -> str:
        return self.title or self.url


class ImportedAuthor(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE)
    login = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    wp_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "login"], name="wordpress_author_once"
            )
        ]

    def __str__(self) -> str:
        return self.login


class ImportedTerm(models.Model):
    """A category or tag; the hierarchy of categories is kept here for export."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE)
    taxonomy = models.CharField(max_length=32)
    slug = models.CharField(max_length=200)
    wp_id = models.BigIntegerField(null=True, blank=True)
    parent_slug = models.CharField(max_length=200, blank=True)
    category = models.ForeignKey(
        "journal.Category", on_delete=models.CASCADE, null=True, related_name="+"
    )
    tag = models.ForeignKey(
        "journal.Tag", on_delete=models.CASCADE, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "taxonomy", "slug"], name="wordpress_term_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy}:{self.slug}"


class ImportedPost(models.Model):
    """A post or page (or attachment), keyed on its WordPress ID, GUID kept."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE)
    wp_id = models.BigIntegerField()
    guid = models.CharField(max_length=500, blank=True, db_index=True)
    post_type = models.CharField(max_length=40)
    digest = models.CharField(max_length=32)
    sticky = models.BooleanField(default=False)
    post = models.OneToOneField(
        "journal.Post", on_delete=models.CASCADE, null=True, related_name="+"
    )
    page = models.OneToOneField(
        "journal.Page", on_delete=models.CASCADE, null=True, related_name="+"
    )
    image = models.ForeignKey(
        "media.Image", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "wp_id"], name="wordpress_post_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post_type} {self.wp_id}"


class ImportedComment(models.Model):
    """A comment; the guest's web address lives here (comments have no field)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE)
    wp_id = models.BigIntegerField()
    digest = models.CharField(max_length=32)
    comment = models.OneToOneField(
        "comments.Comment", on_delete=models.CASCADE, related_name="+"
    )
    author_url = models.URLField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "wp_id"], name="wordpress_comment_once"
            )
        ]

    def __str__(self) -> str:
        return f"comment {self.wp_id}"


class ImportRun(models.Model):
    """An export file uploaded in the Studio, imported by the task worker."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Refused")

    file_name = models.CharField(_("file"), max_length=255)
    # Under the data dir, never in media storage: an export holds commenters'
    # email addresses. Emptied once the import has read it.
    stored_path = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    items_done = models.PositiveIntegerField(default=0)
    items_total = models.PositiveIntegerField(default=0)
    # The summary table the command prints, or why the file was refused.
    summary = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("wordpress:run", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if not self.items_total:
            return 0
        return min(100, self.items_done * 100 // self.items_total)
