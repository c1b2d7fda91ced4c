"""The live preview: the article as readers will see it, from unsaved text.

The text goes through the article's own rendering (Post.rendered_fields, the
Markdown and sanitizing pipeline of core) and the article's own template
(journal/includes/article.html), on a copy that is never saved.
"""

import copy
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from meridian.core.rendering import reading_minutes
from meridian.journal.models import Page, Post

from .editing import Draft

IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]*)\"", re.IGNORECASE)


@dataclass
class Preview:
    html: str
    words: int
    minutes: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class PreviewNeighbours:
    """The tags of the text being written; no neighbours yet."""

    tags: list = field(default_factory=list)


def foreign_images(body_html: str, request: HttpRequest) -> list[str]:
    """Return image addresses on other hosts, which the site's CSP blocks."""
    own = {request.get_host().lower(), urlsplit(settings.SITE_URL).netloc.lower()}
    found = []
    for src in IMG_SRC.findall(body_html):
        parts = urlsplit(src.replace("&amp;", "&"))
        if parts.netloc and parts.netloc.lower() not in own and src not in found:
            found.append(src)
    return found


def preview_post(post: Post, draft: Draft) -> Post:
    """Return an unsaved copy of the article carrying the typed text."""
    copy_ = copy.copy(post)
    copy_.title = draft.title
    copy_.body = draft.body
    copy_.summary = str(draft.fields.get("summary", post.summary))
    copy_.sources = str(draft.fields.get("sources", post.sources))
    copy_.image_caption = str(draft.fields.get("image_caption", post.image_caption))
    copy_.image_alt = str(draft.fields.get("image_alt", post.image_alt))
    copy_.reviewed_by = str(draft.fields.get("reviewed_by", post.reviewed_by))
    for name, value in copy_.rendered_fields().items():
        setattr(copy_, name, value)
    return copy_


def render_preview(request: HttpRequest, post: Post, draft: Draft) -> Preview:
    shown = preview_post(post, draft)
    html = render_to_string(
        "studio/includes/preview.html",
        {"post": shown, "neighbours": PreviewNeighbours()},
        request=request,
    )
    warnings = [
        _(
            "The image at %(address)s is on another site: readers' browsers will "
            "not show it (the site only shows its own images). Upload it to the "
            "media library and use that address instead."
        )
        % {"address": src}
        for src in foreign_images(shown.body_html, request)
    ]
    return Preview(
        html=html,
        words=shown.word_count,
        minutes=reading_minutes(shown.word_count),
        warnings=warnings,
    )


def render_page_preview(request: HttpRequest, page: Page, draft: Draft) -> Preview:
    shown = copy.copy(page)
    shown.title, shown.body = draft.title, draft.body
    for name, value in shown.rendered_fields().items():
        setattr(shown, name, value)
    html = render_to_string(
        "studio/includes/page_preview.html", {"page": shown}, request=request
    )
    return Preview(
        html=html,
        words=shown.word_count,
        minutes=reading_minutes(shown.word_count),
        warnings=[
            _("The image at %(address)s is on another site: readers will not see it.")
            % {"address": src}
            for src in foreign_images(shown.body_html, request)
        ],
    )
