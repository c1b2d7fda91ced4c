"""WordPress shortcodes: [caption] and [gallery] become figures, embeds become links.

Any other shortcode belongs to a plugin Meridian does not have: it stays visible as
text, so nothing is silently lost, and is counted for the import report.
"""

import html
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# After get_shortcode_regex() in wp-includes/shortcodes.php, for any name.
_SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)(?![\w-])"  # [[escaped, name
    r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"  # attributes
    r"(?:(/)\]|\](?:([^\[]*(?:\[(?!/\2\])[^\[]*)*)\[/\2\])?)"  # /] or ]content[/name]
    r"(\]?)",
    re.DOTALL,
)
# After shortcode_parse_atts().
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)"""
    r"""|(\S+)(?:\s|$)"""
)
_CAPTIONED = re.compile(
    r"^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL | re.I
)
_MEDIA_ATTRIBUTES = ("src", "mp4", "m4v", "webm", "ogv", "flv", "mp3", "ogg", "wav")


@dataclass(frozen=True)
class Attachment:
    """What a gallery or a caption needs to know about a WordPress attachment."""

    url: str
    alt: str = ""
    caption: str = ""
    parent_id: int = 0
    file: str = ""  # its path under wp-content/uploads (_wp_attached_file)
    line: int = 0


AttachmentLookup = Callable[[int], Attachment | None]


def parse_attributes(text: str) -> dict[str, str]:
    """Return a shortcode's attributes; positional ones are keyed "0", "1", ..."""
    attributes: dict[str, str] = {}
    position = 0
    for match in _ATTRIBUTE.finditer(html.unescape(text.replace("\xa0", " "))):
        groups = match.groups()
        for key, value in ((0, 1), (2, 3), (4, 5)):
            if groups[key]:
                attributes[groups[key].lower()] = groups[value]
                break
        else:
            attributes[str(position)] = next(g for g in groups[6:] if g is not None)
            position += 1
    return attributes


def _looks_like_shortcode(name: str, attributes: str, closed: bool) -> bool:
    # Brackets in prose ("[sic]", "[citation needed]") are not shortcodes.
    return closed or "=" in attributes or "-" in name or "_" in name


def _link(url: str) -> str:
    url = html.escape(url.strip(), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def _figure(image: str, caption: str) -> str:
    caption = caption.strip()
    if not caption:
        return f"<figure>{image}</figure>"
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"


class ShortcodeConverter:
    """Turn the shortcodes WordPress's core knows into HTML, counting the others."""

    def __init__(self, attachments: AttachmentLookup, children: Mapping | None = None):
        self.attachments = attachments
        self.children = children or {}
        self.unknown: Counter[str] = Counter()

    def convert(self, text: str, post_id: int = 0) -> str:
        if "[" not in text:
            return text
        return _SHORTCODE.sub(lambda m: self._one(m, post_id), text)

    def _one(self, match: re.Match, post_id: int) -> str:
        opening, name, raw_attributes, self_closed, content, closing = match.groups()
        if opening == "[" and closing == "]":
            return match.group(0)[1:-1]
        attributes = parse_attributes(raw_attributes)
        content = content or ""
        key = name.lower()
        if key in ("caption", "wp_caption"):
            return self.caption(attributes, self.convert(content, post_id))
        if key == "gallery":
            return self.gallery(attributes, post_id)
        if key == "embed":
            return _link(content) if content.strip() else ""
        if key in ("video", "audio"):
            for attribute in _MEDIA_ATTRIBUTES:
                if attributes.get(attribute):
                    return _link(attributes[attribute])
            return _link(content) if content.strip() else ""
        closed = bool(self_closed) or match.group(5) is not None
        if _looks_like_shortcode(name, raw_attributes, closed):
            self.unknown[key] += 1
        return match.group(0)

    def caption(self, attributes: dict[str, str], content: str) -> str:
        found = _CAPTIONED.match(content)
        if not found:
            return content
        image, text = found.groups()
        return _figure(image, attributes.get("caption") or text)

    def gallery(self, attributes: dict[str, str], post_id: int) -> str:
        ids = [int(i) for i in re.findall(r"\d+", attributes.get("ids", ""))]
        if not ids and "include" in attributes:
            ids = [int(i) for i in re.findall(r"\d+", attributes["include"])]
        if not ids:
            ids = list(self.children.get(post_id, ()))
        figures = []
        for attachment_id in ids:
            attachment = self.attachments(attachment_id)
            if attachment is None or not attachment.url:
                continue
            src = html.escape(attachment.url, quote=True)
            alt = html.escape(attachment.alt, quote=True)
            image = f'<img src="{src}" alt="{alt}">'
            figures.append(_figure(image, html.escape(attachment.caption)))
        return "\n".join(figures)
