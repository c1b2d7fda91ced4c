from functools import wraps

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path, re_path
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


def refusing_writes_in_json(view):
    """Turn ninja's plain-text 405 for a write into JSON that says what is allowed."""

    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        refusal = JsonResponse(
            {"detail": "This API is read-only: use GET or HEAD."}, status=405
        )
        refusal["Allow"] = response.get("Allow", "GET, HEAD")
        return refusal

    return answer


operations, ninja_app, ninja_namespace = api.urls
for pattern in operations:
    if isinstance(pattern, URLPattern):
        pattern.callback = refusing_writes_in_json(pattern.callback)

urlpatterns = [
    path("", index, name="api_index"),
    path("", (operations, ninja_app, ninja_namespace)),
    re_path(r"^(?P<rest>.*)$", unknown_address),
]
