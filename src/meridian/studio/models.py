"""What the Studio keeps of its own: the private preview links."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self) -> "PreviewLinkQuerySet":
        """Return the links that still open their article."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A signed, expiring, revocable link showing an unpublished article.

    For a reviewer without an account (the clinic's doctor, say); the page
    it opens is marked as a preview and kept out of search engines.
    """

    post = models.ForeignKey(
        "journal.Post",
        on_delete=models.CASCADE,
        related_name="preview_links",
        verbose_name=_("article"),
    )
    key = models.CharField(max_length=32, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"{self.post_id} until {self.expires_at:%Y-%m-%d %H:%M}"
