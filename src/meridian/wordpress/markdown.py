"""Sanitized HTML to the Markdown that Meridian's articles and comments are written in.

Imported content becomes ordinary Markdown, so writers edit it in the Studio like
anything else and the one rendering pipeline (core/rendering.py) turns it back into
HTML. What Markdown cannot say (colspans, classes) is lost; the words never are.
"""

import re
from collections.abc import Callable

from lxml import etree, html

_BR = "\x00"  # a hard line break while inline text is assembled
_SPACE = re.compile(r"[ \t\r\n\f]+")
_ESCAPE = re.compile(r"([\\`*\[\]<>|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LONE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_LINE_START = re.compile(r"^([ ]{0,3})([#>+=-]|\d{1,9}(?=[.)]))", re.MULTILINE)
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
}  # fmt: skip

UrlRewriter = Callable[[str], str]


def escape_text(text: str) -> str:
    """Return plain text with the characters Markdown would act on escaped."""
    text = _ESCAPE.sub(r"\\\1", text)
    text = _LONE_UNDERSCORE.sub(r"\\_", text)
    return _ENTITY_LIKE.sub("&amp;", text)


def _escape_line_starts(text: str) -> str:
    def escape(match: re.Match) -> str:
        indent, mark = match.group(1), match.group(2)
        if mark.isdigit():
            return f"{indent}{mark}\\"
        return f"{indent}\\{mark}"

    return _LINE_START.sub(escape, text)


def _code_span(text: str) -> str:
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link_target(url: str, title: str = "") -> str:
    url = url.strip()
    if not url or re.search(r"[\s()<>]", url):
        url = "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    if title:
        return f'{url} "{title.replace(chr(34), chr(92) + chr(34))}"'
    return url


class _Converter:
    def __init__(self, rewrite_url: UrlRewriter | None):
        self.rewrite_url = rewrite_url or (lambda url: url)

    # Inline content -------------------------------------------------------------
    def inline(self, element) -> str:
        parts = [escape_text(element.text or "")]
        for child in element:
            parts.append(self.inline_element(child))
            parts.append(escape_text(child.tail or ""))
        return "".join(parts)

    def inline_element(self, element) -> str:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            return _BR
        if tag == "img":
            return self.image(element)
        if tag in ("strong", "b"):
            return self.wrap(element, "**")
        if tag in ("em", "i", "cite"):
            return self.wrap(element, "*")
        if tag in ("del", "s", "strike"):
            return self.wrap(element, "~~")
        if tag in ("code", "kbd", "samp", "tt"):
            text = _SPACE.sub(" ", element.text_content())
            return _code_span(text) if text else ""
        if tag == "a":
            return self.link(element)
        if tag == "q":
            return "“" + self.inline(element) + "”"
        if tag in _BLOCK_TAGS:
            return " " + self.inline(element) + " "
        return self.inline(element)

    def wrap(self, element, mark: str) -> str:
        inner = _collapse(self.inline(element))
        if not inner.strip(" "):
            return inner
        lead = " " if inner.startswith(" ") else ""
        trail = " " if inner.endswith(" ") else ""
        return f"{lead}{mark}{inner.strip(' ')}{mark}{trail}"

    def link(self, element) -> str:
        inner = _collapse(self.inline(element)).strip(" ")
        href = (element.get("href") or "").strip()
        if not href:
            return inner
        href = self.rewrite_url(href)
        if not inner:
            return ""
        if inner == escape_text(href) and re.match(r"https?://[^\s<>]+$", href):
            return f"<{href}>"
        return f"[{inner}]({_link_target(href, element.get('title') or '')})"

    def image(self, element) -> str:
        src = (element.get("src") or "").strip()
        if not src:
            return ""
        alt = escape_text(_SPACE.sub(" ", element.get("alt") or "").strip())
        title = element.get("title") or ""
        return f"![{alt}]({_link_target(self.rewrite_url(src), title)})"

    # Blocks -----------------------------------------------------------------------
    def blocks(self, element) -> list[str]:
        """Return the Markdown blocks for the content of an element."""
        out: list[str] = []
        run: list[str] = [escape_text(element.text or "")]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _BLOCK_TAGS:
                self.flush(run, out)
                run = []
                out.extend(self.block(child))
            else:
                run.append(self.inline_element(child))
            run.append(escape_text(child.tail or ""))
        self.flush(run, out)
        return out

    def flush(self, run: list[str], out: list[str]) -> None:
        text = _paragraph("".join(run))
        if text:
            out.append(text)

    def block(self, element) -> list[str]:
        tag = element.tag
        if tag == "p":
            text = _paragraph(self.inline(element))
            return [text] if text else []
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _collapse(self.inline(element).replace(_BR, " ")).strip()
            return [f"{'#' * int(tag[1])} {text}"] if text else []
        if tag in ("ul", "ol"):
            return self.list_block(element)
        if tag == "li":
            return self.blocks(element)
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(element))
            return [_prefix(inner, "> ", ">")] if inner else []
        if tag == "pre":
            return [self.code_block(element)]
        if tag == "hr":
            return ["---"]
        if tag == "table":
            return self.table(element)
        if tag == "figure":
            return self.figure(element)
        if tag == "dt":
            text = _paragraph(self.inline(element))
            return [f"**{text}**"] if text else []
        return self.blocks(element)

    def list_block(self, element) -> list[str]:
        ordered = element.tag == "ol"
        number = _int(element.get("start"), 1)
        items = [child for child in element if child.tag == "li"]
        loose = any(
            isinstance(sub.tag, str) and sub.tag == "p"
            for item in items
            for sub in item
        )
        rendered = []
        for item in items:
            marker = f"{number}. " if ordered else "- "
            number += 1
            body = ("\n\n" if loose else "\n").join(self.blocks(item))
            indent = " " * len(marker)
            lines = body.split("\n")
            text = marker + lines[0]
            for line in lines[1:]:
                text += "\n" + (indent + line if line else "")
            rendered.append(text.rstrip())
        if not rendered:
            return []
        return [("\n\n" if loose else "\n").join(rendered)]

    def code_block(self, element) -> str:
        code = element.find("code")
        source = code if code is not None else element
        text = source.text_content().strip("\n")
        language = ""
        for cls in (source.get("class") or "").split():
            if cls.startswith("language-"):
                language = cls[len("language-") :]
        runs = [len(run) for run in re.findall(r"`{3,}", text)]
        fence = "`" * max(3, max(runs, default=0) + 1)
        return f"{fence}{language}\n{text}\n{fence}"

    def figure(self, element) -> list[str]:
        caption = element.find("figcaption")
        images = element.findall(".//img")
        if caption is not None and len(images) == 1:
            src = (images[0].get("src") or "").strip()
            moved = self.rewrite_url(src)
            if moved != src:
                # A library image: its caption is the Markdown title, which the
                # renderer shows as a <figure> with <figcaption>.
                alt = escape_text(_collapse(images[0].get("alt") or "").strip())
                text = _collapse(caption.text_content()).strip()
                return [f"![{alt}]({_link_target(moved, text)})"]
        if caption is not None:
            element.remove(caption)
        blocks = self.blocks(element)
        if caption is not None:
            text = _paragraph(self.inline(caption))
            if text:
                blocks.append(f"*{text}*")
        return blocks

    def table(self, element) -> list[str]:
        rows = []
        for row in element.iter("tr"):
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            rows.append(
                [
                    _collapse(self.inline(cell).replace(_BR, " "))
                    .strip()
                    .replace("\n", " ")
                    for cell in cells
                ]
            )
        rows = [row for row in rows if row]
        if not rows:
            return []
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        header, *body = rows
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        caption = element.find("caption")
        blocks = ["\n".join(lines)]
        if caption is not None and caption.text_content().strip():
            blocks.insert(0, _paragraph(self.inline(caption)))
        return blocks


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text)


def _paragraph(text: str) -> str:
    text = _collapse(text)
    text = re.sub(rf" ?{_BR} ?", _BR, text).strip(" " + _BR)
    text = _escape_line_starts(text.replace(_BR, "\n"))
    return text.replace("\n", "\\\n")


def _prefix(text: str, prefix: str, empty: str) -> str:
    return "\n".join(prefix + line if line else empty for line in text.split("\n"))


def html_to_markdown(fragment: str, rewrite_url: UrlRewriter | None = None) -> str:
    """Return Markdown that renders to the same text and structure as `fragment`."""
    if not fragment.strip():
        return ""
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return escape_text(fragment)
    return "\n\n".join(_Converter(rewrite_url).blocks(root)).strip() + "\n"


def text_to_markdown(text: str) -> str:
    """Return plain text, line breaks kept, as Markdown that shows it unchanged."""
    return _escape_line_starts(escape_text(text))
