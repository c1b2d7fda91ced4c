"""WordPress's wpautop(): paragraphs and line breaks from a classic post's blank lines.

A port of wpautop() in wp-includes/formatting.php, step for step, so classic-editor
posts read as they did on WordPress. Block-editor posts already carry their <p> tags
and skip it, as WordPress itself does.
"""

import re

_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
    r"|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend"
    r"|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details"
    r"|menu|summary)"
)
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>")
_BLOCK_OPEN = re.compile(r"(<" + _BLOCKS + r"[\s/>])")
_BLOCK_CLOSE = re.compile(r"(</" + _BLOCKS + r">)")
_HR = re.compile(r"(<hr\s*?/?>)")
# Tags and comments, whose inner newlines must not become paragraphs.
_HTML_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_NEWLINES = re.compile(r"\n\n+")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>")
_UNCLOSED_P = re.compile(r"<p>([^<]+)</(div|address|form)>")
_P_AROUND_BLOCK = re.compile(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)\s*</p>")
_P_AROUND_LI = re.compile(r"<p>(<li.+?)</p>")
_P_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)")
_P_AFTER_BLOCK = re.compile(r"(</?" + _BLOCKS + r"[^>]*>)\s*</p>")
_PRESERVE = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_NEWLINE_TO_BR = re.compile(r"(?<!<br />)\s*\n")
_BR_AFTER_BLOCK = re.compile(r"(</?" + _BLOCKS + r"[^>]*>)\s*<br />")
_BR_BEFORE_BLOCK = re.compile(
    r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"
)
_FIGCAPTION_BEFORE = re.compile(r"\s*(<figcaption[^>]*>)")
_FIGCAPTION_AFTER = re.compile(r"</figcaption>\s*")
_NL_PLACEHOLDER = " <!-- wpnl --> "


def _hide_pre(text: str) -> tuple[str, dict[str, str]]:
    # <pre> is left as written: split on </pre> as WordPress does.
    if "<pre" not in text:
        return text, {}
    parts = text.split("</pre>")
    last = parts.pop()
    kept: dict[str, str] = {}
    out = []
    for index, part in enumerate(parts):
        start = part.find("<pre")
        if start == -1:
            out.append(part)
            continue
        name = f"<pre wp-pre-tag-{index}></pre>"
        kept[name] = part[start:] + "</pre>"
        out.append(part[:start] + name)
    out.append(last)
    return "".join(out), kept


def wpautop(text: str, br: bool = True) -> str:
    """Return text with double line breaks turned into paragraphs, as WordPress does."""
    if not text.strip():
        return ""
    text, pre_tags = _hide_pre(text + "\n")
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _HR.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HTML_TAG.sub(lambda m: m.group(0).replace("\n", _NL_PLACEHOLDER), text)
    if "<figcaption" in text:
        text = _FIGCAPTION_BEFORE.sub(r"\1", text)
        text = _FIGCAPTION_AFTER.sub("</figcaption>", text)
    text = _NEWLINES.sub("\n\n", text)
    paragraphs = [p for p in _PARAGRAPH_SPLIT.split(text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = _EMPTY_P.sub("", text)
    text = _UNCLOSED_P.sub(r"<p>\1</p></\2>", text)
    text = _P_AROUND_BLOCK.sub(r"\1", text)
    text = _P_AROUND_LI.sub(r"\1", text)
    text = _P_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1", text)
    if br:
        text = _PRESERVE.sub(
            lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"), text
        )
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = _NEWLINE_TO_BR.sub("<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    if text.endswith("\n</p>"):
        text = text[:-5] + "</p>"
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    if "<!-- wpnl -->" in text:
        text = text.replace(_NL_PLACEHOLDER, "\n").replace("<!-- wpnl -->", "\n")
    return text
