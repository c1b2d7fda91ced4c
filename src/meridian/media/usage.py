"""Where an image is used, told by the apps that use it.

The library (layer 2) cannot import the journal, so each app that shows
images registers a finder in its AppConfig.ready():

    usage.register_finder(find_posts_using_image)

A finder takes an Image and returns a list of Use.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import Image


@dataclass(frozen=True)
class Use:
    """One place an image appears: an article, a page, a profile."""

    kind: str  # "article", "page" ... (already translated)
    title: str
    url: str  # where staff can see or edit it; may be empty
    how: str = ""  # "featured image", "in the text"


Finder = Callable[[Image], list[Use]]
_finders: dict[str, Finder] = {}


def register_finder(name: str, finder: Finder) -> None:
    """Add a finder under `name` (registering the same name again replaces it)."""
    _finders[name] = finder


def uses_of(image: Image) -> list[Use]:
    """Return every place `image` is used, as the registered finders report."""
    found: list[Use] = []
    for _name, finder in sorted(_finders.items()):
        found.extend(finder(image))
    return found
