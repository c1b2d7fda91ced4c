"""Library images in articles and pages: where each is used, and fresh HTML.

The media library cannot import the journal; the journal tells it where an
image is used (media.usage) and listens for its changes (media.signals), so
articles show a changed caption, a new file or new renditions at once.
"""

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from meridian.core.dependencies import changed
from meridian.media import usage
from meridian.media.models import Image
from meridian.media.references import images_without_alt
from meridian.media.signals import image_changed

from . import dependencies
from .models import Page, Post
from .signals import bodies_rendered


def find_uses(image: Image) -> list[usage.Use]:
    """Return the articles and pages that show `image`."""
    uses = []
    for post in Post.objects.filter(featured_image=image).only("pk", "title", "slug"):
        uses.append(
            usage.Use(
                _("article"), post.title, post.get_absolute_url(), _("featured image")
            )
        )
    for post in Post.objects.filter(body__contains=image.reference_url).only(
        "pk", "title", "slug"
    ):
        uses.append(
            usage.Use(
                _("article"), post.title, post.get_absolute_url(), _("in the text")
            )
        )
    for page in Page.objects.filter(body__contains=image.reference_url).only(
        "pk", "title", "slug"
    ):
        uses.append(
            usage.Use(_("page"), page.title, page.get_absolute_url(), _("in the text"))
        )
    return uses


@receiver(image_changed)
def render_again(sender, reference_url: str, **kwargs) -> None:
    """Render again every body that shows the image, leaving `updated_at` alone.

    New renditions or a corrected caption are not an edit of the article:
    readers must not see "Updated" because of them.
    """
    tags = []
    for model, tag in ((Post, dependencies.post), (Page, dependencies.page)):
        pks = []
        for item in model.objects.filter(body__contains=reference_url).only(
            "pk", "body"
        ):
            model.objects.filter(pk=item.pk).update(**item.rendered_fields())
            pks.append(item.pk)
        if pks:
            bodies_rendered.send(sender=model, pks=pks)
            tags += [tag(pk) for pk in pks]
    if tags:
        # Again: pages rendered meanwhile had the old HTML. Feeds carry whole
        # bodies, so the lists change too.
        changed(dependencies.LISTINGS, dependencies.PAGES, *tags)


def check_alt_text(item: Post | Page) -> None:
    """Raise ValidationError if a picture the article or page shows has no alt text.

    Publishing calls it (journal.publishing) and so does Post.clean(), so the
    Studio, the admin and every other way to publish refuse alike.
    """
    errors = {}
    featured = getattr(item, "featured_image", None)
    if featured is not None and not featured.alt:
        errors["featured_image"] = _(
            "This picture has no alt text yet: add it in the media library first."
        )
    missing = images_without_alt(item.body)
    if missing:
        names = ", ".join(image.original_name or image.key for image in missing)
        errors["body"] = _(
            "These pictures need alt text before publishing: "
            "%(names)s. Write it in the Markdown, ![like this](...), or in the "
            "media library."
        ) % {"names": names}
    if errors:
        raise ValidationError(errors)


def register() -> None:
    usage.register_finder("journal", find_uses)
