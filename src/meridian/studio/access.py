"""Who may do what in the Studio: checked in every view and on every POST.

Roles are groups (roles.py); these checks read permissions, so a superuser
or a person given permissions one by one in the admin is treated alike.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from meridian.journal.models import Page, Post


def may_use_studio(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("journal.change_post")
    )


def may_publish(user) -> bool:
    """Return whether the person may schedule, publish, unpublish and review."""
    return may_use_studio(user) and user.has_perm("journal.publish_post")


def may_edit(user, post: Post) -> bool:
    """Return whether the person may change this article (Authors: their own)."""
    return may_use_studio(user) and (
        post.author_id == user.pk or user.has_perm("journal.edit_any_post")
    )


def editable_post(user, pk: int) -> Post:
    """Return the article if the person may change it; 404 or 403 otherwise."""
    post = get_object_or_404(Post.objects.select_related("author", "category"), pk=pk)
    require(may_edit(user, post))
    return post


def editable_text(user, pk: int, kind: str) -> Post | Page:
    """Return the article ("post") or page if the person may change it."""
    if kind == "page":
        require(may_edit_pages(user))
        return get_object_or_404(Page, pk=pk)
    return editable_post(user, pk)


def may_edit_pages(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("journal.change_page")
    )


def may_moderate(user) -> bool:
    return (
        user.is_authenticated
        and user.is_staff
        and user.has_perm("comments.moderate_comment")
    )


def editable_posts(user):
    """Return the articles this person may open in the Studio."""
    posts = Post.objects.all()
    if not user.has_perm("journal.edit_any_post"):
        posts = posts.filter(author=user)
    return posts


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
