"""Load the demo journal through the real publishing code; safe to run twice."""

import io
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify

from meridian.accounts.models import User
from meridian.media.library import add_image
from meridian.media.models import Image
from meridian.media.processing import clean_image
from meridian.media.validation import inspect_upload

from . import demo_content as content
from .models import Category, Page, Post, Tag
from .publishing import publish_post

STAFF_USERNAME = "admin"

# Sent once the demo journal exists, so other apps (comments) can add their own
# demo content without the journal knowing them. Receivers get `authors`, and
# may return lines for the person loading the demo (how to sign in, say).
demo_loaded = Signal()


@dataclass
class DemoReport:
    created_posts: int = 0
    staff_password: str | None = None
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _person(username: str, email: str, **fields) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, **fields}
    )
    if created:
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _illustration() -> ContentFile:
    """Draw a calm abstract image, so the demo ships no binary files."""
    from PIL import Image, ImageDraw

    width, height = 1200, 630
    image = Image.new("RGB", (width, height), (31, 111, 92))
    draw = ImageDraw.Draw(image)
    for step in range(0, height, 6):
        shade = 92 + step * 90 // height
        draw.rectangle(
            [0, step, width, step + 6], fill=(31, 111 + step * 60 // height, shade)
        )
    for radius, colour in (
        (260, (232, 241, 237)),
        (180, (166, 227, 209)),
        (90, (251, 250, 247)),
    ):
        draw.ellipse(
            [820 - radius, 315 - radius, 820 + radius, 315 + radius],
            outline=colour,
            width=6,
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue(), name="first-visit.jpg")


def _library_illustration(uploader) -> Image:
    """Put the demo's illustration in the library, through the real upload path."""
    upload = _illustration()
    cleaned = clean_image(upload, inspect_upload(upload))
    return add_image(
        cleaned,
        uploaded_name="first-visit.jpg",
        alt="Soft green circles on a deep green background",
        caption="Most of a first visit is a conversation.",
        uploaded_by=uploader,
    )


def _article(
    spec: dict, authors: dict, categories: dict, tags: dict
) -> tuple[Post, bool]:
    post, created = Post.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "title": spec["title"],
            "author": authors[spec["author"]],
            "category": categories[spec["category"]],
            "body": spec["body"].strip() + "\n",
            "reviewed_by": spec.get("reviewed_by", ""),
            "sources": spec.get("sources", ""),
        },
    )
    if created:
        post.tags.set(tags[name] for name in spec["tags"])
    return post, created


@transaction.atomic
def load_demo() -> DemoReport:
    """Create whichever demo authors, categories, tags, pages and posts are missing."""
    report = DemoReport()
    now = timezone.now()
    authors = {
        key: _person(
            spec["username"],
            spec["email"],
            display_name=spec["display_name"],
            credentials=spec["credentials"],
            bio=spec["bio"],
            is_staff=True,
        )
        for key, spec in content.AUTHORS.items()
    }
    categories = {
        key: Category.objects.get_or_create(
            slug=key, defaults={"name": name, "description": description}
        )[0]
        for key, (name, description) in content.CATEGORIES.items()
    }
    tags = {
        name: Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in content.TAGS
    }
    for slug, title, body in content.PAGES:
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body.strip()}
        )

    for spec in content.ARTICLES:
        post, created = _article(spec, authors, categories, tags)
        if not created:
            report.skipped.append(post.slug)
            continue
        if spec.get("reviewed_days_ago") is not None:
            post.last_reviewed = (
                now - timedelta(days=spec["reviewed_days_ago"])
            ).date()
        if spec.get("image"):
            post.featured_image = _library_illustration(post.author)
        publish_post(post, at=now - timedelta(days=spec["days_ago"], hours=2))
        # Written on the day it was published, not "updated" when the demo loads.
        Post.objects.filter(pk=post.pk).update(
            updated_at=post.published_at, body_changed_at=post.published_at
        )
        report.created_posts += 1

    _draft, created = _article(content.DRAFT, authors, categories, tags)
    report.created_posts += created
    scheduled, created = _article(content.SCHEDULED, authors, categories, tags)
    if created:
        publish_post(
            scheduled, at=now + timedelta(days=content.SCHEDULED["days_ahead"])
        )
        report.created_posts += 1

    if not User.objects.filter(is_superuser=True).exists():
        password = secrets.token_urlsafe(12)
        staff = User.objects.create_superuser(
            STAFF_USERNAME, "admin@example.org", password, display_name="Clinic Admin"
        )
        EmailAddress.objects.get_or_create(
            user=staff, email=staff.email, defaults={"verified": True, "primary": True}
        )
        report.staff_password = password
    for _receiver, lines in demo_loaded.send(sender=load_demo, authors=authors):
        if isinstance(lines, list):
            report.notes.extend(str(line) for line in lines)
    return report
