from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.views.decorators.http import require_safe

from meridian.core.urlbuilding import absolute_url

from .endpoints import api

COLLECTIONS = ("articles", "pages", "categories", "tags", "authors")


@require_safe
def index(request: HttpRequest) -> JsonResponse:
    """Name the API's description and collections, for a developer finding their way."""
    base = absolute_url(request.path)
    return JsonResponse(
        {
            "openapi": f"{base}openapi.json",
            **{name: f"{base}{name}" for name in COLLECTIONS},
        }
    )


def unknown_address(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Answer addresses under /api/v1/ that name no operation, in JSON."""
    return JsonResponse({"detail": "No such address in this API."}, status=404)


urlpatterns = [
    path("", index, name="api_index"),
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown_address),
]
