"""Which API query strings the anonymous page cache may keep.

The page cache (core/caching.py) keeps only query strings a page's own links
make. The API's are its documented parameters, each given once and short:
anything else is answered fresh (and is usually a 400, which is never stored).
"""

from django.http import HttpRequest

from .parameters import KNOWN_PARAMETERS

PREFIX = "/api/v1/"
LONGEST_VALUE = 100


def cacheable_query(request: HttpRequest) -> bool | None:
    """Answer for API addresses only: True when every parameter is a known one."""
    if not request.path.startswith(PREFIX):
        return None
    return all(
        name in KNOWN_PARAMETERS
        and len(values := request.GET.getlist(name)) == 1
        and len(values[0]) <= LONGEST_VALUE
        for name in request.GET
    )
