"""Fixtures for the comment tests: confirmed readers, moderators, site rules."""

import re
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission

from meridian.comments.models import Comment
from meridian.journal.models import Post
from tests.factories import UserFactory
from tests.helpers import configure_site


def confirmed_reader(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def approved(post, author, body="Earlier words.", **kwargs):
    """Return a comment readers see, with the article's count kept right."""
    kwargs.setdefault("status", Comment.Status.APPROVED)
    comment = Comment.objects.create(post=post, author=author, body=body, **kwargs)
    Post.objects.filter(pk=post.pk).update(
        comment_count=Comment.objects.approved().filter(post=post).count()
    )
    return comment


_INPUT = re.compile(r"<input\b[^>]*>")
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def form_fields(html: str, form_id: str = "comment-form") -> dict[str, str]:
    """Return the comment form's named inputs in a page, as a browser sends them."""
    start = html.index(f'id="{form_id}"')
    form = html[start : html.index("</form>", start)]
    fields = {}
    for tag in _INPUT.findall(form):
        attrs = dict(_ATTR.findall(tag))
        if "name" in attrs and attrs.get("type") not in ("checkbox", "submit"):
            fields[attrs["name"]] = unescape(attrs.get("value", ""))
    return fields


@pytest.fixture
def site(db):
    # Tests post the form at once; the fill-time rule has its own tests.
    return configure_site(comment_min_seconds=0, staff_require_2fa=False)


@pytest.fixture
def reader(db):
    return confirmed_reader(display_name="Ada Reader")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def moderator(db):
    user = UserFactory(display_name="Mo Derator", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    return user


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Post a comment form as a browser would, running what follows the commit."""

    def send(client, post, body="A thoughtful comment.", **extra):
        page = client.get(post.get_absolute_url()).content.decode()
        data = form_fields(page) | {"body": body} | extra
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/comments/post/{post.pk}/", data)

    return send
