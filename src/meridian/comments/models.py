"""Readers' comments on articles, threaded, with their moderation status."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from meridian.core.rendering import render_comment

EDIT_WINDOW_SECONDS = 15 * 60
IP_SALT = "meridian.comments.ip"


def new_token() -> str:
    return uuid.uuid4().hex


def hash_ip(ip: str) -> str:
    """Return a keyed hash of an IP address, so the address itself is never stored.

    Moderators can still see that two comments came from one address.
    """
    if not ip:
        return ""
    return salted_hmac(IP_SALT, ip, algorithm="sha256").hexdigest()[:24]


class CommentQuerySet(models.QuerySet):
    def approved(self) -> "CommentQuerySet":
        """Return the comments every reader sees."""
        return self.filter(status=Comment.Status.APPROVED)

    def awaiting_moderation(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.PENDING)

    def visible_to(self, viewer) -> "CommentQuerySet":
        """Return the comments `viewer` sees in a thread.

        Everyone sees approved comments and the "comment removed" places that
        keep a thread together; a signed-in writer also sees their own held
        comments.
        """
        Status = Comment.Status
        visible = models.Q(status__in=[Status.APPROVED, Status.REMOVED])
        if viewer is not None and viewer.is_authenticated:
            visible |= models.Q(status=Status.PENDING, author=viewer)
        return self.filter(visible)

    def for_thread(self) -> "CommentQuerySet":
        """Return comments with what a thread shows, oldest first."""
        return self.select_related("author").order_by("created_at", "id")


class Comment(models.Model):
    """One comment, or a reply to another comment on the same article."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    post = models.ForeignKey(
        "journal.Post",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # The top-level comment of the thread, so one query loads a whole thread.
    thread = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("author"),
    )
    guest_name = models.CharField(_("guest name"), max_length=100, blank=True)
    guest_email = models.EmailField(_("guest email"), blank=True)
    body = models.TextField(_("comment (Markdown)"))
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    held_reason = models.CharField(_("why it was held"), max_length=300, blank=True)
    # When the status last changed: a moderation link signed before then is
    # spent, even if the comment waits again later (an edit, the admin).
    status_changed_at = models.DateTimeField(
        _("status changed"), null=True, blank=True, editable=False
    )
    ip_hash = models.CharField(_("address fingerprint"), max_length=24, blank=True)
    notify_on_reply = models.BooleanField(_("email me replies"), default=False)
    # Sent with the form, so a double submit or a retried POST stores one comment.
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["post", "parent", "status"]),
            models.Index(fields=["post", "thread"]),
        ]
        permissions = [("moderate_comment", _("Can moderate comments"))]

    def __str__(self) -> str:
        return _("Comment %(id)s by %(name)s") % {"id": self.pk, "name": self.name}

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_comment(self.body)
        if self.parent_id and self.parent:
            self.thread_id = self.parent.thread_id or self.parent.pk
            self.depth = self.parent.depth + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @property
    def name(self) -> str:
        """Return the name shown to readers: never an email address."""
        if self.author is not None:
            return self.author.public_name
        # No author and no name: the writer deleted their account.
        return self.guest_name or str(_("A former reader"))

    @property
    def email(self) -> str:
        return self.author.email if self.author is not None else self.guest_email

    @property
    def wait_stamp(self) -> str:
        """Return what marks the current wait for a verdict (a moderation link's
        scope): when the status last changed."""
        changed = self.status_changed_at
        return changed.isoformat() if changed else ""

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def by_staff(self) -> bool:
        return self.author is not None and self.author.is_staff

    def is_editable_by(self, user, now=None) -> bool:
        """Return whether `user` may still change the text (15 minutes, own)."""
        now = now or timezone.now()
        return (
            self.is_written_by(user)
            and self.status in (self.Status.APPROVED, self.Status.PENDING)
            and (now - self.created_at).total_seconds() <= EDIT_WINDOW_SECONDS
        )

    def is_written_by(self, user) -> bool:
        return bool(
            user is not None and user.is_authenticated and self.author_id == user.pk
        )
