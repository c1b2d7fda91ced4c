"""{% fragment %} and {% depends_on %}: rendered parts that know what they show.

    {% load fragments %}
    {% fragment "article" post.pk %}...{% endfragment %}
    {% sitewide_fragment "header" %}...{% endsitewide_fragment %}
    {% depends_on tag_a tag_b %}

A fragment is kept in each worker's memory (the `template_fragments` cache)
with the versions of the tags declared while it rendered (core/dependencies.py)
and is shown again only while none of them has changed; on a hit its tags are
declared to the page around it, so a cached page depends on what its cached
fragments show. The key holds the name, the values after it, the language and
the time zone dates are shown in.

A site-wide fragment is the same on every page that shows it: the layout's
head links, header, guests' sidebar and footer (base.html), the subscribe box
under articles. It shows the site's settings and fixed text, so it depends on
SITE (every page's implicit tag) and on whatever is declared inside it, not on
EVERYTHING when nothing is; and it declares nothing of its own to the page
around it, so a page that declares nothing still depends on EVERYTHING.

A keyed fragment ({% keyed_fragment %}) is kept the same way: its values name
everything it shows (a comment's card, keyed on a digest of the comment), so
a change to what it shows is a new key and no change needs to forget it.
"""

import hashlib
from collections.abc import Callable, Sequence

from django import template
from django.core.cache import caches
from django.http import HttpRequest
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from .. import dependencies
from ..dependencies import SITE

register = template.Library()

# As long as a scheduled article may take to show among its neighbours.
FRAGMENT_TIMEOUT = 60


class FragmentNode(Node):
    # {% extends %} walks the layout for its blocks on every page. A kept
    # part holds none (a page's own block inside would be kept for every
    # page; tests/core/test_fragments.py checks every template), so the walk
    # skips what is inside: 12 us instead of 20 for base.html.
    child_nodelists = ()

    def __init__(
        self,
        nodelist: NodeList,
        name: FilterExpression,
        vary_on: list,
        *,
        site_wide: bool = False,
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.site_wide = site_wide

    def render(self, context) -> str:
        return kept_html(
            context,
            [
                self.name.resolve(context),
                *(value.resolve(context) for value in self.vary_on),
            ],
            lambda: self.nodelist.render(context),
            site_wide=self.site_wide,
        )


def kept_html(
    context: Context,
    names: Sequence[object],
    render: Callable[[], str],
    *,
    site_wide: bool = False,
) -> SafeString:
    """Return what `render()` gives, kept as a {% fragment %} named by `names` is.

    For a tag that decides in code whether what it renders is kept (the
    comment section: only for a reader with no form to fill).
    """
    parts = [*(str(name) for name in names), *_locale(context.get("request"))]
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=16)
    html, versions = dependencies.kept(
        caches["template_fragments"],
        f"fragment:{digest.hexdigest()}",
        render,
        timeout=FRAGMENT_TIMEOUT,
        site_wide=site_wide,
    )
    # The page around it shows what the fragment shows, EVERYTHING included
    # when the fragment declared nothing. The site's settings count as
    # nothing of a page's own: it depends on them anyway.
    if site_wide:
        dependencies.depends_on(*(tag for tag in versions if tag != SITE))
    else:
        dependencies.depends_on(*versions)
    return mark_safe(html)  # rendered by a template, which escaped what it showed


def _locale(request: HttpRequest | None) -> tuple[str, str]:
    """Return the language and time zone the page shows, once per request.

    Nothing in a page's rendering switches either (no {% language %} or
    {% timezone %} in the templates); each costs a context-local read.
    """
    locale = getattr(request, "fragment_locale", None)
    if locale is None:
        locale = (get_language() or "", get_current_timezone_name())
        if request is not None:
            request.fragment_locale = locale  # type: ignore[attr-defined]
    return locale


@register.tag
def fragment(parser: Parser, token: Token) -> FragmentNode:
    """Keep what is inside rendered, keyed on the name and values given."""
    return _fragment(parser, token, site_wide=False)


@register.tag
def sitewide_fragment(parser: Parser, token: Token) -> FragmentNode:
    """Keep a part shown the same on every page rendered until the site changes."""
    return _fragment(parser, token, site_wide=True)


@register.tag
def keyed_fragment(parser: Parser, token: Token) -> FragmentNode:
    """Keep a part whose values name everything it shows (a digest of its row).

    A change to what it shows gives a new key, so like a site-wide part it
    depends on the site's settings alone: a comment's card, keyed on a digest
    of the comment (comments/templatetags/comments.py).
    """
    return _fragment(parser, token, site_wide=True)


def _fragment(parser: Parser, token: Token, *, site_wide: bool) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a name, then the values the fragment varies on."
        )
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        site_wide=site_wide,
    )


@register.simple_tag(name="depends_on")
def depends_on_tag(*tags: str | list[str]) -> str:
    """Declare what the page and the fragment around this place show (tags or lists)."""
    for tag in tags:
        names = tag if isinstance(tag, list | tuple) else [tag]
        dependencies.depends_on(*(str(name) for name in names if name))
    return ""
