"""`/healthz` and `/readyz` for load balancers and process supervisors.

Answered by the first middleware, before host validation, the HTTPS redirect,
the page cache, sessions and rate limits: a probe reaches the app server
directly, by its own address and over plain HTTP, and must never be served
a stored answer.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

from .readiness import check_readiness


def healthz() -> JsonResponse:
    """Answer while the process answers (liveness: restart it if not)."""
    return JsonResponse({"status": "ok"})


def readyz() -> JsonResponse:
    """Answer 200 when this server can take readers, else 503 naming what fails."""
    checks = check_readiness()
    ready = all(verdict == "ok" for verdict in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    """Answer the probes before anything else in the stack runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        else:
            response = probe()
        add_never_cache_headers(response)
        return response
