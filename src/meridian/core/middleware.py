"""Small security middleware the framework does not provide."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

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
