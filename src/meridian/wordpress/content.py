"""WordPress post and comment content to Meridian's Markdown, reading as it did.

The order is WordPress's own display filters, where it matters: block-editor
comments dropped, shortcodes and embeds, then wpautop() for classic posts; the HTML
that results goes through the project's one sanitizer before it becomes Markdown.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from meridian.core.sanitizing import sanitize_article_html, sanitize_comment_html

from .autop import wpautop
from .markdown import UrlRewriter, html_to_markdown, text_to_markdown
from .shortcodes import ShortcodeConverter

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\n?", re.DOTALL)
_MARKER_COMMENT = re.compile(r"<!--\s*(?:more|nextpage|noteaser)\b.*?-->", re.DOTALL)
# A URL alone on its line is an embed in WordPress (WP_Embed::autoembed).
_EMBED_LINE = re.compile(r"^([ \t]*)(https?://[^\s<>\"]+)([ \t]*)$", re.MULTILINE)
_IFRAME = re.compile(
    r"<iframe\b[^>]*?\bsrc=(['\"])(.*?)\1[^>]*>.*?(?:</iframe>|$)",
    re.DOTALL | re.IGNORECASE,
)
_YOUTUBE_EMBED = re.compile(
    r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"
)


@dataclass
class ConvertedContent:
    markdown: str
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)


def _iframe_link(match: re.Match) -> str:
    url = html.unescape(match.group(2)).strip()
    youtube = _YOUTUBE_EMBED.match(url)
    if youtube:
        url = f"https://www.youtube.com/watch?v={youtube.group(1)}"
    elif url.startswith("//"):
        url = "https:" + url
    url = html.escape(url, quote=True)
    return f'\n\n<p><a href="{url}">{url}</a></p>\n\n'


def _embed_line(match: re.Match) -> str:
    url = html.escape(match.group(2), quote=True)
    return f'{match.group(1)}<a href="{url}">{url}</a>{match.group(3)}'


def post_html(content: str, shortcodes: ShortcodeConverter, post_id: int = 0) -> str:
    """Return a post's content as the sanitized HTML WordPress would have shown."""
    has_blocks = "<!-- wp:" in content
    text = _BLOCK_COMMENT.sub("", content) if has_blocks else content
    text = _MARKER_COMMENT.sub("", text)
    text = shortcodes.convert(text, post_id)
    text = _IFRAME.sub(_iframe_link, text)
    text = _EMBED_LINE.sub(_embed_line, text)
    if not has_blocks:
        text = wpautop(text)
    return sanitize_article_html(text)


def convert_post(
    content: str,
    shortcodes: ShortcodeConverter,
    post_id: int = 0,
    rewrite_url: UrlRewriter | None = None,
) -> ConvertedContent:
    """Return a post's content as Markdown, with the unknown shortcodes it kept."""
    before = Counter(shortcodes.unknown)
    markdown = html_to_markdown(post_html(content, shortcodes, post_id), rewrite_url)
    return ConvertedContent(markdown, shortcodes.unknown - before)


def convert_comment(content: str) -> str:
    """Return a comment's text as the Markdown subset comments are written in."""
    if "<" not in content and "&" not in content:
        # Plain text, the common case: line breaks already mean what they did.
        return text_to_markdown(content.replace("\r\n", "\n").strip())
    return html_to_markdown(sanitize_comment_html(wpautop(content)))


_MARKDOWN_IMAGE = re.compile(r"(!\[[^\]]*\]\(\s*<?)([^\s)>]+)")


def rewrite_markdown_images(markdown: str, rewrite_url: UrlRewriter) -> str:
    """Return Markdown with each image address passed through `rewrite_url`."""
    return _MARKDOWN_IMAGE.sub(lambda m: m.group(1) + rewrite_url(m.group(2)), markdown)
