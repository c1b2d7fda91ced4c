"""Static pages: About, Contact, Privacy."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .rendered import Rendered


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        """Return the pages a reader may see."""
        return self.filter(published=True)


class Page(Rendered):
    """A static page: About, Contact, Privacy."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking, as for articles (Post.version).
    version = models.PositiveIntegerField(editable=False, default=1)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journal:page", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """Refuse to publish pictures that have no alt text."""
        super().clean()
        if self.published:
            from ..images import check_alt_text

            check_alt_text(self)
