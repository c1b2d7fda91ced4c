import pytest

from tests.factories import PostFactory


@pytest.fixture
def indexed(db, django_capture_on_commit_callbacks):
    """Run the index updates that a commit would run, for what the block does."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def article(indexed):
    """Create a published article and index it, as a committed save would."""

    def create(**fields):
        tags = fields.pop("tags", [])
        with indexed():
            post = PostFactory(**fields)
            if tags:
                post.tags.add(*tags)
        return post

    return create
