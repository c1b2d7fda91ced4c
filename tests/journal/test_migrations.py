"""Featured images uploaded before the library move into it, cleaned."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.media import pictures

BEFORE = [("journal", "0003_workflow_revisions_redirects"), ("media", "0001_initial")]
AFTER = [("journal", "0004_featured_image_from_library")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_old_featured_upload_becomes_a_clean_library_image():
    old_apps = migrate(BEFORE)
    try:
        User = old_apps.get_model("accounts", "User")
        Post = old_apps.get_model("journal", "Post")
        author = User.objects.create(username="mei", email="mei@example.org")
        old_name = default_storage.save(
            "posts/2026/01/IMG_0042.jpg", ContentFile(pictures.phone_photo())
        )
        Post.objects.create(
            title="Before the library",
            slug="before-the-library",
            author=author,
            image=old_name,
            image_alt="The room",
            image_caption="Morning",
        )
        Post.objects.create(title="No picture", slug="no-picture", author=author)

        new_apps = migrate(AFTER)
        Post = new_apps.get_model("journal", "Post")
        post = Post.objects.select_related("featured_image").get(
            slug="before-the-library"
        )
        image = post.featured_image
        assert (image.alt, image.caption) == ("The room", "Morning")
        assert image.original_name == "IMG_0042.jpg"
        assert image.file.name.startswith("images/")
        assert (image.width, image.height) == (400, 600)  # turned upright
        with default_storage.open(image.file.name) as stored:
            content = stored.read()
        assert all(secret not in content for secret in pictures.SECRETS)
        assert not default_storage.exists(old_name)  # no longer served
        assert Post.objects.get(slug="no-picture").featured_image is None
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
