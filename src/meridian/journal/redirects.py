"""Old addresses that answer with a 301 to where their content now lives.

One table for every move: a published article or page whose slug changed, and
the addresses of a WordPress site the importer brought over (`/?p=12`,
`/2019/05/old-slug/`). The middleware looks a path up only when nothing else
answered it, or when it carries a query string no page of ours uses.
"""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from .models import Redirect

# Query strings our own pages produce; anything else may be an old address.
OWN_QUERY_KEYS = frozenset({"page"})
MAX_PATH: int = Redirect._meta.get_field("old_path").max_length or 1000


def remember_move(old_path: str, new_path: str) -> Redirect | None:
    """Make old_path answer with a 301 to new_path, and keep earlier moves direct.

    Addresses that led to old_path now lead straight to new_path (no chains),
    and a move back to an old address takes that address out of the table.
    """
    if not old_path or old_path == new_path or len(old_path) > MAX_PATH:
        return None
    Redirect.objects.filter(old_path=new_path).delete()
    Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old_path, defaults={"new_path": new_path}
    )
    return redirect


def find_redirect(request: HttpRequest, *, with_query_only: bool = False) -> str | None:
    """Return where the requested address moved, if it did."""
    full_path = request.get_full_path()
    candidates = [full_path] if request.META.get("QUERY_STRING") else []
    if not with_query_only:
        candidates.append(request.path)
    candidates = [path for path in candidates if len(path) <= MAX_PATH]
    if not candidates:
        return None
    found = dict(
        Redirect.objects.filter(old_path__in=candidates).values_list(
            "old_path", "new_path"
        )
    )
    for path in candidates:
        if path in found and found[path] != full_path:
            return found[path]
    return None


def _foreign_query(request: HttpRequest) -> bool:
    return bool(request.GET) and not set(request.GET).issubset(OWN_QUERY_KEYS)


class RedirectFallbackMiddleware:
    """Answer moved addresses with a permanent redirect.

    A path with a query string our pages never use (WordPress's `/?p=12`) is
    looked up before the view, since `/` itself exists; any other path only
    once the site found nothing there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and _foreign_query(request):
            target = find_redirect(request, with_query_only=True)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = find_redirect(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response
