"""Forget the cached pages that show what changed; keep moved addresses; load
the demo when a new site is set up."""

from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from meridian.core.dependencies import changed
from meridian.core.signals import site_set_up

from . import dependencies
from .models import Category, Page, Post, Tag
from .redirects import remember_move

# Sent with sender=Post or Page and pks=[...] when bodies are rendered again
# without a save (a library image changed): no post_save is sent, since the
# article was not edited, yet what it shows (text, captions) may have changed.
bodies_rendered = Signal()
# Sent with sender=Post, post, person and choices (the publishing form's
# data) when a person publishes or schedules an article from a form, inside
# the same transaction: other apps act on their own fields of that form (the
# subscribers app: "Email this article to subscribers").
published_by = Signal()


@receiver(post_save, sender=Post)
@receiver(post_delete, sender=Post)
def post_changed(instance: Post, **kwargs) -> None:
    if not _shown(instance, instance.is_public):
        # A draft or a scheduled article, saved again: no public list shows it
        # (a scheduled one appears within PAGE_TIMEOUT of its time).
        changed(dependencies.post(instance.pk))
        return
    # Its page, and every list it may be in (neighbours and feeds included):
    # a title, a date or a status shows in all of them.
    changed(dependencies.post(instance.pk), dependencies.LISTINGS)


@receiver(m2m_changed, sender=Post.tags.through)
def post_tags_changed(instance, reverse: bool, pk_set, **kwargs) -> None:
    posts = (pk_set or ()) if reverse else (instance.pk,)
    changed(dependencies.LISTINGS, *(dependencies.post(pk) for pk in posts))


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def page_changed(instance: Page, **kwargs) -> None:
    if not _shown(instance, instance.published):
        changed(dependencies.page(instance.pk))  # a draft page, saved again
        return
    changed(dependencies.page(instance.pk), dependencies.PAGES)


def _shown(instance: Post | Page, now: bool) -> bool:
    """Return whether readers saw the article or page before this change or see it now.

    A deletion, or a save without note_old_address's reading, counts as shown.
    """
    return now or getattr(instance, "_was_public", True)


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def vocabulary_changed(**kwargs) -> None:
    changed(dependencies.LISTINGS)


def _was_public(sender, row: dict) -> bool:
    if sender is Page:
        return row["published"]
    post = Post(status=row["status"], published_at=row["published_at"])
    return post.is_public


@receiver(pre_save, sender=Post)
@receiver(pre_save, sender=Page)
def note_old_address(sender, instance, raw: bool = False, **kwargs) -> None:
    """Remember where a published article or page was, in case its slug changes."""
    instance._old_address = None
    instance._was_public = False  # read below; post_changed/page_changed use it
    if raw or instance.pk is None:
        return
    fields = (
        ["slug", "published"] if sender is Page else ["slug", "status", "published_at"]
    )
    row = sender.objects.filter(pk=instance.pk).values(*fields).first()
    instance._was_public = bool(row) and _was_public(sender, row)
    if row and row["slug"] != instance.slug and instance._was_public:
        instance._old_address = sender(slug=row["slug"]).get_absolute_url()


@receiver(post_save, sender=Post)
@receiver(post_save, sender=Page)
def redirect_old_address(sender, instance, **kwargs) -> None:
    """Answer a published article's or page's old address with a 301."""
    old = getattr(instance, "_old_address", None)
    if old:
        remember_move(old, instance.get_absolute_url())
        instance._old_address = None


@receiver(site_set_up)
def load_demo_on_setup(sender, *, demo: bool, local: bool, stdout, **kwargs) -> None:
    """Give a new site the demo journal, unless `meridian setup --no-demo`."""
    if demo:
        call_command("demo", if_empty=True, local=local, stdout=stdout)
