"""Write the whole journal as a WordPress export (WXR 1.2), as a stream.

The structure is the one WordPress's own importer expects: channel, `wp:`
elements, CDATA content. Articles carry their rendered HTML for WordPress and
their Markdown (`_meridian_markdown`) so that a Meridian site importing the file
gets back exactly what was written.
"""

import re
from collections.abc import Iterator
from typing import TextIO

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import rfc2822_date

from meridian.comments.models import Comment
from meridian.core.models import SiteSettings
from meridian.journal.models import Category, Page, Post, Tag
from meridian.media.models import Image

from .dates import format_gmt, format_local
from .models import ImportedComment, ImportedPost, ImportedTerm

WXR_VERSION = "1.2"
# WordPress keeps one ID space for posts, pages and attachments, and one for
# terms: Meridian's tables each count from 1, so each gets its own range.
PAGE_IDS = 10_000_000
LIBRARY_IDS = 20_000_000
TAG_IDS = 10_000_000
STATUS: dict[str, str] = {
    Post.Status.PUBLISHED: "publish",
    Post.Status.REVIEW: "pending",
    Post.Status.DRAFT: "draft",
}
COMMENT_STATUS = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.REMOVED: "trash",
}
# XML 1.0 refuses these characters even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LIBRARY = re.compile(r"/media/library/([A-Za-z0-9_-]{6,16})")


def cdata(text: object) -> str:
    """Return text in CDATA, split around "]]>" as WordPress's wxr_cdata() does."""
    value = _NOT_XML.sub("", str(text or ""))
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def escape(text: object) -> str:
    value = _NOT_XML.sub("", str(text or ""))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wp(name: str, value: object, raw: bool = False) -> str:
    return f"<wp:{name}>{escape(value) if raw else cdata(value)}</wp:{name}>"


def _meta(key: str, value: object) -> str:
    return (
        f"<wp:postmeta>{_wp('meta_key', key)}{_wp('meta_value', value)}</wp:postmeta>"
    )


class Exporter:
    def __init__(self, site_url: str | None = None):
        self.site_url = (site_url or settings.SITE_URL).rstrip("/")
        self.files = {
            image.key: image for image in Image.objects.only("key", "file", "id")
        }
        self.sticky = set(
            ImportedPost.objects.filter(sticky=True, post__isnull=False).values_list(
                "post_id", flat=True
            )
        )

    def absolute(self, path: str) -> str:
        return path if "://" in path else f"{self.site_url}{path}"

    def file_url(self, field_file) -> str:
        return self.absolute(field_file.url)

    def portable_markdown(self, markdown: str) -> str:
        """Return Markdown whose library images name their files, for another site."""

        def to_file(match: re.Match) -> str:
            image = self.files.get(match.group(1))
            return self.file_url(image.file) if image else match.group(0)

        return _LIBRARY.sub(to_file, markdown)

    def write(self, out: TextIO) -> int:
        count = 0
        for chunk in self.chunks():
            out.write(chunk)
            count += 1
        return count

    def chunks(self) -> Iterator[str]:
        site = SiteSettings.current()
        yield (
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            "<!-- A WordPress export (WXR 1.2) written by Meridian. -->\n"
            '<rss version="2.0"\n'
            '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n'
            f"\t<title>{escape(site.name)}</title>\n"
            f"\t<link>{escape(self.site_url)}</link>\n"
            f"\t<description>{escape(site.tagline)}</description>\n"
            f"\t<pubDate>{rfc2822_date(timezone.now())}</pubDate>\n"
            f"\t<language>{escape(settings.LANGUAGE_CODE)}</language>\n"
            f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{escape(self.site_url)}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{escape(self.site_url)}</wp:base_blog_url>\n"
        )
        yield from self.authors()
        yield from self.terms()
        yield from self.library()
        for post in (
            Post.objects.select_related("author", "category")
            .prefetch_related("tags")
            .order_by("pk")
            .iterator(chunk_size=500)
        ):
            yield self.post(post)
        for page in Page.objects.order_by("pk").iterator(chunk_size=500):
            yield self.page(page)
        yield "</channel>\n</rss>\n"

    def authors(self) -> Iterator[str]:
        from django.contrib.auth import get_user_model

        people = get_user_model().objects.filter(
            pk__in=Post.objects.values("author_id")
        )
        for user in people.order_by("pk"):
            yield (
                "\t<wp:author>"
                + _wp("author_id", user.pk, raw=True)
                + _wp("author_login", user.username)
                + _wp("author_email", user.email)
                + _wp("author_display_name", user.public_name)
                + _wp("author_first_name", user.first_name)
                + _wp("author_last_name", user.last_name)
                + "</wp:author>\n"
            )

    def terms(self) -> Iterator[str]:
        parents = dict(
            ImportedTerm.objects.filter(taxonomy="category", category__isnull=False)
            .exclude(parent_slug="")
            .values_list("category__slug", "parent_slug")
        )
        slugs = set(Category.objects.values_list("slug", flat=True))
        for category in Category.objects.order_by("pk"):
            parent = parents.get(category.slug, "")
            yield (
                "\t<wp:category>"
                + _wp("term_id", category.pk, raw=True)
                + _wp("category_nicename", category.slug)
                + _wp("category_parent", parent if parent in slugs else "")
                + _wp("cat_name", category.name)
                + _wp("category_description", category.description)
                + "</wp:category>\n"
            )
        for tag in Tag.objects.order_by("pk"):
            yield (
                "\t<wp:tag>"
                + _wp("term_id", TAG_IDS + tag.pk, raw=True)
                + _wp("tag_slug", tag.slug)
                + _wp("tag_name", tag.name)
                + "</wp:tag>\n"
            )

    def _item(self, fields: dict, inner: str = "") -> str:
        when = fields.get("date")
        parts = [
            "\t<item>\n",
            f"\t\t<title>{cdata(fields['title'])}</title>\n",
            f"\t\t<link>{escape(self.absolute(fields['link']))}</link>\n",
            f"\t\t<pubDate>{rfc2822_date(when) if when else ''}</pubDate>\n",
            f"\t\t<dc:creator>{cdata(fields.get('creator', ''))}</dc:creator>\n",
            f'\t\t<guid isPermaLink="false">{escape(fields["guid"])}</guid>\n',
            "\t\t<description></description>\n",
            f"\t\t<content:encoded>{cdata(fields.get('content', ''))}"
            "</content:encoded>\n",
            f"\t\t<excerpt:encoded>{cdata(fields.get('excerpt', ''))}"
            "</excerpt:encoded>\n",
            "\t\t" + _wp("post_id", fields["id"], raw=True) + "\n",
            "\t\t" + _wp("post_date", format_local(when)) + "\n",
            "\t\t" + _wp("post_date_gmt", format_gmt(when)) + "\n",
            "\t\t" + _wp("post_modified", format_local(fields.get("modified"))) + "\n",
            "\t\t"
            + _wp("post_modified_gmt", format_gmt(fields.get("modified")))
            + "\n",
            "\t\t" + _wp("comment_status", fields.get("comments", "closed")) + "\n",
            "\t\t" + _wp("ping_status", "closed") + "\n",
            "\t\t" + _wp("post_name", fields.get("slug", "")) + "\n",
            "\t\t" + _wp("status", fields["status"]) + "\n",
            "\t\t" + _wp("post_parent", fields.get("parent", 0), raw=True) + "\n",
            "\t\t" + _wp("menu_order", 0, raw=True) + "\n",
            "\t\t" + _wp("post_type", fields["type"]) + "\n",
            "\t\t" + _wp("post_password", "") + "\n",
            "\t\t"
            + _wp("is_sticky", int(fields.get("sticky", False)), raw=True)
            + "\n",
        ]
        if fields.get("attachment_url"):
            parts.append("\t\t" + _wp("attachment_url", fields["attachment_url"]))
        parts.append(inner)
        parts.append("\t</item>\n")
        return "".join(parts)

    def library(self) -> Iterator[str]:
        for image in Image.objects.order_by("pk").iterator(chunk_size=500):
            url = self.file_url(image.file)
            meta = _meta("_wp_attached_file", image.file.name) + _meta(
                "_wp_attachment_image_alt", image.alt
            )
            yield self._item(
                {
                    "id": LIBRARY_IDS + image.pk,
                    "title": image.original_name or image.key,
                    "link": url,
                    "guid": url,
                    "date": image.created_at,
                    "modified": image.updated_at,
                    "excerpt": image.caption,
                    "slug": image.key.lower(),
                    "status": "inherit",
                    "type": "attachment",
                    "attachment_url": url,
                },
                meta,
            )

    def post(self, post: Post) -> str:
        sticky = post.pk in self.sticky
        scheduled = post.published_at and post.published_at > timezone.now()
        status = STATUS.get(post.status, "draft")
        if status == "publish" and scheduled:
            status = "future"
        terms = ""
        if post.category:
            slug = escape(post.category.slug)
            terms += (
                f'\t\t<category domain="category" nicename="{slug}">'
                f"{cdata(post.category.name)}</category>\n"
            )
        for tag in post.tags.all():
            terms += (
                f'\t\t<category domain="post_tag" nicename="{escape(tag.slug)}">'
                f"{cdata(tag.name)}</category>\n"
            )
        meta = _meta("_meridian_markdown", self.portable_markdown(post.body))
        if post.featured_image_id:
            # Featured images are library images, exported with the library.
            meta += _meta("_thumbnail_id", LIBRARY_IDS + post.featured_image_id)
        for key, value in (
            ("_meridian_reviewed_by", post.reviewed_by),
            ("_meridian_last_reviewed", post.last_reviewed or ""),
            ("_meridian_sources", post.sources),
            # Where WordPress's most used SEO plugin (Yoast SEO) keeps them.
            ("_yoast_wpseo_title", post.seo_title),
            ("_yoast_wpseo_metadesc", post.seo_description),
        ):
            if value:
                meta += _meta(key, value)
        return self._item(
            {
                "id": post.pk,
                "title": post.title,
                "link": post.get_absolute_url(),
                "guid": self.absolute(f"/?p={post.pk}"),
                "creator": post.author.username,
                "content": post.body_html,
                "excerpt": post.summary,
                "date": post.published_at,
                "modified": post.updated_at,
                "comments": "open" if post.comments_open else "closed",
                "slug": post.slug,
                "status": status,
                "type": "post",
                "sticky": sticky,
            },
            terms + meta + "".join(self.comments(post)),
        )

    def comments(self, post: Post) -> Iterator[str]:
        urls = dict(
            ImportedComment.objects.filter(comment__post=post)
            .exclude(author_url="")
            .values_list("comment_id", "author_url")
        )
        for comment in post.comments.select_related("author").order_by("pk"):
            author = comment.author
            yield (
                "\t\t<wp:comment>"
                + _wp("comment_id", comment.pk, raw=True)
                + _wp("comment_author", author.public_name if author else comment.name)
                + _wp("comment_author_email", comment.email)
                + _wp("comment_author_url", urls.get(comment.pk, ""), raw=True)
                + _wp("comment_author_IP", "")
                + _wp("comment_date", format_local(comment.created_at))
                + _wp("comment_date_gmt", format_gmt(comment.created_at))
                + _wp("comment_content", comment.body_html)
                + _wp("comment_approved", COMMENT_STATUS.get(comment.status, "0"))
                + _wp("comment_type", "comment")
                + _wp("comment_parent", comment.parent_id or 0, raw=True)
                + _wp("comment_user_id", author.pk if author else 0, raw=True)
                + "<wp:commentmeta>"
                + _wp("meta_key", "_meridian_markdown")
                + _wp("meta_value", comment.body)
                + "</wp:commentmeta></wp:comment>\n"
            )

    def page(self, page: Page) -> str:
        return self._item(
            {
                "id": PAGE_IDS + page.pk,
                "title": page.title,
                "link": page.get_absolute_url(),
                "guid": self.absolute(f"/?page_id={PAGE_IDS + page.pk}"),
                "content": page.body_html,
                "modified": page.updated_at,
                "date": page.updated_at,
                "slug": page.slug,
                "status": "publish" if page.published else "draft",
                "type": "page",
            },
            _meta("_meridian_markdown", self.portable_markdown(page.body)),
        )


def export_wxr(out: TextIO, site_url: str | None = None) -> int:
    """Write the journal to `out` as WXR 1.2; return the number of chunks written."""
    return Exporter(site_url).write(out)
