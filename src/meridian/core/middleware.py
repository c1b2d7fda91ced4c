"""Small middleware: security the framework does not provide, and its locale."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware import locale
from django.utils import translation

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


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, which has nothing to choose while the site speaks one language.

    With one entry in LANGUAGES every request is answered in LANGUAGE_CODE
    whatever the browser asks: `Vary: Accept-Language` would only make a front
    cache keep a copy per browser language, and the choice (the path, the
    cookie and the header read, twice) cost about 45 us a page. A second
    language in LANGUAGES brings Django's choice back.
    """

    def process_request(self, request: HttpRequest) -> None:
        if len(settings.LANGUAGES) > 1:
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if len(settings.LANGUAGES) > 1:
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response
