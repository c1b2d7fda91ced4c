"""Staff pages: email an article to subscribers, preview it, send a test, the log.

The Studio's publishing screen is another app of the same layer, so this app
offers its controls on a page of its own per article, linked from the account
panel (`/subscribe/staff/`).
"""

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from meridian.journal.models import Post
from meridian.journal.publishing import publish_post

from . import mailings
from .models import Mailing

MAY_SEND = "subscribers.add_mailing"


def _staff(view):
    return login_required(permission_required(MAY_SEND, raise_exception=True)(view))


@_staff
@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.select_related("category").order_by(
        "-published_at", "-updated_at"
    )[:50]
    logs = Mailing.objects.with_counts().filter(post__in=posts).order_by("created_at")
    by_post: dict[int, list[Mailing]] = {}
    for mailing in logs:
        by_post.setdefault(mailing.post_id, []).append(mailing)
    rows = [(post, by_post.get(post.pk, [])) for post in posts]
    digests = Mailing.objects.with_counts().filter(kind=Mailing.Kind.DIGEST)[:10]
    return render(
        request,
        "subscribers/staff/article_list.html",
        {"rows": rows, "digests": digests},
    )


@_staff
@require_http_methods(["GET", "HEAD", "POST"])
def article(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("author", "category"), pk=pk)
    emailed = mailings.was_emailed(post)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "test":
            email = getattr(request.user, "email", "")
            if not email:
                messages.error(request, _("Your account has no email address."))
            else:
                mailings.send_article_test(post, email)
                messages.success(
                    request, _("A test is on its way to %(email)s.") % {"email": email}
                )
            return redirect("subscribers:staff_article", pk=post.pk)
        wants_email = request.POST.get("email_subscribers") == "on"
        if action == "publish" and post.status != Post.Status.PUBLISHED:
            try:
                publish_post(post)
            except ValidationError as refusal:
                messages.error(request, " ".join(refusal.messages))
                return redirect("subscribers:staff_article", pk=post.pk)
            messages.success(request, _("The article is published."))
        if action in ("publish", "send") and wants_email:
            try:
                mailings.email_article(post, by=request.user)
            except mailings.MailingRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("The email to subscribers is queued."))
        return redirect("subscribers:staff_article", pk=post.pk)
    log = Mailing.objects.with_counts().filter(post=post)
    context = {
        "post": post,
        "emailed": emailed,
        "log": log,
        "audience": mailings.audience(post),
        "preview": mailings.preview_article(post),
    }
    return render(request, "subscribers/staff/article.html", context)


@_staff
@require_safe
# Emails carry their own styles. (django-csp types views as taking the request only.)
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
def article_preview(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    return HttpResponse(mailings.preview_article(post).html)
