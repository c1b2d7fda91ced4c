"""The image library: each picture once, with its renditions."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    """Return a fresh public key: stable for an image across file replacements."""
    return secrets.token_urlsafe(9)


def original_name(instance: "Image", filename: str) -> str:
    """Return a generated storage name: never the uploaded name (paths, NUL, ...)."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"images/{timezone.now():%Y/%m}/{secrets.token_hex(10)}{extension}"


def rendition_name(instance: "Rendition", filename: str) -> str:
    """Return renditions/<yyyy>/<mm>/<stem of the original>-<width>.<ext>."""
    source = PurePosixPath(instance.image.file.name)
    folder = PurePosixPath(*source.parent.parts[1:]) if source.parent.parts else ""
    extension = PurePosixPath(filename).suffix.lower()
    return f"renditions/{folder}/{source.stem}-{instance.width}{extension}"


class ImageQuerySet(models.QuerySet):
    def search(self, query: str) -> "ImageQuerySet":
        """Return images whose alt text, caption, credit or file name hold `query`."""
        query = query.strip()
        if not query:
            return self
        return self.filter(
            Q(alt__icontains=query)
            | Q(caption__icontains=query)
            | Q(credit__icontains=query)
            | Q(original_name__icontains=query)
        )

    def without_alt(self) -> "ImageQuerySet":
        """Return images that cannot be inserted or published yet."""
        return self.filter(alt="")

    def for_display(self) -> "ImageQuerySet":
        """Return images with their renditions, ready for <picture> markup."""
        return self.prefetch_related("renditions")


class Image(models.Model):
    """A picture in the library, cleaned of metadata, with text for readers."""

    key = models.CharField(max_length=16, unique=True, default=new_key, editable=False)
    file = models.FileField(_("file"), upload_to=original_name, max_length=200)
    format = models.CharField(max_length=8, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    animated = models.BooleanField(default=False, editable=False)
    file_size = models.PositiveIntegerField(default=0, editable=False)
    original_name = models.CharField(_("uploaded as"), max_length=255, blank=True)
    alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it. Required "
            "before the picture can be inserted into an article or published."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Who made the picture, if they should be named."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt or self.original_name or self.key

    def get_absolute_url(self) -> str:
        return reverse("media:detail", kwargs={"pk": self.pk})

    @property
    def reference_url(self) -> str:
        """Return the address Markdown uses for this image (stable across files)."""
        return f"{settings.MEDIA_URL}library/{self.key}"

    @property
    def markdown(self) -> str:
        """Return the Markdown that inserts this image into an article."""
        alt = self.alt.replace("[", "(").replace("]", ")")
        title = self.caption.replace('"', "”")
        suffix = f' "{title}"' if title else ""
        return f"![{alt}]({self.reference_url}{suffix})"

    @property
    def content_type(self) -> str:
        from .processing import CONTENT_TYPES

        return CONTENT_TYPES.get(self.format, "application/octet-stream")


class Rendition(models.Model):
    """One smaller copy of an image, in one format, made in the background."""

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="renditions"
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=8)
    file = models.FileField(upload_to=rendition_name, max_length=200)
    file_size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["width", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width", "format"], name="one_rendition_per_size"
            )
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.width}w {self.format}"
