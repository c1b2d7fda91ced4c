from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from .endpoints import api


def unknown_address(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Answer addresses under /api/v1/ that name no operation, in JSON."""
    return JsonResponse({"detail": "No such address in this API."}, status=404)


urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown_address),
]
