"""The Studio's pages: thin views over journal's models and studio's workflow."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meridian.core.models import SiteSettings
from meridian.journal.models import Post

from . import access

RECENT = 8


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    access.require(access.may_use_studio(user))
    posts = access.editable_posts(user).select_related("author").order_by("-updated_at")
    editor = access.may_publish(user)
    context = {
        "may_publish": editor,
        "may_moderate": access.may_moderate(user),
        "may_edit_pages": access.may_edit_pages(user),
        "my_drafts": posts.drafts().filter(author=user)[:RECENT],
        "in_review": posts.in_review()[:RECENT],
        "scheduled": posts.scheduled().order_by("published_at")[:RECENT],
        "published": posts.published().order_by("-published_at")[:RECENT],
        "review_due": (
            Post.objects.review_due(SiteSettings.current().medical_review_months)
            .select_related("author")
            .order_by("last_reviewed")[:RECENT]
            if editor
            else []
        ),
    }
    return render(request, "studio/dashboard.html", context)
