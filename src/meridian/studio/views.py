"""The Studio's pages: thin views over journal's models and studio's workflow."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from meridian.core.models import SiteSettings
from meridian.journal.models import Post

from . import access

RECENT = 8
LIST_PAGE = 25


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
    context["title"] = _("Dashboard")
    context["section"] = "dashboard"
    return render(request, "studio/dashboard.html", context)


LIST_STATES = {
    "draft": lambda posts: posts.drafts(),
    "review": lambda posts: posts.in_review(),
    "scheduled": lambda posts: posts.scheduled(),
    "published": lambda posts: posts.published(),
}


@login_required
@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    access.require(access.may_use_studio(request.user))
    posts = (
        access.editable_posts(request.user)
        .select_related("author")
        .defer("body", "body_html", "body_text", "toc")
        .order_by("-updated_at", "-id")
    )
    state = request.GET.get("state", "")
    if state in LIST_STATES:
        posts = LIST_STATES[state](posts)
    else:
        state = ""
    query = " ".join(request.GET.get("q", "").split())[:100]
    if query:
        posts = posts.filter(title__icontains=query)
    page = Paginator(posts, LIST_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "studio/article_list.html",
        {
            "title": _("Articles"),
            "section": "articles",
            "page_obj": page,
            "posts": page.object_list,
            "state": state,
            "states": [
                ("", _("All")),
                ("draft", _("Drafts")),
                ("review", _("In review")),
                ("scheduled", _("Scheduled")),
                ("published", _("Published")),
            ],
            "query": query,
        },
    )
