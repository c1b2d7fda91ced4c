"""Small security middleware the framework does not provide, and django-csp's
with its fixed headers built once."""

from functools import lru_cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

MAX_PATH_LENGTH = 2000


def _has_nul(query_string: str) -> bool:
    # %00 in any query parameter; PostgreSQL refuses NUL in text, so a filter
    # on it would be a 500 (Django's forms refuse it in POSTed fields already).
    return "\x00" in query_string or "%00" in query_string


class RejectBadPathMiddleware:
    """Answer 400 to over-long paths, or NUL in the path or query string, before
    any view (the admin's list filters included) sees them.

    Django itself re-percent-encodes bytes that are not UTF-8, so such paths
    simply match nothing and get the site's 404 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("PATH_INFO", "")
        if len(raw) > MAX_PATH_LENGTH or "\x00" in raw:
            # Raised, not returned, so the site's own 400 page answers.
            raise BadRequest("over-long path or NUL in path")
        if _has_nul(request.META.get("QUERY_STRING", "")):
            raise BadRequest("NUL in query string")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send Permissions-Policy, which Django's SecurityMiddleware does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# What a view's csp_* decorators leave on a response for django-csp to read.
_PER_RESPONSE_CSP = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


@lru_cache(maxsize=1)
def _fixed_policies() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Return (header, value, excluded prefixes) for each CSP header in use."""
    found = []
    for header, setting, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        value = build_policy(report_only=report_only)
        if value:
            policy = getattr(settings, setting, None) or {}
            prefixes = tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ())
            found.append((header, value, prefixes))
    return tuple(found)


@receiver(setting_changed)
def _forget_policies(setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _fixed_policies.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the headers of pages without a nonce built once.

    django-csp builds both headers (the policy and the report-only one) from
    the settings on every response. A response that used no nonce and that no
    view decorated (csp_update, csp_exempt...) gets the same headers every
    time, so they are built once per process; any other is left to django-csp.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _PER_RESPONSE_CSP
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (500, 404):
            return response  # django-csp leaves Django's debug pages alone
        for header, value, prefixes in _fixed_policies():
            if header not in response and not request.path_info.startswith(prefixes):
                response[header] = value
        # As django-csp: a nonce asked for after the headers are written fails.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
