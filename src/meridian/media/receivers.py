"""Stored files follow their rows: deleted once the deletion commits."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .library import delete_files_on_commit
from .models import Image, Rendition


@receiver(post_delete, sender=Image)
@receiver(post_delete, sender=Rendition)
def delete_stored_file(sender, instance, **kwargs) -> None:
    delete_files_on_commit([instance.file.name])
