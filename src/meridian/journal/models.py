"""Articles, static pages, categories and tags."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from meridian.core.rendering import (
    TOC_MIN_HEADINGS,
    excerpt,
    reading_minutes,
    render_article,
)


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("journal:category", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("journal:tag", kwargs={"slug": self.slug})


def author_url(person) -> str:
    """Return the address of a person's articles (accounts knows no journal URL)."""
    return reverse("journal:author", kwargs={"username": person.username})


class PostQuerySet(models.QuerySet):
    def published(self) -> "PostQuerySet":
        """Return the posts a reader may see: published and not in the future."""
        return self.filter(
            status=Post.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def for_listing(self) -> "PostQuerySet":
        """Return published posts with what an index entry shows, newest first."""
        return (
            self.published()
            .select_related("author", "category")
            .defer("body", "body_html", "body_text", "toc")
            .order_by("-published_at", "-id")
        )

    def authors(self):
        """Return the people with at least one article readers may see."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            pk__in=self.published().values("author_id")
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
    def has_toc(self) -> bool:
        """Return whether the text is long enough to open with its outline."""
        return len(self.toc) >= TOC_MIN_HEADINGS


class Post(Rendered):
    """A journal article."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, allow_unicode=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        _("publish date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A future date schedules the article."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "Shown on the index and in search results; taken from the body when empty."
        ),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("category"),
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="posts", verbose_name=_("tags")
    )
    image = models.ImageField(_("image"), upload_to="posts/%Y/%m/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    image_caption = models.CharField(_("image caption"), max_length=250, blank=True)
    reviewed_by = models.CharField(
        _("medically reviewed by"),
        max_length=150,
        blank=True,
        help_text=_('Name and credentials, e.g. "Dr. Ana Ruiz, MD".'),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_('One per line: "Title of the source | https://address".'),
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    comment_count = models.PositiveIntegerField(editable=False, default=0)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journal:post", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def excerpt(self) -> str:
        return self.summary or excerpt(self.lede)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @property
    def was_updated(self) -> bool:
        """Return whether the article changed a day or more after it was published."""
        return bool(
            self.published_at
            and (self.updated_at - self.published_at).total_seconds() > 86400
        )

    def source_list(self) -> list[tuple[str, str]]:
        """Return (title, url) pairs from the sources text; url may be empty."""
        items = []
        for line in self.sources.splitlines():
            title, _sep, url = line.partition("|")
            title, url = title.strip(), url.strip()
            if not url and title.startswith(("http://", "https://")):
                title, url = title, title
            if title:
                items.append(
                    (title, url if url.startswith(("http://", "https://")) else "")
                )
        return items


class Page(Rendered):
    """A static page: About, Contact, Privacy."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journal:page", kwargs={"slug": self.slug})
