"""Forget cached pages whenever what readers see changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from meridian.core.caching import invalidate_pages

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
