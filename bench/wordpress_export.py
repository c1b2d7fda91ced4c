"""A deterministic WordPress export (WXR 1.2) of any size, for `make bench-import`.

Posts mix classic-editor text (paragraphs, lists, captions, an embed, a plugin
shortcode) with block-editor posts; comments come in threads with every
approval state. The same arguments always write the same bytes.
"""

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = [
    "calm",
    "breath",
    "needle",
    "point",
    "meridian",
    "warmth",
    "rest",
    "sleep",
    "tea",
    "ginger",
    "root",
    "leaf",
    "evening",
    "morning",
    "walk",
    "water",
    "balance",
    "gentle",
    "pressure",
    "pulse",
    "tongue",
    "season",
    "spring",
    "autumn",
    "patient",
    "visit",
    "week",
    "habit",
    "body",
    "mind",
    "quiet",
    "room",
    "chair",
    "light",
]
START = datetime(2015, 1, 1, tzinfo=UTC)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _classic(rng: random.Random, number: int) -> str:
    parts = [" ".join(_sentence(rng) for _ in range(4)) for _ in range(5)]
    parts.insert(
        2,
        "<ul>\n"
        + "".join(f"<li>{_sentence(rng, 4)}</li>\n" for _ in range(4))
        + "</ul>",
    )
    if number % 5 == 0:
        parts.insert(
            1,
            f'[caption id="attachment_{number}" width="300"]<img src="https://bench.example/'
            f'wp-content/uploads/2020/01/p{number}-300x200.jpg" alt="{_sentence(rng, 3)}" />'
            f" {_sentence(rng, 5)}[/caption]",
        )
    if number % 7 == 0:
        parts.append("https://www.youtube.com/watch?v=bench" + str(number))
    if number % 11 == 0:
        parts.append('[contact-form-7 id="1" title="Book a visit"]')
    return "\n\n".join(parts)


def _blocks(rng: random.Random) -> str:
    out = []
    for _ in range(5):
        out.append(
            f"<!-- wp:paragraph -->\n<p>{' '.join(_sentence(rng) for _ in range(4))}</p>\n<!-- /wp:paragraph -->"
        )
    out.insert(
        2,
        f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{_sentence(rng, 3)}</h2>\n<!-- /wp:heading -->',
    )
    return "\n\n".join(out)  # fmt: skip


def _comment(rng: random.Random, wp_id: int, parent: int, when: datetime) -> str:
    state = rng.choices(["1", "0", "spam", "trash"], weights=[85, 8, 5, 2])[0]
    text = "\n".join(
        _sentence(rng, rng.randint(6, 20)) for _ in range(rng.randint(1, 3))
    )
    stamp = when.strftime("%Y-%m-%d %H:%M:%S")
    return (
        "\t\t<wp:comment>"
        f"<wp:comment_id>{wp_id}</wp:comment_id>"
        f"<wp:comment_author>{_cdata(f'Reader {wp_id % 997}')}</wp:comment_author>"
        f"<wp:comment_author_email>{_cdata(f'reader{wp_id % 997}@mail.example')}</wp:comment_author_email>"
        "<wp:comment_author_url></wp:comment_author_url>"
        f"<wp:comment_author_IP>{_cdata('192.0.2.1')}</wp:comment_author_IP>"
        f"<wp:comment_date>{_cdata(stamp)}</wp:comment_date>"
        f"<wp:comment_date_gmt>{_cdata(stamp)}</wp:comment_date_gmt>"
        f"<wp:comment_content>{_cdata(text)}</wp:comment_content>"
        f"<wp:comment_approved>{_cdata(state)}</wp:comment_approved>"
        f"<wp:comment_type>{_cdata('comment')}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        "<wp:comment_user_id>0</wp:comment_user_id>"
        "</wp:comment>\n"
    )  # fmt: skip


def chunks(posts: int, comments: int, seed: int = 20261129) -> Iterator[str]:
    rng = random.Random(seed)
    yield (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
        ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        "\t<title>Bench Clinic</title>\n\t<link>https://bench.example</link>\n"
        "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
        "\t<wp:base_site_url>https://bench.example</wp:base_site_url>\n"
        "\t<wp:base_blog_url>https://bench.example</wp:base_blog_url>\n"
    )
    for author in range(1, 6):
        yield (
            f"\t<wp:author><wp:author_id>{author}</wp:author_id>"
            f"<wp:author_login>{_cdata(f'writer{author}')}</wp:author_login>"
            f"<wp:author_email>{_cdata(f'writer{author}@bench.example')}</wp:author_email>"
            f"<wp:author_display_name>{_cdata(f'Writer {author}')}</wp:author_display_name>"
            "</wp:author>\n"
        )  # fmt: skip
    for term in range(1, 21):
        yield (
            f"\t<wp:category><wp:term_id>{term}</wp:term_id>"
            f"<wp:category_nicename>{_cdata(f'topic-{term}')}</wp:category_nicename>"
            f"<wp:category_parent>{_cdata('topic-1' if term > 10 else '')}</wp:category_parent>"
            f"<wp:cat_name>{_cdata(f'Topic {term}')}</wp:cat_name></wp:category>\n"
        )  # fmt: skip
    for term in range(1, 101):
        yield (
            f"\t<wp:tag><wp:term_id>{100 + term}</wp:term_id>"
            f"<wp:tag_slug>{_cdata(f'tag-{term}')}</wp:tag_slug>"
            f"<wp:tag_name>{_cdata(f'Tag {term}')}</wp:tag_name></wp:tag>\n"
        )
    per_post, extra = divmod(comments, posts) if posts else (0, 0)
    comment_id = 0
    for number in range(1, posts + 1):
        when = START + timedelta(hours=7 * number)
        stamp = when.strftime("%Y-%m-%d %H:%M:%S")
        content = _blocks(rng) if number % 3 == 0 else _classic(rng, number)
        title = _sentence(rng, 5)[:-1]
        slug = f"post-{number}"
        status = "draft" if number % 50 == 0 else "publish"
        body = [
            "\t<item>\n",
            f"\t\t<title>{_cdata(title)}</title>\n",
            f"\t\t<link>https://bench.example/{when:%Y/%m/%d}/{slug}/</link>\n",
            f"\t\t<dc:creator>{_cdata(f'writer{number % 5 + 1}')}</dc:creator>\n",
            f'\t\t<guid isPermaLink="false">https://bench.example/?p={number}</guid>\n',
            f"\t\t<content:encoded>{_cdata(content)}</content:encoded>\n",
            f"\t\t<excerpt:encoded>{_cdata('')}</excerpt:encoded>\n",
            f"\t\t<wp:post_id>{number}</wp:post_id>\n",
            f"\t\t<wp:post_date>{_cdata(stamp)}</wp:post_date>\n",
            f"\t\t<wp:post_date_gmt>{_cdata(stamp)}</wp:post_date_gmt>\n",
            f"\t\t<wp:comment_status>{_cdata('open')}</wp:comment_status>\n",
            f"\t\t<wp:post_name>{_cdata(slug)}</wp:post_name>\n",
            f"\t\t<wp:status>{_cdata(status)}</wp:status>\n",
            f"\t\t<wp:post_type>{_cdata('post')}</wp:post_type>\n",
            "\t\t<wp:is_sticky>0</wp:is_sticky>\n",
            f'\t\t<category domain="category" nicename="topic-{number % 20 + 1}">'
            f"{_cdata(f'Topic {number % 20 + 1}')}</category>\n",
            f'\t\t<category domain="post_tag" nicename="tag-{number % 100 + 1}">'
            f"{_cdata(f'Tag {number % 100 + 1}')}</category>\n",
        ]  # fmt: skip
        first = comment_id + 1
        for index in range(per_post + (1 if number <= extra else 0)):
            comment_id += 1
            # About one comment in three answers an earlier one on the post.
            parent = (
                rng.randint(first, comment_id - 1) if index and index % 3 == 0 else 0
            )
            body.append(
                _comment(rng, comment_id, parent, when + timedelta(minutes=index + 5))
            )
        body.append("\t</item>\n")
        yield "".join(body)
    yield "</channel>\n</rss>\n"


def write(path: Path, posts: int, comments: int) -> int:
    """Write the export to `path`; return its size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        for chunk in chunks(posts, comments):
            out.write(chunk)
    return path.stat().st_size
