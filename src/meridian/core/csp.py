"""The Content-Security-Policy header, built once for the responses that share it.

django-csp builds the policy and the report-only policy from settings on every
response: about a fifth of what a page-cache hit costs. A response with no
nonce and no policy of its own (csp_update, csp_replace, csp_exempt...) gets
the same headers every time, so those are built once per process (and again
when a test changes the settings).
"""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# What a view sets to have a policy of its own (csp.decorators).
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


@functools.cache
def _site_policies() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Return (header, policy, excluded path prefixes) for each policy in settings."""
    policies = []
    for header, name, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        policy = build_policy(report_only=report_only)
        if policy:
            configured = getattr(settings, name, None) or {}
            prefixes = tuple(configured.get("EXCLUDE_URL_PREFIXES", None) or ())
            policies.append((header, policy, prefixes))
    return tuple(policies)


def _forget_policies(*, setting: str, **kwargs: object) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_policies.cache_clear()


setting_changed.connect(_forget_policies, dispatch_uid="meridian-csp-policies")


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the site-wide policy built once."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _OWN_POLICY
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return super().process_response(request, response)
        for header, policy, prefixes in _site_policies():
            if header not in response and not request.path_info.startswith(prefixes):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header went out
        # would be in no policy, so asking is an error.
        request.csp_nonce = CheckableLazyObject(  # type: ignore[attr-defined]
            self._csp_nonce_post_response
        )
        return response
