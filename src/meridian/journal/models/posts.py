"""Articles: their fields, states and the querysets that name those states."""

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from meridian.core.rendering import excerpt

from .rendered import Rendered
from .taxonomy import Category, Tag

YEAR = re.compile(r"(1[5-9]|20)[0-9]{2}[a-z]?")


class Source(NamedTuple):
    """A numbered reference under an article."""

    title: str
    url: str = ""
    publisher: str = ""
    year: str = ""


def author_url(person) -> str:
    """Return the address of a person's articles (accounts knows no journal URL)."""
    return reverse("journal:author", kwargs={"username": person.username})


class PostQuerySet(models.QuerySet):
    def published(self) -> "PostQuerySet":
        """Return the posts a reader may see: published and not in the future."""
        return self.filter(
            status=Post.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def scheduled(self) -> "PostQuerySet":
        """Return the posts set to appear to readers at a future moment."""
        return self.filter(
            status=Post.Status.PUBLISHED, published_at__gt=timezone.now()
        )

    def drafts(self) -> "PostQuerySet":
        return self.filter(status=Post.Status.DRAFT)

    def in_review(self) -> "PostQuerySet":
        return self.filter(status=Post.Status.REVIEW)

    def review_due(self, months: int) -> "PostQuerySet":
        """Return published, medically reviewed posts whose review is due.

        Due when the review is older than `months`, or the words changed
        after it (or it was never dated).
        """
        today = timezone.localdate()
        total = today.year * 12 + today.month - 1 - months
        year, month = divmod(total, 12)
        day = min(today.day, 28)
        cutoff = today.replace(year=year, month=month + 1, day=day)
        return (
            self.filter(status=Post.Status.PUBLISHED)
            .exclude(reviewed_by="")
            .filter(
                Q(last_reviewed__isnull=True)
                | Q(last_reviewed__lt=cutoff)
                | Q(body_changed_at__date__gt=models.F("last_reviewed"))
            )
        )

    def for_listing(self) -> "PostQuerySet":
        """Return published posts with what an index entry shows, newest first."""
        return (
            self.published()
            .select_related("author", "category", "featured_image")
            .prefetch_related("featured_image__renditions")
            .defer("body", "body_html", "body_text", "toc")
            .order_by("-published_at", "-id")
        )

    def authors(self):
        """Return the people with at least one article readers may see."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            pk__in=self.published().values("author_id")
        )


class Post(Rendered):
    """A journal article."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        # Published with a future date is "scheduled": readers see it from
        # then on, without any job to run (PostQuerySet.published()).
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
    featured_image = models.ForeignKey(
        "media.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("featured image"),
        help_text=_(
            "From the media library: shown above the article, on index cards "
            "and when the article is shared."
        ),
    )
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
    seo_title = models.CharField(
        _("title for search engines"),
        max_length=200,
        blank=True,
        help_text=_("Shown in search results and browser tabs; the title if empty."),
    )
    seo_description = models.CharField(
        _("description for search engines"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the title in search results; the summary if empty."),
    )
    # Optimistic locking: every save through the Studio bumps it, and a save
    # based on an older number is refused instead of overwriting silently.
    version = models.PositiveIntegerField(editable=False, default=1)
    # When the words last changed: a medical review older than this is due.
    body_changed_at = models.DateTimeField(editable=False, null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "published_at"])]
        permissions = [
            ("publish_post", _("Can review, schedule, publish and unpublish articles")),
            ("edit_any_post", _("Can edit other people’s articles")),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        loaded = getattr(self, "_loaded", {})
        if self.body_changed_at is None or loaded.get("body", self.body) != self.body:
            self.body_changed_at = timezone.now()
        super().save(*args, **kwargs)
        self._loaded = {"body": self.body}

    def get_absolute_url(self) -> str:
        return reverse("journal:post", kwargs={"slug": self.slug})

    @staticmethod
    def addresses(slugs: Iterable[str]) -> Iterator[str]:
        """Yield the get_absolute_url() of articles with these slugs, in order.

        One reverse() for them all (a search-index rebuild asks for every
        article's): each slug is then quoted as reverse() quotes it.
        """
        marker = "slug"
        prefix, suffix = reverse("journal:post", kwargs={"slug": marker}).rsplit(
            marker, 1
        )
        for slug in slugs:
            yield prefix + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + suffix

    def clean(self) -> None:
        """Refuse to publish pictures that have no alt text."""
        super().clean()
        if self.status == self.Status.PUBLISHED:
            from ..images import check_alt_text

            check_alt_text(self)

    @classmethod
    def from_db(cls, db, field_names, values):
        post = super().from_db(db, field_names, values)
        # What the row held when read, so save() can tell what changed
        # (new words make a medical review due).
        post._loaded = dict(zip(field_names, values, strict=True))
        return post

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state(self) -> str:
        """Return draft, review, scheduled or published: where the post truly is."""
        if self.status == self.Status.PUBLISHED:
            return "scheduled" if self.is_scheduled else "published"
        return self.status

    @property
    def state_label(self) -> str:
        """Return the state as people read it, with the date of a scheduled post."""
        if self.is_scheduled:
            when = date_format(timezone.localtime(self.published_at), "DATETIME_FORMAT")
            return _("Scheduled for %(when)s") % {"when": when}
        return str(self.Status(self.status).label)

    @property
    def excerpt(self) -> str:
        return self.summary or excerpt(self.lede)

    @cached_property
    def description(self) -> str:
        """Return what search engines and shared links show under the title.

        Worked out once per instance: the article page reads it on every
        request, from the copy journal/lookups.py keeps with it worked out.
        """
        return self.seo_description or Truncator(self.excerpt).words(30, truncate=" …")

    @property
    def was_updated(self) -> bool:
        """Return whether the article changed a day or more after it was published."""
        return bool(
            self.published_at
            and (self.updated_at - self.published_at).total_seconds() > 86400
        )

    def source_list(self) -> list["Source"]:
        """Return the numbered references from the sources text.

        One per line, "Title | Publisher | Year | https://address"; publisher,
        year and address may be left out ("Title | https://address" too).
        """
        items = []
        for line in self.sources.splitlines():
            parts = [part.strip() for part in line.split("|")]
            url = next((p for p in parts if p.startswith(("http://", "https://"))), "")
            title, *others = [p for p in parts if p and p != url] or [url]
            year = next((p for p in others if YEAR.fullmatch(p)), "")
            publisher = next((p for p in others if p != year), "")
            if title:
                items.append(Source(title, url, publisher, year))
        return items
