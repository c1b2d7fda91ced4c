"""Named places in the layout that feature apps fill with templates of their own.

core and journal name the places; an app registers what goes there from its
AppConfig.ready(), so a lower layer renders a higher one's part without
importing it (DESIGN.md §3). A place renders its templates in order, each with
the page's own context.

The layout's places (head, header, sidebar for guests, footer) are kept
rendered with the layout around them ({% sitewide_fragment %} in base.html) until
the site's settings change: what a template there shows beyond the site's
settings and fixed text it declares with {% depends_on %}, and it may not
show anything about the reader or the request.
"""

from dataclasses import dataclass

PLACES = frozenset(
    {
        "head",  # extra <head> tags: alternate and search links
        "header",  # beside the site's navigation, e.g. the search box
        "account_panel",  # links for signed-in people: the Studio, moderation
        "sidebar",  # below the account panel
        "footer",  # privacy, subscribe, feeds
        "after_article",  # under an article: comments, subscribe form
        "studio_editor",  # the Studio's publishing panel: email the article
    }
)


@dataclass(frozen=True, order=True)
class Entry:
    order: int
    template_name: str


_registry: dict[str, list[Entry]] = {}


def register(place: str, template_name: str, *, order: int = 50) -> None:
    """Render template_name in place, before entries of a higher order."""
    if place not in PLACES:
        raise ValueError(f"Unknown template slot {place!r}; known: {sorted(PLACES)}")
    entries = _registry.setdefault(place, [])
    entry = Entry(order, template_name)
    if entry not in entries:
        entries.append(entry)
        entries.sort()


def unregister(place: str, template_name: str) -> None:
    """Take template_name out of place (tests, or an app switched off)."""
    _registry[place] = [
        entry
        for entry in _registry.get(place, [])
        if entry.template_name != template_name
    ]


def templates_for(place: str) -> list[str]:
    """Return the template names registered for place, in rendering order."""
    if place not in PLACES:
        raise ValueError(f"Unknown template slot {place!r}; known: {sorted(PLACES)}")
    return [entry.template_name for entry in _registry.get(place, [])]
