"""The comment section under an article: the meeting point of journal and comments.

comments/slots/after_article.html renders it in the article page's
"after_article" slot (core/slots.py); journal never names comments.
"""

import hashlib

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from meridian.accounts.dependencies import PEOPLE
from meridian.core.dependencies import depends_on
from meridian.core.models import SiteSettings
from meridian.core.templatetags.fragments import kept_html
from meridian.journal import dependencies

from ..access import Access, access_for
from ..forms import CommentForm, starting_text
from ..models import Comment
from ..threads import Node, ThreadPage, flatten, load_page

register = template.Library()


def _prepare(flat: list[Node], user, access: Access, depth_limit: int) -> None:
    """Work out, once per comment, what the thread shows around its card."""
    for node in flat:
        comment = node.comment
        node.can_reply = (
            access.may_comment and comment.is_public and comment.depth + 1 < depth_limit
        )
        node.can_edit = comment.is_editable_by(user)
        node.can_delete = comment.is_written_by(user) and node.shows_text
        classes = ["comment"]
        if comment.by_staff:
            classes.append("comment--staff")
        if comment.status == Comment.Status.PENDING:
            classes.append("comment--pending")
        node.classes = " ".join(classes)
        node.card_key = _card_key(node)


def _card_key(node: Node) -> str:
    """Return a digest of everything a comment's card shows.

    The card is kept rendered under it (`{% keyed_fragment %}` in thread.html):
    an edit, a moderation, a new name or an erasure gives a new key, so a
    kept card never needs forgetting, and a new comment renders one card.
    """
    comment = node.comment
    shown = (
        comment.pk,
        comment.name,
        comment.by_staff,
        comment.created_at.isoformat(),
        comment.edited_at.isoformat() if comment.edited_at else "",
        comment.status,
        comment.body_html,
        node.can_reply,
        node.can_edit,
        node.can_delete,
    )
    text = "\x1f".join(str(part) for part in shown)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@register.simple_tag
def card_display(node: Node) -> dict:
    """Return what a comment's card shows beside its text: name, dates, links.

    Worked out only when the card is rendered, not when it is kept.
    """
    comment = node.comment
    posted = timezone.localtime(comment.created_at)
    display = {
        "name": comment.name,
        "iso": posted.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "when": date_format(posted, "DATETIME_FORMAT"),
    }
    if node.can_reply:
        display["reply_url"] = reverse("comments:reply", args=[comment.pk])
        display["reply_label"] = _("Reply to %(name)s") % {"name": comment.name}
    if node.can_edit:
        display["edit_url"] = reverse("comments:edit", args=[comment.pk])
    if node.can_delete:
        display["delete_url"] = reverse("comments:delete", args=[comment.pk])
    return display


def _page_number(value) -> int:
    """Return the comment page a reader asked for, at least 1 (load_page keeps it
    below the last)."""
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


class ThreadView:
    """One page of an article's threads as one viewer sees it, loaded on first use.

    For readers who are not signed in, the page is the same for everyone with
    the same access, so section.html keeps it in a rendered fragment and most
    requests never load it.
    """

    def __init__(self, post, request, access: Access, site: SiteSettings):
        self.post = post
        self.user = request.user
        self.access = access
        self.depth_limit = site.comment_depth
        self.requested = _page_number(request.GET.get("comments-page"))
        self.shared = not self.user.is_authenticated
        # What the thread shows, for the fragment that keeps it.
        self.shows = [dependencies.discussion(post.pk), PEOPLE]

    @cached_property
    def page(self) -> ThreadPage:
        if self.post.comment_count or self.user.is_authenticated:
            return load_page(self.post, self.requested, self.user)
        return ThreadPage.empty()  # nothing to show, and no query to ask

    @cached_property
    def nodes(self) -> list[Node]:
        flat = flatten(self.page.nodes)
        _prepare(flat, self.user, self.access, self.depth_limit)
        return flat

    @property
    def page_query(self) -> str:
        number = self.page.number
        return f"?comments-page={number}" if number > 1 else ""


@register.simple_tag(takes_context=True)
def comment_section(context, post) -> SafeString:
    """Render an article's comments and the "Leave a Comment" form or doors.

    A reader who is not signed in and has no form to fill sees the section
    every such reader sees: it is kept whole, and a kept copy costs no
    thread, no form and no template of its own.
    """
    request = context["request"]
    user = request.user
    site = SiteSettings.current()
    # The count, the thread and the names in it.
    depends_on(dependencies.discussion(post.pk), PEOPLE)  # outside the fragment
    access = access_for(post, user, site)

    def render() -> SafeString:
        return _render_section(context, post, access, site)

    if user.is_authenticated or access.may_comment:
        return render()
    requested = _page_number(request.GET.get("comments-page"))
    return kept_html(
        context, ["comment-section", post.pk, requested, access, request.path], render
    )


def _render_section(context, post, access: Access, site: SiteSettings) -> SafeString:
    request = context["request"]
    form = None
    if access.may_comment:
        # Only now does the page carry a CSRF token, which keeps it out of
        # the anonymous page cache; the doors alone stay cacheable.
        initial = starting_text(request, site)
        form = CommentForm(guest=access == Access.GUEST, initial=initial)
    thread = ThreadView(post, request, access, site)
    depends_on(*thread.shows)  # to the kept section too, while it renders
    section = context.template.engine.get_template("comments/section.html")
    return section.render(
        context.new(
            {
                "request": request,
                "user": request.user,
                "site": site,
                "csrf_token": context.get("csrf_token"),
                "post": post,
                "thread": thread,
                "access": access,
                "form": form,
            }
        )
    )


@register.simple_tag
def comments_awaiting_moderation() -> int:
    """Return how many comments wait for a moderator."""
    return Comment.objects.awaiting_moderation().count()
