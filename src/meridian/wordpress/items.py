"""Write one WordPress author, term or item at a time, each in its own transaction."""

import hashlib
import logging
import re
from collections import defaultdict
from urllib.parse import unquote

from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.text import slugify

from meridian.core.rendering import html_to_text
from meridian.journal.models import Category, Page, Post, Tag

from . import addresses, dates
from .attachments import MediaImport
from .authors import Authors
from .content import convert_post, rewrite_markdown_images
from .discussion import create_comments, import_comments
from .models import ImportedComment, ImportedPost, ImportedTerm, Source
from .report import ImportReport
from .shortcodes import ShortcodeConverter
from .wxr import WxrAuthor, WxrItem, WxrTerm

logger = logging.getLogger(__name__)

# WordPress's internal post types: none of them is content a reader saw.
QUIET_TYPES = {
    "revision",
    "nav_menu_item",
    "customize_changeset",
    "oembed_cache",
    "user_request",
    "wp_global_styles",
    "wp_navigation",
    "wp_template",
    "wp_template_part",
    "wp_font_family",
    "wp_font_face",
    "custom_css",
}
STATUS = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.PUBLISHED,
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.REVIEW,
    "private": Post.Status.DRAFT,
    "auto-draft": Post.Status.DRAFT,
}
# Yoast SEO's replacement variables: %%title%%, %%sep%%, %%sitename%%...
_YOAST_VARIABLE = re.compile(r"%%[A-Za-z0-9_]+%%")


def _plain(text: str) -> str:
    """Return the text of a title or excerpt, which WordPress may give as HTML."""
    return (
        html_to_text(text) if ("<" in text or "&" in text) else " ".join(text.split())
    )


def _label(item: WxrItem) -> str:
    title = item.title.strip() or "(no title)"
    return f"{item.post_type} {item.wp_id} “{title[:60]}”"


def _seo(value: str, length: int, names: dict[str, str], default: str = "") -> str:
    """Return an SEO plugin's title or description, its variables replaced.

    Variables not in `names` are dropped; a text that comes out as `default`
    (what Meridian shows when the field is empty) is left empty.
    """
    text = value.strip()
    if "%%" in text:
        for name, replacement in names.items():
            text = text.replace(f"%%{name}%%", replacement)
        text = " ".join(_YOAST_VARIABLE.sub(" ", text).split())
        if text == default:
            return ""
    return text[:length]


def _slug(raw: str, fallback: str, length: int) -> str:
    # WordPress stores non-ASCII slugs percent-encoded.
    slug = slugify(unquote(raw), allow_unicode=True) or slugify(
        fallback, allow_unicode=True
    )
    return (slug or "untitled")[:length].strip("-") or "untitled"


def _free_slug(model, slug: str, length: int, own_pk) -> str:
    taken = model.objects.exclude(pk=own_pk) if own_pk else model.objects
    candidate, number = slug, 1
    while taken.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = slug[: length - len(suffix)] + suffix
    return candidate


def _digest(item: WxrItem) -> str:
    fields = {k: v for k, v in vars(item).items() if k not in ("line", "comments")}
    return hashlib.blake2b(
        repr(sorted(fields.items())).encode(), digest_size=16
    ).hexdigest()


class ItemImporter:
    def __init__(
        self,
        *,
        source: Source,
        scan,
        report: ImportReport,
        authors: Authors,
        media: MediaImport,
    ):
        self.source = source
        self.scan = scan
        self.report = report
        self.authors = authors
        self.media = media
        self.shortcodes = ShortcodeConverter(scan.attachments.get, scan.children)
        self.categories: dict[str, Category] = {}
        self.category_parents: dict[str, str] = {}
        self.tags: dict[str, Tag] = {}
        # Per batch of items: their mappings, read at once, and what their
        # writes leave for the end of the batch.
        self.mappings: dict[int, ImportedPost] = {}
        self.known_comments: dict[int, dict[int, ImportedComment]] = {}
        self.new_threads: list[tuple[WxrItem, Post]] = []
        self.new_addresses: list[tuple[WxrItem, list[tuple[str, str]]]] = []

    def start_batch(self, entries: list) -> None:
        """Read the mappings of the batch's posts and pages in one query."""
        wp_ids = [
            entry.wp_id
            for entry in entries
            if isinstance(entry, WxrItem) and entry.post_type in ("post", "page")
        ]
        self.mappings = {
            mapping.wp_id: mapping
            for mapping in ImportedPost.objects.select_related("post", "page").filter(
                source=self.source, wp_id__in=wp_ids
            )
        }
        # And the comments already imported on those articles, for a second run.
        self.known_comments = defaultdict(dict)
        post_ids = [m.post_id for m in self.mappings.values() if m.post_id]
        for row in ImportedComment.objects.filter(
            source=self.source, comment__post_id__in=post_ids
        ).select_related("comment"):
            self.known_comments[row.comment.post_id][row.wp_id] = row

    def finish_batch(self) -> None:
        """Write what the batch's items left for the end of the batch."""
        threads, self.new_threads = self.new_threads, []
        create_comments(self, threads)
        self._remember_addresses()

    def _remember_addresses(self) -> None:
        written, self.new_addresses = self.new_addresses, []
        try:
            with transaction.atomic():
                self.report.redirects += addresses.remember(
                    [pair for _item, pairs in written for pair in pairs]
                )
            return
        except Exception:
            logger.info("Old addresses one item at a time", exc_info=True)
        for item, pairs in written:
            try:
                with transaction.atomic():
                    self.report.redirects += addresses.remember(pairs)
            except Exception as error:
                logger.exception("Old addresses of the item at line %s", item.line)
                self.report.note(
                    "posts" if item.post_type == "post" else "pages",
                    item.line,
                    _label(item),
                    f"its old addresses could not be kept: {error}",
                )

    # Authors and terms -------------------------------------------------------------
    def author(self, author: WxrAuthor) -> None:
        if not author.login:
            self.report.fail("authors", author.line, "author", "no login")
            return
        try:
            with transaction.atomic():
                user, outcome = self.authors.upsert(author)
                if outcome != "skipped":
                    self.report.redirects += addresses.remember_author(
                        author.login, author.wp_id, user
                    )
        except Exception as error:
            logger.exception("WordPress author at line %s", author.line)
            self.report.fail("authors", author.line, author.login, str(error))
            return
        self.report.count("authors", outcome)

    def term(self, term: WxrTerm) -> None:
        kind = {"category": "categories", "post_tag": "tags"}.get(term.taxonomy)
        label = f"{term.taxonomy} “{term.name or term.slug}”"
        if kind is None:
            self.report.count("other", "skipped")
            return
        if not (term.slug or term.name):
            self.report.fail(kind, term.line, label, "no name and no slug")
            return
        try:
            with transaction.atomic():
                obj, outcome = self._upsert_term(term)
                if outcome != "skipped":
                    self._remember_term(term, obj)
        except Exception as error:
            logger.exception("WordPress term at line %s", term.line)
            self.report.fail(kind, term.line, label, str(error))
            return
        self.report.count(kind, outcome)

    def _upsert_term(self, term: WxrTerm) -> tuple[Category | Tag, str]:
        is_category = term.taxonomy == "category"
        model: type[Category] | type[Tag] = Category if is_category else Tag
        slug = _slug(term.slug, term.name, 100)
        key = term.slug or slug
        description = _plain(term.description) if is_category else ""
        mapping = (
            ImportedTerm.objects.select_related("category", "tag")
            .filter(source=self.source, taxonomy=term.taxonomy, slug=key)
            .first()
        )
        obj: Category | Tag | None = None
        if mapping is not None:
            obj = mapping.category if is_category else mapping.tag
        outcome = "skipped"
        if mapping is None or obj is None:
            obj = model.objects.filter(slug=slug).first()
            if obj is None:
                name = (term.name or unquote(term.slug))[:100]
                if model.objects.filter(name=name).exists():
                    name = f"{name[:90]} ({slug[:6]})"
                obj = model(slug=slug, name=name)
                if isinstance(obj, Category):
                    obj.description = description
                obj.save()
            outcome = "imported"
            mapping = ImportedTerm(source=self.source, taxonomy=term.taxonomy, slug=key)
        elif isinstance(obj, Category) and obj.description != description:
            obj.description = description
            obj.save()
            outcome = "updated"
        mapping.wp_id = term.wp_id
        mapping.parent_slug = term.parent_slug
        if is_category and term.parent_slug:
            self.category_parents[key] = term.parent_slug
        if isinstance(obj, Category):
            mapping.category, mapping.tag = obj, None
            self.categories[key] = obj
        else:
            mapping.category, mapping.tag = None, obj
            self.tags[key] = obj
        mapping.save()
        return obj, outcome

    def _remember_term(self, term: WxrTerm, obj: Category | Tag) -> None:
        parents, parent, seen = "", self.category_parents.get(term.slug, ""), set()
        while parent and parent not in seen:
            seen.add(parent)
            parents = f"{parent}/{parents}"
            parent = self.category_parents.get(parent, "")
        self.report.redirects += addresses.remember_term(
            term.taxonomy, term.slug, term.wp_id, obj, parents
        )

    def _term(self, taxonomy: str, slug: str, name: str):
        cache = self.categories if taxonomy == "category" else self.tags
        key = slug or _slug("", name, 100)
        if key not in cache:
            self._upsert_term(WxrTerm(taxonomy, key, name or key, 0))
        return cache[key]

    # Items ----------------------------------------------------------------------------
    def item(self, item: WxrItem) -> None:
        if item.post_type in ("post", "page"):
            self.post_or_page(item)
        elif item.post_type == "attachment":
            pass  # imported before the posts that show them (attachments.py)
        elif item.post_type in QUIET_TYPES:
            self.report.count("other", "skipped")
        else:
            self.report.skip(
                "other",
                item.line,
                _label(item),
                f"the post type “{item.post_type}” has no place in Meridian",
            )

    def post_or_page(self, item: WxrItem) -> None:
        kind = "posts" if item.post_type == "post" else "pages"
        if item.status in ("trash", "inherit"):
            self.report.skip(kind, item.line, _label(item), "in the WordPress trash")
            return
        if not item.wp_id:
            self.report.fail(kind, item.line, _label(item), "no wp:post_id")
            return
        digest = _digest(item)
        mapping = self.mappings.get(item.wp_id)
        unchanged = mapping is not None and mapping.digest == digest
        try:
            if mapping is not None and unchanged:
                self.report.count(kind, "skipped")
                target = mapping.post if kind == "posts" else None
            else:
                with transaction.atomic():
                    target, written, pairs = self._write(item, kind, mapping, digest)
                self.mappings[item.wp_id] = written
                # Written with the batch's others (finish_batch).
                self.new_addresses.append((item, pairs))
                self.report.count(kind, "updated" if mapping else "imported")
        except Exception as error:
            logger.exception("WordPress item at line %s", item.line)
            self.report.fail(kind, item.line, _label(item), str(error))
            return
        if item.comments:
            if kind == "posts" and target is not None and mapping is None:
                # A new article: its comments go in with the batch's others.
                self.new_threads.append((item, target))
            elif kind == "posts" and target is not None:
                known = self.known_comments.get(target.pk, {})
                import_comments(self, item, target, known)
            else:
                for comment in item.comments:
                    self.report.skip(
                        "comments",
                        comment.line,
                        f"comment {comment.wp_id}",
                        "comments on pages have no place in Meridian",
                    )

    def _write(self, item: WxrItem, kind: str, mapping, digest: str):
        label = _label(item)
        title = self._title(item)
        rewrite = lambda url: self.media.rewrite(url, title)  # noqa: E731
        if "_meridian_markdown" in item.meta:
            # Written by Meridian: the article's own Markdown, not its HTML.
            body = rewrite_markdown_images(item.meta["_meridian_markdown"], rewrite)
        else:
            converted = convert_post(
                item.content, self.shortcodes, item.wp_id, rewrite_url=rewrite
            )
            self.report.unknown_shortcodes.update(converted.unknown_shortcodes)
            body = converted.markdown
        if mapping is None:
            mapping = ImportedPost(source=self.source, wp_id=item.wp_id)
        mapping.guid = item.guid[:500]
        mapping.post_type = item.post_type
        mapping.sticky = item.sticky
        mapping.digest = digest
        if kind == "posts":
            target = mapping.post or Post()
            self._fill_post(target, item, body, label)
            mapping.post = target
            pairs = addresses.post_addresses(item, target)
        else:
            target = mapping.page or Page()
            self._fill_page(target, item, body, label)
            mapping.page = target
            pairs = addresses.page_addresses(item, target)
        mapping.save()
        return target, mapping, pairs

    def _title(self, item: WxrItem) -> str:
        return _plain(item.title)[:200] or "(no title)"

    def _unique_slug(self, model, item: WxrItem, target, length: int, label: str):
        wanted = _slug(item.slug, item.title, length)
        slug = _free_slug(model, wanted, length, target.pk)
        if slug != wanted and item.slug:
            self.report.note(
                "posts" if model is Post else "pages",
                item.line,
                label,
                f"the address “{wanted}” was taken; it is “{slug}” here",
            )
        return slug

    def _fill_post(self, post: Post, item: WxrItem, body: str, label: str) -> None:
        post.title = self._title(item)
        post.slug = self._unique_slug(Post, item, post, 200, label)
        post.body = body
        post.summary = _plain(item.excerpt)
        post.author = self.authors.for_login(item.creator)
        post.status = STATUS.get(item.status, Post.Status.DRAFT)
        if item.password:
            post.status = Post.Status.DRAFT
            self.report.note(
                "posts", item.line, label, "was password-protected: kept as a draft"
            )
        elif item.status == "private":
            self.report.note("posts", item.line, label, "was private: kept as a draft")
        post.published_at = dates.best(item.post_date_gmt, item.post_date)
        if post.published_at is None and post.status == Post.Status.PUBLISHED:
            post.status = Post.Status.DRAFT
            self.report.note(
                "posts", item.line, label, "published without a usable date: a draft"
            )
        post.comments_open = item.comment_status == "open"
        post.reviewed_by = item.meta.get("_meridian_reviewed_by", "")[:150]
        post.sources = item.meta.get("_meridian_sources", "")
        post.last_reviewed = parse_date(item.meta.get("_meridian_last_reviewed", ""))
        # Where Yoast SEO (and Meridian's exports) keep them. The pages add the
        # site's name after the title, so a title's %%sitename%% is dropped.
        names = {"title": post.title}
        post.seo_title = _seo(
            item.meta.get("_yoast_wpseo_title", ""), 200, names, default=post.title
        )
        post.seo_description = _seo(
            item.meta.get("_yoast_wpseo_metadesc", ""),
            300,
            {**names, "sitename": self.source.title},
        )
        self._featured_image(post, item)
        categories = [self._term("category", s, n) for s, n in item.categories]
        post.category = categories[0] if categories else None
        is_new = post.pk is None
        post.save()
        tags = [self._term("post_tag", s, n) for s, n in item.tags]
        # Meridian files an article under one category; the others become tags.
        for extra in categories[1:]:
            tags.append(self._term("post_tag", extra.slug, extra.name))
        if is_new:
            # Rows straight in: a new article has no tags to compare with, and
            # what listens to tag changes (page cache, search index) already
            # heard of the new article's save and reads its tags after the commit.
            through = Post.tags.through
            through.objects.bulk_create(
                through(post_id=post.pk, tag_id=pk)
                for pk in dict.fromkeys(tag.pk for tag in tags)
            )
        else:
            post.tags.set(tags)
        modified = dates.best(item.modified_gmt, item.modified)
        created = post.published_at or modified
        if created or modified:
            Post.objects.filter(pk=post.pk).update(
                created_at=created or post.created_at,
                updated_at=max(filter(None, (modified, created))),
            )

    def _featured_image(self, post: Post, item: WxrItem) -> None:
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        image = self.media.by_id.get(int(thumbnail)) if thumbnail.isdigit() else None
        if image is None:
            return
        post.featured_image = image

    def _fill_page(self, page: Page, item: WxrItem, body: str, label: str) -> None:
        page.title = self._title(item)
        page.slug = self._unique_slug(Page, item, page, 100, label)
        page.body = body
        page.published = item.status == "publish" and not item.password
        page.save()
