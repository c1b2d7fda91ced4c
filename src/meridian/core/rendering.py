"""Markdown to safe HTML: markdown-it-py, then the nh3 allow-list, once, on save."""

import html
import math
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
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


def _article_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "replacements", "smartquotes", "strikethrough"])
    md.use(footnote_plugin)
    md.core.ruler.push("demote_h1", _demote_h1)
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
    rendered = ARTICLE_MARKDOWN.renderer.render(tokens, ARTICLE_MARKDOWN.options, {})
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
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:.") + "…"
