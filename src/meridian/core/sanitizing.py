"""The one allow-list every stored HTML fragment passes through (nh3 / Ammonia)."""

import nh3

ARTICLE_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
ARTICLE_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href", "hreflang", "class"},
    # Responsive pictures (the media app's <picture> markup); srcset holds
    # only site-relative or http(s) candidates (see _filter_attribute).
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "width", "height"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "section": {"class"},
    "sup": {"class"},
}
# Comments: a small Markdown subset and no images.
COMMENT_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
COMMENT_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop a srcset with any candidate that is not a plain web address."""
    if attribute != "srcset":
        return value
    for candidate in value.split(","):
        url = candidate.strip().split(" ")[0].lower()
        if not (
            url.startswith(("https://", "http://"))
            or (url.startswith("/") and not url.startswith("//"))
        ):
            return None
    return value


def sanitize_article_html(html: str) -> str:
    """Return article HTML with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=ARTICLE_TAGS,
        attributes=ARTICLE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
        attribute_filter=_filter_attribute,
    )


def sanitize_comment_html(html: str) -> str:
    """Return comment HTML with links marked as user-generated and untrusted."""
    return nh3.clean(
        html,
        tags=COMMENT_TAGS,
        attributes=COMMENT_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow ugc noopener",
    )


def strip_tags(html: str) -> str:
    """Return the text of an HTML fragment with every tag removed."""
    return nh3.clean(html, tags=set(), attributes={})
