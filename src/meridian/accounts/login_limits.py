"""Slow password guessing down without letting anyone lock a person out.

allauth counts failed logins per typed login, so five wrong passwords from
anywhere shut the account's owner out too. Here failures are counted per
account *and* address (ACCOUNT_RATE_LIMITS["login_failed"], 5 in 5 minutes),
so a stranger's guesses only slow the stranger, and per account alone at a
much higher rate ("login_failed_account", 30 an hour), which keeps guessing
from many addresses slow. Whoever proves they hold the account's email (a
password reset) is signed in at once (ACCOUNT_LOGIN_ON_PASSWORD_RESET) and
the per-account count is forgiven.
"""

from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest

APP = "allauth.account"
PAIR_ACTION = "login_failed"
ACCOUNT_ACTION = "login_failed_account"


def account_key(login: str) -> str:
    """Return one key per account, whichever of its logins was typed."""
    login = login.strip().lower()
    user_model = get_user_model()
    user_id = (
        EmailAddress.objects.filter(email__iexact=login)
        .values_list("user_id", flat=True)
        .first()
        or user_model.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
        .values_list("pk", flat=True)
        .first()
        if login
        else None
    )
    return f"user:{user_id}" if user_id else f"login:{login}"


def count_attempt(request: HttpRequest, login: str) -> ratelimit.RateLimitUsage | None:
    """Count one login attempt; return its usage (to undo on success) or None
    when this address, or anyone, has failed too often for this account."""
    account = account_key(login)
    address = ratelimit.get_ip(request)
    pair = ratelimit.consume(
        request, app=APP, action=PAIR_ACTION, key=f"{account}|{address}"
    )
    if pair is None:
        return None
    overall = ratelimit.consume(request, app=APP, action=ACCOUNT_ACTION, key=account)
    if overall is None:
        pair.rollback()
        return None
    return ratelimit.RateLimitUsage(usage=pair.usage + overall.usage)


def forgive(request: HttpRequest, user) -> None:
    """Forget the failures counted against `user` (they proved their email)."""
    account = f"user:{user.pk}"
    address = ratelimit.get_ip(request)
    ratelimit.clear(request, app=APP, action=ACCOUNT_ACTION, key=account)
    ratelimit.clear(request, app=APP, action=PAIR_ACTION, key=f"{account}|{address}")
