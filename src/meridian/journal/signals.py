"""Forget cached pages whenever what readers see changes; load the demo on setup."""

from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from meridian.core.caching import invalidate_pages
from meridian.core.signals import site_set_up

from .models import Category, Page, Post, Tag


@receiver(post_save, sender=Post)
@receiver(post_delete, sender=Post)
@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@receiver(m2m_changed, sender=Post.tags.through)
def content_changed(**kwargs) -> None:
    invalidate_pages()


@receiver(site_set_up)
def load_demo_on_setup(sender, *, demo: bool, local: bool, stdout, **kwargs) -> None:
    """Give a new site the demo journal, unless `meridian setup --no-demo`."""
    if demo:
        call_command("demo", if_empty=True, local=local, stdout=stdout)
