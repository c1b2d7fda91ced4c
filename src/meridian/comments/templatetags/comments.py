"""The comment section under an article: the meeting point of journal and comments.

journal's article template loads this tag; journal itself never imports comments.
"""

from django import template

from meridian.core.models import SiteSettings

from ..access import Access, access_for
from ..forms import CommentForm
from ..threads import Node, ThreadPage, load_page

register = template.Library()


def _mark(nodes: list[Node], user, access: Access, depth_limit: int) -> None:
    for node in nodes:
        comment = node.comment
        node.can_reply = (
            access.may_comment and comment.is_public and comment.depth + 1 < depth_limit
        )
        node.can_edit = comment.is_editable_by(user)
        node.can_delete = comment.is_written_by(user) and node.shows_text
        _mark(node.children, user, access, depth_limit)


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, post) -> dict:
    """Render an article's comments and the "Leave a Comment" form or doors."""
    request = context["request"]
    user = request.user
    site = SiteSettings.current()
    access = access_for(post, user, site)
    if post.comment_count or user.is_authenticated:
        page = load_page(post, request.GET.get("comments-page"), user)
    else:
        page = ThreadPage([], 1, 1)  # nothing to show, and no query to ask
    _mark(page.nodes, user, access, site.comment_depth)
    form = None
    if access.may_comment:
        # Only now does the page carry a CSRF token, which keeps it out of
        # the anonymous page cache; the doors alone stay cacheable.
        initial = {}
        if user.is_staff and request.GET.get("template") == "private":
            initial["body"] = site.staff_private_reply
        form = CommentForm(guest=access == Access.GUEST, initial=initial)
    return {
        "request": request,
        "user": user,
        "site": site,
        "csrf_token": context.get("csrf_token"),
        "post": post,
        "page": page,
        "page_query": f"?comments-page={page.number}" if page.number > 1 else "",
        "access": access,
        "form": form,
    }
