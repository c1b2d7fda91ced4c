"""WordPress content to Markdown: wpautop, blocks, shortcodes, embeds, sanitizing."""

from meridian.core.rendering import render_article, render_comment
from meridian.wordpress.autop import wpautop
from meridian.wordpress.content import convert_comment, convert_post
from meridian.wordpress.shortcodes import Attachment, ShortcodeConverter

ROOM = Attachment(
    url="https://old.example/wp-content/uploads/2025/01/room.jpg",
    alt="Two chairs by a window",
    caption="The quiet room",
    parent_id=10,
)


def _html(content: str, attachments=None, children=None, post_id=0) -> str:
    shortcodes = ShortcodeConverter((attachments or {}).get, children)
    return render_article(convert_post(content, shortcodes, post_id).markdown).html


def test_wpautop_makes_paragraphs_and_line_breaks():
    assert wpautop("One\ntwo\n\nThree") == "<p>One<br />\ntwo</p>\n<p>Three</p>\n"


def test_wpautop_leaves_pre_and_blocks_alone():
    text = "Intro\n\n<pre>a\n\nb</pre>\n\n<ul>\n<li>x</li>\n</ul>"
    out = wpautop(text)
    assert "<pre>a\n\nb</pre>" in out
    assert "<p><ul>" not in out
    assert "<p>Intro</p>" in out


def test_classic_post_reads_as_paragraphs_and_lists():
    html = _html(
        "First line\nsecond line\n\nNext.\n\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    )
    assert "<p>First line<br>\nsecond line</p>" in html
    assert "<p>Next.</p>" in html
    assert "<li>a</li>" in html


def test_block_editor_comments_are_dropped_and_blocks_kept():
    content = (
        '<!-- wp:heading -->\n<h2 class="wp-block-heading">Bring</h2>\n'
        "<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Loose <em>clothes</em>.</p>"
        "\n<!-- /wp:paragraph -->"
    )
    html = _html(content)
    assert "wp:" not in html
    assert '<h2 id="bring">Bring</h2>' in html
    assert "<p>Loose <em>clothes</em>.</p>" in html


def test_caption_becomes_an_image_with_its_caption():
    content = (
        '[caption id="attachment_5" width="300"]<img src="https://old.example/a.jpg"'
        ' alt="A desk" /> Where we write[/caption]'
    )
    html = _html(content)
    assert '<img src="https://old.example/a.jpg" alt="A desk"' in html
    assert "Where we write" in html


def test_gallery_shows_each_image_by_id_or_by_post():
    by_id = _html('[gallery ids="33"]', {33: ROOM})
    assert 'alt="Two chairs by a window"' in by_id
    assert "The quiet room" in by_id
    by_post = _html("[gallery]", {33: ROOM}, {10: [33]}, post_id=10)
    assert "room.jpg" in by_post


def test_embeds_become_links():
    html = _html(
        "See this:\n\nhttps://www.youtube.com/watch?v=abc\n\n"
        "[embed]https://vimeo.com/1[/embed]\n\n"
        '<iframe src="https://www.youtube.com/embed/XYZ"></iframe>'
    )
    assert '<a href="https://www.youtube.com/watch?v=abc"' in html
    assert '<a href="https://vimeo.com/1"' in html
    assert '<a href="https://www.youtube.com/watch?v=XYZ"' in html
    assert "iframe" not in html


def test_unknown_shortcodes_stay_visible_and_are_counted():
    shortcodes = ShortcodeConverter({}.get)
    converted = convert_post(
        '[contact-form-7 id="4"] and [sic] and [[gallery]]', shortcodes
    )
    html = render_article(converted.markdown).html
    assert "[contact-form-7 id=" in html
    assert "[sic]" in html
    assert "[gallery]" in html
    assert converted.unknown_shortcodes == {"contact-form-7": 1}


def test_scripts_and_event_handlers_never_survive():
    html = _html(
        '<script>alert(1)</script><p onclick="x()">Hi <a href="javascript:x()">'
        "there</a></p><style>p{}</style>"
    )
    assert "alert" not in html
    assert "onclick" not in html
    assert "javascript" not in html
    assert "Hi" in html


def test_markdown_characters_in_prose_stay_prose():
    html = _html("2 * 3 = 6, [not a link](x) and <b>#1</b>\n\n# not a heading")
    assert "2 * 3 = 6, [not a link](x)" in html
    assert "<h1" not in html
    assert "<h2" not in html


def test_tables_and_quotes_keep_their_shape():
    html = _html(
        "<table><tr><th>Herb</th><th>Use</th></tr><tr><td>Mint</td><td>Calm</td></tr>"
        "</table>\n\n<blockquote>Breathe.</blockquote>"
    )
    assert "<th>Herb</th>" in html
    assert "<td>Calm</td>" in html
    assert "<blockquote>" in html


def test_comment_text_keeps_its_lines_and_literal_characters():
    html = render_comment(convert_comment("I *love* it\nThanks\n\n# 1 fan"))
    assert html == "<p>I *love* it<br>\nThanks</p>\n<p># 1 fan</p>\n"


def test_comment_html_becomes_the_comment_subset():
    html = render_comment(
        convert_comment(
            'Is it <strong>safe</strong>? <a href="https://x.example">x</a>'
        )
    )
    assert "<strong>safe</strong>" in html
    assert 'rel="nofollow ugc noopener"' in html
