"""Keep the article's comment count when a comment row is deleted."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .actions import shift_comment_count
from .models import Comment


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance: Comment, **kwargs) -> None:
    shift_comment_count(instance.post_id, -1 if instance.is_public else 0)
