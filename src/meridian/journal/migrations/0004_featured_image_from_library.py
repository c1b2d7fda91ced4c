"""Featured images become library images, cleaned like every upload.

Each existing upload is checked and re-encoded by the media app (upright,
sRGB, no EXIF or GPS), stored under a generated name with its description
and caption, and the old file is deleted once the migration commits, so it
stops being served. Renditions follow through the task layer (the media
app enqueues the missing ones after `migrate`).
"""

import logging
from pathlib import PurePosixPath

import django.db.models.deletion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, models, transaction

logger = logging.getLogger("meridian.journal")


def move_into_library(apps, schema_editor):
    from meridian.media.models import new_key
    from meridian.media.processing import clean_image
    from meridian.media.validation import ImageRejected, inspect_upload

    Post = apps.get_model("journal", "Post")
    Image = apps.get_model("media", "Image")
    moved = []
    for post in Post.objects.exclude(image="").exclude(image__isnull=True).iterator():
        name = post.image.name
        try:
            with default_storage.open(name, "rb") as source:
                cleaned = clean_image(source, inspect_upload(source))
        except (OSError, ImageRejected) as error:
            logger.warning("Left out the image %s of post %s: %s", name, post.pk, error)
            continue
        image = Image(
            key=new_key(),
            format=cleaned.format,
            width=cleaned.width,
            height=cleaned.height,
            animated=cleaned.animated,
            file_size=len(cleaned.content),
            original_name=PurePosixPath(name).name[:255],
            alt=post.image_alt,
            caption=post.image_caption,
            uploaded_by_id=post.author_id,
        )
        image.file.save(
            f"upload.{cleaned.extension}", ContentFile(cleaned.content), save=False
        )
        image.save()
        Post.objects.filter(pk=post.pk).update(featured_image=image)
        moved.append(name)

    def delete_old_files():
        for name in moved:
            default_storage.delete(name)

    transaction.on_commit(delete_old_files)


def back_to_uploads(apps, schema_editor):
    Post = apps.get_model("journal", "Post")
    for post in Post.objects.exclude(featured_image=None).select_related(
        "featured_image"
    ):
        Post.objects.filter(pk=post.pk).update(
            image=post.featured_image.file.name,
            image_alt=post.featured_image.alt[:250],
            image_caption=post.featured_image.caption[:250],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_workflow_revisions_redirects"),
        ("media", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="featured_image",
            field=models.ForeignKey(
                blank=True,
                help_text="From the media library: shown above the article, on index cards and when the article is shared.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="media.image",
                verbose_name="featured image",
            ),
        ),
        migrations.RunPython(move_into_library, back_to_uploads),
        migrations.RemoveField(model_name="post", name="image"),
        migrations.RemoveField(model_name="post", name="image_alt"),
        migrations.RemoveField(model_name="post", name="image_caption"),
    ]
