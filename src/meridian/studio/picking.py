"""Choosing pictures from the media library for the text being written.

Without JavaScript, the writing form goes into the writer's autosave before
the picker opens as a page of its own; the choice is then written into that
autosave, so the writing screen opens again with every typed word and the
picture in place. With JavaScript the same picker opens in a dialog and the
script inserts the picture at the cursor; only the alt text, when a picture
still lacks it, goes to the server.
"""

from dataclasses import replace

from django.utils.translation import gettext as _

from meridian.media import library
from meridian.media.models import Image

from .editing import Draft

# Where a chosen picture goes: into the text, or above the article.
BODY, FEATURED = "body", "featured"
TARGETS = (BODY, FEATURED)


class PickRefused(Exception):
    """The picture cannot be used as it is (no alt text given)."""


def target_from(value: str | None) -> str:
    return value if value in TARGETS else BODY


def insert_markdown(body: str, markdown: str, at: int | None = None) -> str:
    """Return `body` with `markdown` as a paragraph of its own at `at` (the end)."""
    at = len(body) if at is None else max(0, min(at, len(body)))
    before, after = body[:at], body[at:]
    if not before or before.endswith("\n\n"):
        lead = ""
    else:
        lead = "\n" if before.endswith("\n") else "\n\n"
    if not after:
        trail = "\n"
    elif after.startswith("\n\n"):
        trail = ""
    else:
        trail = "\n" if after.startswith("\n") else "\n\n"
    return f"{before}{lead}{markdown}{trail}{after}"


def ready_for_use(image: Image, typed_alt: str = "") -> Image:
    """Return the image with alt text, taking the typed one if it had none.

    Raise PickRefused when it has none and none was typed: a picture is never
    inserted without words for people who cannot see it.
    """
    if image.alt:
        return image
    alt = " ".join(typed_alt.split())[:250]
    if not alt:
        raise PickRefused(
            _(
                "Describe the picture first: its alt text is read to people who "
                "cannot see it, and a picture without it cannot be published."
            )
        )
    return library.update_details(
        image, alt=alt, caption=image.caption, credit=image.credit
    )


def with_choice(draft: Draft, image: Image, target: str) -> Draft:
    """Return the draft with the picture at the end of the text, or featured."""
    if target == FEATURED:
        return replace(draft, fields={**draft.fields, "featured_image": str(image.pk)})
    return replace(draft, body=insert_markdown(draft.body, image.markdown))


def without_featured(draft: Draft) -> Draft:
    return replace(draft, fields={**draft.fields, "featured_image": ""})
