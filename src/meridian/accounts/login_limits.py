"""Slow password guessing down without letting anyone lock a person out.

allauth counts failed logins per typed login, so five wrong passwords from
anywhere shut the account's owner out too. Here failures are counted per
account *and* address (ACCOUNT_RATE_LIMITS["login_failed"], 5 in 5 minutes),
so a stranger's guesses only slow the stranger, and per account alone at a
much higher rate ("login_failed_account", 30 an hour), which keeps guessing
from many addresses slow. Whoever proves they hold the account's email (a
password reset) is signed in at once (ACCOUNT_LOGIN_ON_PASSWORD_RESET) and
the per-account count is forgiven.

Only allauth's public rate-limit calls are used (allauth.core.ratelimit): an
attempt is checked without being counted (a dry run), and a failure is counted
once the password proved wrong (the adapter's `authentication_failed`), as
allauth itself counted failed logins before it kept a private usage to undo on
success. So a correct password costs nothing, and attempts that arrive at the
same moment can all pass the check before their failures are counted: a burst
gets at most as many extra guesses as the servers answer at once.
"""

import ipaddress

from allauth import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest

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


def client_address(request: HttpRequest) -> str:
    """Return the client's address; an IPv6 one as its network, as allauth does
    (ALLAUTH_RATE_LIMIT_IPV6_PREFIX), so one household counts once."""
    address = get_adapter().get_client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False)[0])
    return address


def _keys(request: HttpRequest, login: str) -> tuple[str, str]:
    account = account_key(login)
    return account, f"{account}|{client_address(request)}"


def may_attempt(request: HttpRequest, login: str) -> bool:
    """Return whether this address may try a password for this account now
    (nothing is counted)."""
    account, pair = _keys(request, login)
    return ratelimit.consume(
        request, action=PAIR_ACTION, key=pair, dry_run=True
    ) and ratelimit.consume(request, action=ACCOUNT_ACTION, key=account, dry_run=True)


def count_failure(request: HttpRequest, login: str) -> None:
    """Count a wrong password for the account, from this address and in all."""
    account, pair = _keys(request, login)
    ratelimit.consume(request, action=PAIR_ACTION, key=pair)
    ratelimit.consume(request, action=ACCOUNT_ACTION, key=account)


def forgive(request: HttpRequest, user) -> None:
    """Forget the failures counted against `user` (they proved their email)."""
    account = f"user:{user.pk}"
    address = client_address(request)
    ratelimit.clear(request, action=ACCOUNT_ACTION, key=account)
    ratelimit.clear(request, action=PAIR_ACTION, key=f"{account}|{address}")
