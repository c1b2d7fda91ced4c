"""Leaving with one command: WXR 1.2 out, and the same site back in."""

import io
import re
import shutil
from datetime import date, timedelta

import pytest
from django.utils import timezone
from lxml import etree

from meridian.accounts.models import User
from meridian.comments.models import Comment
from meridian.journal.demo import load_demo
from meridian.journal.models import Category, Page, Post, Redirect, Tag
from meridian.media.models import Image
from meridian.wordpress.exporter import cdata, export_wxr
from meridian.wordpress.importer import import_wxr
from meridian.wordpress.models import Source
from meridian.wordpress.wxr import WxrItem, WxrReader
from tests.conftest import store_picture
from tests.factories import CategoryFactory, PageFactory, PostFactory, TagFactory

pytestmark = pytest.mark.django_db

WP = "{http://wordpress.org/export/1.2/}"


def _site():
    load_demo()
    author = User.objects.filter(posts__isnull=False).first()
    picture = store_picture(
        alt="A teapot on the clinic's counter", caption="Our evening blend"
    )
    post = PostFactory(
        author=author,
        title="Tea & “quotes” ]]> edge",
        slug="tea-edge",
        body="## Steps\n\n1. Boil\n2. Steep\n\n> A quote with **bold**.\n\n"
        f'![{picture.alt}]({picture.reference_url} "{picture.caption}")\n',
        featured_image=picture,
        category=CategoryFactory(name="Herbal", slug="herbal", description="Leaves"),
        reviewed_by="Dr. A. Reviewer, MD",
        last_reviewed=date(2026, 1, 5),
        sources="A source | https://source.example/a",
        comments_open=False,
    )
    post.tags.add(TagFactory(name="Evening", slug="evening"))
    PostFactory(author=author, title="Not yet", slug="not-yet", status="draft")
    PostFactory(
        author=author,
        title="Waiting for the doctor",
        slug="waiting",
        status=Post.Status.REVIEW,
        seo_title="Waiting rooms & what to bring",
        seo_description="A checklist for your first visit: <none> left out.",
    )
    PostFactory(
        author=author,
        title="Winter hours",
        slug="winter-hours",
        published_at=timezone.now() + timedelta(days=30),
        seo_title="Winter opening hours",
    )
    first = Comment.objects.create(
        post=post, guest_name="Ana", guest_email="ana@mail.example", body="First!",
        status=Comment.Status.APPROVED,
    )  # fmt: skip
    Comment.objects.create(
        post=post, parent=first, guest_name="Bo", body="A *reply*",
        status=Comment.Status.PENDING,
    )  # fmt: skip
    Comment.objects.create(
        post=post, guest_name="Spammer", body="buy", status=Comment.Status.SPAM
    )
    Post.objects.filter(pk=post.pk).update(comment_count=1)  # as the site keeps it
    PageFactory(title="Opening hours", slug="hours", body="Mon to Fri.")


def _seconds(moment):
    # WordPress keeps dates to the second.
    return moment.replace(microsecond=0) if moment else moment


def _snapshot():
    def comments(post):
        rows = sorted(
            post.comments.all(), key=lambda c: (_seconds(c.created_at), c.body)
        )
        index = {c.pk: i for i, c in enumerate(rows)}
        return [
            (c.body, c.body_html, c.status, c.name, c.email, _seconds(c.created_at),
             index.get(c.parent_id), c.depth)
            for c in rows
        ]  # fmt: skip

    # Pictures come back under new generated names: compare what they show.
    shown = {
        image.reference_url: f"picture:{image.alt}" for image in Image.objects.all()
    }

    def pictures_named(text):
        for address, name in shown.items():
            text = text.replace(address, name)
        return re.sub(r"/media/[^\"\s,]+", "/media/…", text)

    def featured(post):
        image = post.featured_image
        if image is None:
            return None
        return (image.alt, image.caption, image.width, image.height)

    return {
        "posts": sorted(
            (
                p.title,
                p.slug,
                pictures_named(p.body),
                pictures_named(p.body_html),
                featured(p),
                p.summary,
                p.status,
                _seconds(p.published_at),
                p.category.slug if p.category else None,
                sorted(p.tags.values_list("slug", flat=True)),
                p.author.username,
                p.author.public_name,
                p.author.email,
                p.comments_open,
                p.seo_title,
                p.seo_description,
                p.reviewed_by,
                p.sources,
                p.last_reviewed,
                p.comment_count,
                comments(p),
            )
            for p in Post.objects.all()
        ),
        "pages": sorted(
            Page.objects.values_list("title", "slug", "body", "body_html", "published")
        ),
        "categories": sorted(
            Category.objects.values_list("name", "slug", "description")
        ),
        "tags": sorted(Tag.objects.values_list("name", "slug")),
    }


def _empty_the_site():
    for image in Image.objects.all():
        image.delete()  # its files too
    Comment.objects.all().delete()
    Post.objects.all().delete()
    Page.objects.all().delete()
    Category.objects.all().delete()
    Tag.objects.all().delete()
    Redirect.objects.all().delete()
    Source.objects.all().delete()
    User.objects.all().delete()


def test_round_trip_gives_back_the_same_site(tmp_path, settings):
    _site()
    before = _snapshot()
    out = io.StringIO()
    export_wxr(out)
    export = tmp_path / "site.xml"
    export.write_text(out.getvalue(), encoding="utf-8")

    # Moving to another Meridian: its media folder comes along as WordPress's
    # uploads folder would (--media-dir).
    media = tmp_path / "old-media"
    shutil.copytree(settings.MEDIA_ROOT, media)

    _empty_the_site()
    assert not Image.objects.exists()
    report = import_wxr(export, media_dir=media)
    assert report.failed == 0, str(report)
    assert not report.missing_media, str(report)
    after = _snapshot()
    assert any(post[4] for post in after["posts"]), "a featured picture came back"
    for kind in before:
        for old, new in zip(before[kind], after[kind], strict=True):
            for index, (a, b) in enumerate(zip(old, new, strict=True)):
                assert a == b, (kind, old[0], index)
    assert after == before


def test_the_export_has_what_wordpress_importer_reads(tmp_path):
    _site()
    out = io.StringIO()
    export_wxr(out, site_url="https://clinic.example")
    root = etree.fromstring(out.getvalue().encode())
    channel = root.find("channel")
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert channel.findtext(f"{WP}base_site_url") == "https://clinic.example"
    assert channel.findall(f"{WP}author")
    assert channel.find(f"{WP}category").findtext(f"{WP}category_nicename")
    items = channel.findall("item")
    types = {item.findtext(f"{WP}post_type") for item in items}
    assert {"post", "page"} <= types
    post = next(i for i in items if i.findtext("title").startswith("Tea"))
    assert post.findtext(f"{WP}status") == "publish"
    assert post.findtext("link") == "https://clinic.example/articles/tea-edge/"
    assert "<ol>" in post.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    comments = post.findall(f"{WP}comment")
    assert [c.findtext(f"{WP}comment_approved") for c in comments] == ["1", "0", "spam"]
    assert all(c.findtext(f"{WP}comment_author_IP") == "" for c in comments)
    draft = next(i for i in items if i.findtext("title") == "Not yet")
    assert draft.findtext(f"{WP}status") == "draft"
    scheduled = next(i for i in items if i.findtext("title") == "Winter hours")
    assert scheduled.findtext(f"{WP}status") == "future"
    review = next(i for i in items if i.findtext("title") == "Waiting for the doctor")
    assert review.findtext(f"{WP}status") == "pending"
    meta = {
        m.findtext(f"{WP}meta_key"): m.findtext(f"{WP}meta_value")
        for m in review.findall(f"{WP}postmeta")
    }
    assert meta["_yoast_wpseo_title"] == "Waiting rooms & what to bring"
    assert meta["_yoast_wpseo_metadesc"] == (
        "A checklist for your first visit: <none> left out."
    )


def test_cdata_is_split_around_its_end_marker(tmp_path):
    assert cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>"
    _site()
    out = io.StringIO()
    export_wxr(out)
    path = tmp_path / "site.xml"
    path.write_text(out.getvalue())
    titles = [e.title for e in WxrReader(path) if isinstance(e, WxrItem)]
    assert "Tea & “quotes” ]]> edge" in titles


def test_export_command_writes_to_standard_output(capsys):
    from django.core.management import call_command

    _site()
    call_command("export_wordpress")
    assert "<wp:wxr_version>1.2</wp:wxr_version>" in capsys.readouterr().out
