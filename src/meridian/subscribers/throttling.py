"""Rate limits on the subscription doors, through allauth's limits.

The accounts app's doors (login, sign-up, reset) are limited by allauth in
the shared cache with rates in ACCOUNT_RATE_LIMITS; the subscription doors
join that table ("subscribe" per IP, "subscribe_address" per address), so one
setting and one cache hold every door's limits across workers.
"""

from allauth.core import ratelimit
from django.http import HttpRequest


def allow_request(request: HttpRequest) -> bool:
    """Count one request from this IP; False once its limit is used up."""
    return ratelimit.consume(request, action="subscribe")


def allow_address(request: HttpRequest, email: str) -> bool:
    """Count one email to this address; False once its limit is used up."""
    return ratelimit.consume(request, action="subscribe_address", key=email)
