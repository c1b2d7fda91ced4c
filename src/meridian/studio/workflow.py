"""Draft → In review → Scheduled → Published, and back: who may move an article.

Each step checks the person first (check_…), then moves the article through
journal's publishing functions, so the Studio, the admin and the demo share
one way to publish. Scheduling is publishing with a future date: readers see
the article from then on without any job to run (PostQuerySet.published()).
"""

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meridian.journal.models import Post
from meridian.journal.publishing import publish_post, unpublish_post
from meridian.journal.signals import published_by

from . import access
from .editing import record_revision

# The steps the writing screen offers, by the name of their button.
STEPS = ("submit", "publish", "schedule", "unpublish")


class StepRefused(Exception):
    """A step that does not apply to the article as it is."""


def check_step(person, post: Post, step: str) -> None:
    """Raise PermissionDenied or StepRefused unless the person may take the step."""
    if not access.may_edit(person, post):
        raise PermissionDenied
    if step == "submit":
        if post.status != Post.Status.DRAFT:
            raise StepRefused(_("Only a draft can be submitted for review."))
        return
    if not access.may_publish(person):
        raise PermissionDenied
    if step == "unpublish" and post.status == Post.Status.DRAFT:
        raise StepRefused(_("This article is not published."))


def _publish(post: Post, at: datetime) -> None:
    try:
        publish_post(post, at=at)
    except ValidationError as refusal:
        # Alt text missing: the journal refuses, the writer reads why.
        raise StepRefused(" ".join(refusal.messages)) from None


def _bump(post: Post) -> None:
    Post.objects.filter(pk=post.pk).update(version=F("version") + 1)
    post.refresh_from_db(fields=["version"])


@transaction.atomic
def submit_for_review(person, post: Post) -> Post:
    check_step(person, post, "submit")
    post.status = Post.Status.REVIEW
    post.save(update_fields=["status", "updated_at"])
    _bump(post)
    record_revision(post, person, note=_("Submitted for review"))
    return post


@transaction.atomic
def publish_now(person, post: Post, choices: Mapping | None = None) -> Post:
    check_step(person, post, "publish")
    _publish(post, timezone.now())
    _bump(post)
    record_revision(post, person, note=_("Published"))
    published_by.send(Post, post=post, person=person, choices=choices or {})
    return post


@transaction.atomic
def schedule(
    person, post: Post, when: datetime, choices: Mapping | None = None
) -> Post:
    check_step(person, post, "schedule")
    if when <= timezone.now():
        raise StepRefused(_("Choose a moment in the future to schedule."))
    _publish(post, when)
    _bump(post)
    record_revision(post, person, note=_("Scheduled"))
    published_by.send(Post, post=post, person=person, choices=choices or {})
    return post


@transaction.atomic
def unpublish(person, post: Post) -> Post:
    """Take an article back to draft; readers no longer see it."""
    check_step(person, post, "unpublish")
    unpublish_post(post)
    _bump(post)
    record_revision(post, person, note=_("Unpublished"))
    return post
