from hypothesis import given, settings
from hypothesis import strategies as st

from meridian.core.rendering import excerpt, render_article, render_comment
from tests.helpers import executables


def test_markdown_features_render():
    out = render_article(
        "# Title\n\n## Section *one*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "text[^1]\n\n[^1]: note"
    )
    assert '<h2 id="title">Title</h2>' in out.html  # the body never gets a second <h1>
    assert '<h2 id="section-one">' in out.html
    assert "<table>" in out.html
    assert 'class="footnotes"' in out.html
    assert [h.text for h in out.toc] == ["Title", "Section one"]


def test_raw_html_and_script_links_are_neutralised():
    out = render_article(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n"
        '<img src=x onerror="alert(1)">'
    )
    assert "<script" not in out.html
    assert 'href="javascript' not in out.html
    assert "<img" not in out.html


def test_reading_time_counts_words():
    assert render_article("word " * 440).reading_minutes == 2
    assert render_article("").reading_minutes == 1


def test_comment_links_are_marked_ugc_and_images_dropped():
    html = render_comment(
        "[site](https://example.org) ![pic](https://example.org/i.png)"
    )
    assert 'rel="nofollow ugc noopener"' in html
    assert "<img" not in html


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(),
            st.sampled_from(
                [
                    "<script>alert(1)</script>",
                    "[x](javascript:alert(1))",
                    "<img onerror=x>",
                    "[y](JaVaScRiPt:alert(1))",
                    "<a href='javascript:x'>a</a>",
                    "![i](data:x)",
                    "<svg onload=x>",
                    "[z](vbscript:x)",
                    "`<script>`",
                    "<style>*{}</style>",
                ]
            ),
        ),
        max_size=6,
    ).map("\n".join)
)
def test_no_generated_markdown_renders_anything_executable(text):
    assert executables(render_article(text).html) == []
    assert executables(render_comment(text)) == []


def test_lede_is_the_prose_without_headings_or_footnote_marks():
    out = render_article(
        "## Before you arrive\n\nEat a *light* meal[^1].\n\n- a list item\n\n"
        "Wear loose clothing.\n\n[^1]: A note."
    )
    assert out.lede == "Eat a light meal. Wear loose clothing."
    assert render_article("- only\n- a list").lede == "only a list"


def test_an_excerpt_ends_with_an_ellipsis_in_place_of_the_cut_punctuation():
    text = "Sleep comes slowly, then\n all at once."
    assert excerpt(text, words=3) == "Sleep comes slowly…"
    assert excerpt(text, words=4) == "Sleep comes slowly, then…"
    assert excerpt(text, words=7) == "Sleep comes slowly, then all at once."
