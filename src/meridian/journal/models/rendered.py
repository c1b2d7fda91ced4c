"""What articles and pages share: Markdown rendered once, on save."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from meridian.core.rendering import (
    TOC_MIN_HEADINGS,
    reading_minutes,
    render_article,
)


class Rendered(models.Model):
    """Markdown source with its HTML, text and outline computed on save."""

    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    body_text = models.TextField(editable=False, blank=True)
    toc = models.JSONField(editable=False, default=list, blank=True)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    lede = models.TextField(editable=False, blank=True)

    # Fields of the concrete models that save() fills in.
    title: str
    slug: str

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        for name, value in self.rendered_fields().items():
            setattr(self, name, value)
        if not getattr(self, "slug", True):
            self.slug = slugify(self.title, allow_unicode=True)[:200] or "untitled"
        super().save(*args, **kwargs)

    def rendered_fields(self) -> dict:
        """Return the fields computed from the Markdown body, freshly rendered."""
        rendered = render_article(self.body)
        return {
            "body_html": rendered.html,
            "body_text": rendered.text,
            "word_count": rendered.word_count,
            "lede": rendered.lede,
            "toc": [
                {"level": h.level, "anchor": h.anchor, "text": h.text}
                for h in rendered.toc
            ],
        }

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @property
    def has_toc(self) -> bool:
        """Return whether the text is long enough to open with its outline."""
        return len(self.toc) >= TOC_MIN_HEADINGS
