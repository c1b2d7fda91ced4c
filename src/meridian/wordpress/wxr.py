"""Read a WordPress export (WXR 1.0, 1.1, 1.2) as a stream of plain dataclasses.

The file is parsed with lxml's iterparse and every element is dropped once read,
so memory stays flat whatever the size of the export. Entities are never
expanded, no DTD is loaded and nothing is fetched from the network: an export
that declares entities at all is refused, since WordPress never writes one.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO

from lxml import etree

WP_NAMESPACE_PREFIX = "http://wordpress.org/export/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
SUPPORTED_VERSIONS = {"1.0", "1.1", "1.2"}


class WxrError(Exception):
    """The file cannot be read as a WordPress export; nothing was imported."""

    def __init__(self, message: str, line: int | None = None, column: int = 0):
        self.line = line
        where = f"line {line}" + (f", column {column}" if column else "")
        super().__init__(f"{where}: {message}" if line else message)


@dataclass
class WxrSite:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    version: str = ""

    @property
    def key(self) -> str:
        """Return what identifies the source site across exports."""
        return (self.base_blog_url or self.base_site_url or self.link).rstrip("/")


@dataclass
class WxrAuthor:
    login: str
    line: int
    wp_id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class WxrTerm:
    """A category or a tag (WXR's taxonomy is "category" or "post_tag")."""

    taxonomy: str
    slug: str
    name: str
    line: int
    wp_id: int | None = None
    parent_slug: str = ""
    description: str = ""


@dataclass
class WxrComment:
    wp_id: int
    line: int
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = "1"
    comment_type: str = ""
    parent_id: int = 0
    user_id: int = 0
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class WxrItem:
    """One post, page, attachment or other post type, with its comments."""

    wp_id: int
    line: int
    post_type: str = "post"
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    modified: str = ""
    modified_gmt: str = ""
    comment_status: str = "open"
    slug: str = ""
    status: str = "publish"
    parent_id: int = 0
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[WxrComment] = field(default_factory=list)


Entry = WxrAuthor | WxrTerm | WxrItem


# An export repeats a few dozen tag names millions of times: each is split once.
@cache
def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


@cache
def _namespace(tag: object) -> str:
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag[:1] == "{" else ""


@cache
def _is_wp(tag: object) -> bool:
    namespace = _namespace(tag)
    return namespace.startswith(WP_NAMESPACE_PREFIX) and not namespace.endswith(
        "/excerpt/"
    )


def _int(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        return 0


def _children(element) -> dict[str, str]:
    """Return the text of each WordPress-namespaced child, by local name."""
    values = {}
    for child in element:
        if _is_wp(child.tag) and len(child) == 0:
            values[_local(child.tag)] = child.text or ""
    return values


def _author(element) -> WxrAuthor:
    v = _children(element)
    return WxrAuthor(
        login=v.get("author_login", "").strip(),
        line=element.sourceline or 0,
        wp_id=_int(v["author_id"]) if v.get("author_id") else None,
        email=v.get("author_email", "").strip(),
        display_name=v.get("author_display_name", "").strip(),
        first_name=v.get("author_first_name", "").strip(),
        last_name=v.get("author_last_name", "").strip(),
    )


def _term(element, kind: str) -> WxrTerm:
    v = _children(element)
    line = element.sourceline or 0
    wp_id = _int(v["term_id"]) if v.get("term_id") else None
    if kind == "category":
        return WxrTerm(
            "category",
            v.get("category_nicename", "").strip(),
            v.get("cat_name", "").strip(),
            line,
            wp_id,
            v.get("category_parent", "").strip(),
            v.get("category_description", ""),
        )
    if kind == "tag":
        return WxrTerm(
            "post_tag",
            v.get("tag_slug", "").strip(),
            v.get("tag_name", "").strip(),
            line,
            wp_id,
            "",
            v.get("tag_description", ""),
        )
    return WxrTerm(
        v.get("term_taxonomy", "").strip(),
        v.get("term_slug", "").strip(),
        v.get("term_name", "").strip(),
        line,
        wp_id,
        v.get("term_parent", "").strip(),
        v.get("term_description", ""),
    )


def _comment(element) -> WxrComment:
    v = _children(element)
    meta = {}
    for child in element:
        if _is_wp(child.tag) and _local(child.tag) == "commentmeta":
            pair = _children(child)
            if pair.get("meta_key"):
                meta[pair["meta_key"]] = pair.get("meta_value", "")
    return WxrComment(
        meta=meta,
        wp_id=_int(v.get("comment_id", "")),
        line=element.sourceline or 0,
        author_name=v.get("comment_author", "").strip(),
        author_email=v.get("comment_author_email", "").strip(),
        author_url=v.get("comment_author_url", "").strip(),
        date=v.get("comment_date", "").strip(),
        date_gmt=v.get("comment_date_gmt", "").strip(),
        content=v.get("comment_content", ""),
        approved=v.get("comment_approved", "1").strip(),
        comment_type=v.get("comment_type", "").strip(),
        parent_id=_int(v.get("comment_parent", "0")),
        user_id=_int(v.get("comment_user_id", "0")),
    )


def _item(element, *, comments: bool = True) -> WxrItem:
    item = WxrItem(wp_id=0, line=element.sourceline or 0)
    for child in element:
        tag, name = child.tag, _local(child.tag)
        text = child.text or ""
        if _is_wp(tag):
            if name == "postmeta":
                meta = _children(child)
                if meta.get("meta_key"):
                    item.meta[meta["meta_key"]] = meta.get("meta_value", "")
            elif name == "comment":
                if comments:
                    item.comments.append(_comment(child))
            else:
                _item_field(item, name, text)
        elif tag == f"{{{CONTENT_NS}}}encoded":
            item.content = text
        elif name == "encoded" and _namespace(tag).endswith("/excerpt/"):
            item.excerpt = text
        elif tag == f"{{{DC_NS}}}creator":
            item.creator = text.strip()
        elif tag == "category":
            _item_term(item, child)
        elif tag in ("title", "link", "guid"):
            setattr(item, tag, text.strip())
    return item


_ITEM_TEXT = {
    "post_date": "post_date",
    "post_date_gmt": "post_date_gmt",
    "post_modified": "modified",
    "post_modified_gmt": "modified_gmt",
    "comment_status": "comment_status",
    "post_name": "slug",
    "status": "status",
    "post_type": "post_type",
    "post_password": "password",
    "attachment_url": "attachment_url",
}


def _item_field(item: WxrItem, name: str, text: str) -> None:
    if name in _ITEM_TEXT:
        setattr(item, _ITEM_TEXT[name], text.strip())
    elif name == "post_id":
        item.wp_id = _int(text)
    elif name == "post_parent":
        item.parent_id = _int(text)
    elif name == "menu_order":
        item.menu_order = _int(text)
    elif name == "is_sticky":
        item.sticky = text.strip() == "1"


def _item_term(item: WxrItem, element) -> None:
    domain = element.get("domain", "category")
    name = (element.text or "").strip()
    slug = (element.get("nicename") or "").strip()
    if domain == "category":
        target = item.categories
    elif domain in ("post_tag", "tag"):
        target = item.tags
    else:
        return
    # WXR 1.0 lists each term twice, once without its nicename.
    if not slug and any(existing_name == name for _s, existing_name in target):
        return
    if slug:
        target[:] = [(s, n) for s, n in target if s or n != name]
    target.append((slug, name))


class WxrReader:
    """Iterate over the authors, terms and items of an export, in file order."""

    def __init__(self, source: str | Path | IO[bytes], *, comments: bool = True):
        self.source = source
        self.site = WxrSite()
        # Without them, items come with no comments: a quicker first reading.
        self.comments = comments

    def __iter__(self) -> Iterator[Entry]:
        context = etree.iterparse(
            self.source,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        channel = None
        seen_root = False
        try:
            for event, element in context:
                if not seen_root:
                    seen_root = True
                    self._check_root(element)
                    continue
                if event == "start":
                    if channel is None and element.tag == "channel":
                        channel = element
                    continue
                if channel is None or element.getparent() is not channel:
                    continue
                entry = self._channel_child(element)
                # The element is read: drop it, and anything before it.
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del channel[0]
                if entry is not None:
                    yield entry
        except etree.XMLSyntaxError as error:
            line, column = error.position if error.position else (error.lineno, 0)
            raise WxrError(_syntax_message(error), line, column) from error
        if channel is None:
            raise WxrError(
                "this is an RSS file but not a WordPress export (no channel)"
            )
        if not self.site.version:
            raise WxrError(
                "this is an RSS feed, not a WordPress export (no wp:wxr_version)"
            )

    def _check_root(self, element) -> None:
        docinfo = element.getroottree().docinfo
        dtd = docinfo.internalDTD
        if dtd is not None and (list(dtd.iterentities()) or docinfo.system_url):
            raise WxrError(
                "the file declares XML entities, which a WordPress export never does;"
                " it was refused as unsafe",
                element.sourceline,
            )
        if element.tag != "rss":
            raise WxrError(
                "this is not a WordPress export: it starts with"
                f" <{_local(element.tag)}> instead of <rss>",
                element.sourceline,
            )

    def _channel_child(self, element) -> Entry | None:
        tag, name = element.tag, _local(element.tag)
        if tag == "item":
            return _item(element, comments=self.comments)
        if _is_wp(tag):
            if name == "wxr_version":
                version = (element.text or "").strip()
                if version not in SUPPORTED_VERSIONS:
                    raise WxrError(
                        f"WXR version {version!r} is not one this importer reads"
                        " (1.0, 1.1, 1.2)",
                        element.sourceline,
                    )
                self.site.version = version
            elif name in ("base_site_url", "base_blog_url"):
                setattr(self.site, name, (element.text or "").strip())
            elif name == "author":
                return _author(element)
            elif name in ("category", "tag", "term"):
                return _term(element, name)
        elif tag in ("title", "link"):
            setattr(self.site, tag, (element.text or "").strip())
        return None


_POSITION = re.compile(r"(, line \d+)+, column \d+$")


def _syntax_message(error: etree.XMLSyntaxError) -> str:
    text = _POSITION.sub("", str(error.msg or error).strip())
    lowered = text.lower()
    if "not proper utf-8" in lowered or "encoding" in lowered:
        return (
            "the file is not in the encoding it declares (WordPress writes UTF-8):"
            f" {text}"
        )
    if "premature end" in lowered or "end of data" in lowered:
        return f"the file ends too early, perhaps cut off while downloading: {text}"
    if "entity" in lowered:
        return f"the file uses an XML entity that is not allowed: {text}"
    return f"the file is not well-formed XML: {text}"
