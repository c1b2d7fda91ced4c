"""Old addresses answered with a 301."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Redirect(models.Model):
    """An old address that now lives elsewhere: answered with a 301.

    Written when a published article or page changes its slug, and by the
    WordPress importer for the addresses of the old site.
    """

    old_path = models.CharField(
        _("old address"),
        max_length=1000,
        unique=True,
        help_text=_("A path on this site, with its query string if any: /?p=12"),
    )
    new_path = models.CharField(_("new address"), max_length=1000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self) -> str:
        return f"{self.old_path} → {self.new_path}"
