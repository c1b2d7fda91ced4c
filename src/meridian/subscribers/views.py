"""Readers' subscription pages: subscribe, confirm, choices, unsubscribe."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from . import subscribing, throttling
from .forms import ChoicesForm, SubscribeForm
from .links import LinkError, make_token, read_key
from .models import Subscriber


def _message(request, title: str, text: str = "", *, status: int = 200, **extra):
    context = {"title": title, "text": text, **extra}
    return render(request, "subscribers/message.html", context, status=status)


def _too_many(request) -> HttpResponse:
    return _message(
        request,
        _("Too many requests"),
        _("Please wait a few minutes and try again."),
        status=429,
    )


def _bad_link(request, error: LinkError) -> HttpResponse:
    if error.expired:
        text = _("This link has expired. Subscribe again and use the newest email.")
    else:
        text = _("This link does not work. Please copy the whole link from the email.")
    return _message(
        request, _("This link does not work"), text, status=400, subscribe=True
    )


def _subscriber(token: str, purpose: str) -> Subscriber | None:
    """Return the subscriber a link is for; None if they have left. Raise LinkError."""
    return Subscriber.objects.filter(key=read_key(token, purpose)).first()


def _from_this_site(request: HttpRequest) -> bool:
    """Return whether a form post came from this site's own pages.

    The subscribe form sits on cached pages, so it carries no CSRF token (a
    token would make every page uncachable). A forged post could at most send
    one rate-limited confirmation email; browsers name the page's origin, and
    a foreign one is refused.
    """
    if request.headers.get("Sec-Fetch-Site", "") == "cross-site":
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    site = urlsplit(settings.SITE_URL)
    own = {f"{site.scheme}://{site.netloc}", f"{request.scheme}://{request.get_host()}"}
    return origin in own


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not _from_this_site(request):
            return _message(
                request,
                _("Please subscribe from this site"),
                _("This form was sent from another site."),
                status=403,
                subscribe=True,
            )
        if not throttling.allow_request(request):
            return _too_many(request)
        if form.is_valid():
            email = form.cleaned_data["email"]
            subscribing.request_subscription(
                email, send=throttling.allow_address(request, email)
            )
            return redirect("subscribers:check_inbox")
    status = 400 if form.is_bound else 200
    return render(request, "subscribers/subscribe.html", {"form": form}, status=status)


@require_safe
def check_inbox(request: HttpRequest) -> HttpResponse:
    # The same answer for a new, a waiting and an already subscribed address.
    return _message(
        request,
        _("Check your inbox"),
        _(
            "We have sent an email to the address you gave. Follow the link in it "
            "to confirm your subscription; until then nothing else is sent. The "
            "link works for 7 days."
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # A button, not the link itself: mail scanners follow links.
    try:
        subscriber = _subscriber(token, "confirm")
    except LinkError as error:
        return _bad_link(request, error)
    if subscriber is None:
        return _bad_link(request, LinkError(expired=True))
    if request.method == "POST" or subscriber.is_confirmed:
        subscribing.confirm(subscriber)
        return redirect("subscribers:manage", token=make_token(subscriber, "manage"))
    return render(request, "subscribers/confirm.html", {"subscriber": subscriber})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = _subscriber(token, "manage")
    except LinkError as error:
        return _bad_link(request, error)
    if subscriber is None or not subscriber.is_confirmed:
        return _message(
            request,
            _("You are not subscribed"),
            _("This address gets no emails from us."),
            subscribe=True,
        )
    data = request.POST if request.method == "POST" else None
    form = ChoicesForm.for_subscriber(subscriber, data)
    saved = False
    if form.is_valid():
        subscribing.change_choices(subscriber, **form.choices())
        saved = True
    context = {
        "subscriber": subscriber,
        "form": form,
        "saved": saved,
        "unsubscribe_token": make_token(subscriber, "unsubscribe"),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "subscribers/manage.html", context, status=status)


@csrf_exempt  # RFC 8058: mail apps POST here with no cookie or token.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = _subscriber(token, "unsubscribe")
    except LinkError as error:
        return _bad_link(request, error)
    if request.method == "POST" or subscriber is None:
        # A second click, or a mail app's retry, gets the same answer.
        if subscriber is not None:
            subscribing.unsubscribe(subscriber)
        return _message(
            request,
            _("You are unsubscribed"),
            _(
                "We will send you no more emails, and your address is erased from "
                "our list, with the record of what we sent you."
            ),
            subscribe=True,
        )
    return render(request, "subscribers/unsubscribe.html", {"subscriber": subscriber})


@csrf_exempt  # on cached pages too; see _from_this_site
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_request(request: HttpRequest) -> HttpResponse:
    """Email a subscriber the link to their choices (the footer's way back in)."""
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not _from_this_site(request) or not throttling.allow_request(request):
            return _too_many(request)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if throttling.allow_address(request, email):
                subscribing.request_manage_link(email)
            return _message(
                request,
                _("Check your inbox"),
                _(
                    "If this address is subscribed, we have sent it a link to "
                    "change what you get or to unsubscribe."
                ),
            )
    status = 400 if form.is_bound else 200
    return render(
        request, "subscribers/manage_request.html", {"form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in reader's subscription: one click in, choices, one click out."""
    user = request.user
    assert user.is_authenticated  # login_required, said to the type checker
    subscriber = Subscriber.objects.for_user(user).first()
    form = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "subscribe" and user.email:
            subscriber = subscribing.subscribe_account(user)
        elif action == "unsubscribe" and subscriber is not None:
            subscribing.unsubscribe(subscriber)
            subscriber = None
        elif action == "choices" and subscriber is not None:
            form = ChoicesForm.for_subscriber(subscriber, request.POST)
            if form.is_valid():
                subscribing.change_choices(subscriber, **form.choices())
                form = None
        if form is None:
            return redirect("subscribers:profile")
    if subscriber is not None and subscriber.is_confirmed and form is None:
        form = ChoicesForm.for_subscriber(subscriber)
    status = 400 if form is not None and form.is_bound else 200
    return render(
        request,
        "subscribers/profile.html",
        {"subscriber": subscriber, "form": form},
        status=status,
    )
