"""Markdown to safe HTML: markdown-it-py, then the nh3 allow-list, once, on save."""

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.text import Truncator
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .sanitizing import sanitize_article_html, sanitize_comment_html, strip_tags

WORDS_PER_MINUTE = 220
TOC_MIN_HEADINGS = 3


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class RenderedArticle:
    html: str
    text: str
    toc: list[Heading] = field(default_factory=list)
    word_count: int = 0
    # The prose of the paragraphs alone, for excerpts: headings and list items
    # read badly when run together.
    lede: str = ""

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)


def reading_minutes(word_count: int) -> int:
    """Return the whole minutes a text of this many words takes to read."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def _demote_h1(state: StateCore) -> None:
    # The article title is the page's only <h1>; a "# Heading" in the body
    # becomes an <h2> so the outline stays correct.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


@dataclass(frozen=True)
class ImageReference:
    """A Markdown image, as an image renderer sees it."""

    src: str
    alt: str
    title: str
    # Alone in its paragraph: the renderer may return block markup (a figure).
    standalone: bool = False
    # The text's first picture: likely on the first screen, maybe the largest
    # thing there (LCP), so it is not lazy-loaded; the later ones are.
    first: bool = False


# fn(reference) -> HTML, or None to leave the image to the next renderer (and
# at last to plain <img>). The media app registers the one for library images,
# so core knows nothing of the library. Output still passes the sanitizer.
ImageRenderer = Callable[[ImageReference], str | None]
_image_renderers: list[ImageRenderer] = []


def register_image_renderer(renderer: ImageRenderer) -> None:
    """Let `renderer` turn Markdown images it recognises into HTML."""
    if renderer not in _image_renderers:
        _image_renderers.append(renderer)


def unregister_image_renderer(renderer: ImageRenderer) -> None:
    """Remove a renderer added by register_image_renderer (used by tests)."""
    if renderer in _image_renderers:
        _image_renderers.remove(renderer)


def _mark_standalone_images(state: StateCore) -> None:
    # A paragraph holding one image and nothing else is a picture in its own
    # right: its <p> is left out, so it can become a <figure>.
    tokens = state.tokens
    for index in range(len(tokens) - 2):
        opening, inline = tokens[index], tokens[index + 1]
        if (
            opening.type != "paragraph_open"
            or opening.hidden  # a tight list item: not a paragraph of its own
            or inline.type != "inline"
        ):
            continue
        children = [
            child
            for child in inline.children or []
            if not (child.type == "text" and not child.content.strip())
            and child.type != "softbreak"
        ]
        if len(children) == 1 and children[0].type == "image":
            children[0].meta["standalone"] = True
            opening.hidden = True
            tokens[index + 2].hidden = True


def _render_image(
    renderer: RendererHTML,
    tokens: list[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    token = tokens[idx]
    standalone = bool(token.meta.get("standalone"))
    first = not env.get("image_seen")
    env["image_seen"] = True
    reference = ImageReference(
        src=str(token.attrGet("src") or ""),
        alt=renderer.renderInlineAsText(token.children or [], options, env),
        title=str(token.attrGet("title") or ""),
        standalone=standalone,
        first=first,
    )
    for image_renderer in _image_renderers:
        markup = image_renderer(reference)
        if markup is not None:
            break
    else:
        token.attrSet("loading", "eager" if first else "lazy")
        token.attrSet("decoding", "async")
        markup = type(renderer).image(renderer, tokens, idx, options, env)
    if standalone and markup and not markup.lstrip().startswith("<figure"):
        markup = f"<p>{markup}</p>\n"
    return markup


def _article_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "replacements", "smartquotes", "strikethrough"])
    md.use(footnote_plugin)
    md.core.ruler.push("demote_h1", _demote_h1)
    md.core.ruler.push("standalone_images", _mark_standalone_images)
    md.add_render_rule("image", _render_image)
    md.use(anchors_plugin, min_level=2, max_level=4, permalink=False)
    return md


def _comment_parser() -> MarkdownIt:
    # Paragraphs, emphasis, links, lists, quotes and code; nothing else.
    md = MarkdownIt("zero", {"html": False, "linkify": False, "breaks": True})
    md.enable(
        [
            "paragraph",
            "emphasis",
            "link",
            "list",
            "blockquote",
            "backticks",
            "fence",
            "code",
            "newline",
            "escape",
            "autolink",
        ]
    )
    return md


ARTICLE_MARKDOWN = _article_parser()
COMMENT_MARKDOWN = _comment_parser()
_WORD = re.compile(r"\w+")


def _inline_text(inline: Token) -> str:
    """Return the words of an inline token, without markup or footnote marks."""
    return "".join(
        " " if child.type in ("softbreak", "hardbreak") else child.content
        for child in inline.children or []
        if child.type in ("text", "code_inline", "softbreak", "hardbreak")
    )


def render_article(source: str) -> RenderedArticle:
    """Render an article's Markdown to sanitized HTML with its outline."""
    tokens = ARTICLE_MARKDOWN.parse(source)
    toc = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrs.get("id"):
            inline = tokens[index + 1]
            toc.append(
                Heading(
                    level=int(token.tag[1]),
                    anchor=str(token.attrs["id"]),
                    text=_inline_text(inline),
                )
            )
    paragraphs = [
        _inline_text(tokens[index + 1])
        for index, token in enumerate(tokens)
        if token.type == "paragraph_open" and token.level == 0
    ]
    env: dict = {}  # one per text: _render_image marks its first picture there
    rendered = ARTICLE_MARKDOWN.renderer.render(tokens, ARTICLE_MARKDOWN.options, env)
    body = sanitize_article_html(rendered)
    text = html_to_text(body)
    lede = " ".join(" ".join(paragraphs[:3]).split()) or text
    return RenderedArticle(
        html=body,
        text=text,
        toc=toc,
        word_count=len(_WORD.findall(text)),
        lede=lede,
    )


def render_comment(source: str) -> str:
    """Render a comment's Markdown subset to sanitized HTML."""
    return sanitize_comment_html(COMMENT_MARKDOWN.render(source))


def html_to_text(fragment: str) -> str:
    """Return the plain text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(fragment)).split())


def excerpt(text: str, words: int = 40) -> str:
    """Return the first words of a text, with an ellipsis if it was cut."""
    whole = " ".join(text.split())
    # Truncator cuts at a word; the ellipsis then takes the place of a cut
    # clause's punctuation ("sleep…", not "sleep,…").
    cut = Truncator(whole).words(words, truncate="")
    return whole if cut == whole else cut.rstrip(",;:.") + "…"
