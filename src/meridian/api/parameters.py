"""The query parameters the API reads, and the refusal of any other.

A misspelt filter (`?categroy=sleep`) silently ignored would hand back every
article; a 400 naming the parameters the address takes tells the developer at
once.
"""

from django.http import HttpRequest
from ninja.errors import HttpError

PAGINATION = frozenset({"page", "page_size"})
ARTICLE_FILTERS = frozenset(
    {"category", "tag", "author", "published_after", "published_before"}
)
KNOWN_PARAMETERS = PAGINATION | ARTICLE_FILTERS


def refuse_unknown(request: HttpRequest, allowed: frozenset[str]) -> None:
    """Raise a 400 naming any query parameter this address does not take."""
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise HttpError(
            400,
            f"Unknown query parameter(s): {', '.join(unknown)}. "
            f"This address takes: {', '.join(sorted(allowed)) or 'none'}.",
        )
    repeated = sorted(
        name for name in request.GET if len(request.GET.getlist(name)) > 1
    )
    if repeated:
        raise HttpError(400, f"Give each parameter once: {', '.join(repeated)}.")
