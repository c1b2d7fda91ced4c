"""Reading exports as a stream: versions, CDATA, and hostile or broken files."""

import pytest

from meridian.wordpress.wxr import WxrAuthor, WxrError, WxrItem, WxrReader, WxrTerm


def _read(path):
    reader = WxrReader(path)
    return reader, list(reader)


@pytest.mark.parametrize(
    ("name", "version", "title"),
    [
        ("classic-1.0.xml", "1.0", "Chamomile in the evening"),
        ("classic-1.1.xml", "1.1", "Stretching in the morning"),
        ("clinic-1.2.xml", "1.2", "Resting well after a session"),
    ],
)
def test_every_wxr_version_is_read(wxr_path, name, version, title):
    reader, entries = _read(wxr_path(name))
    items = [e for e in entries if isinstance(e, WxrItem)]
    assert reader.site.version == version
    assert items[0].title == title
    assert items[0].categories[0][1] in ("Herbs", "Sleep care")
    assert items[0].comments


def test_wxr_10_terms_listed_twice_count_once(wxr_path):
    _reader, entries = _read(wxr_path("classic-1.0.xml"))
    item = next(e for e in entries if isinstance(e, WxrItem))
    assert item.categories == [("herbs", "Herbs")]
    assert item.tags == [("tea", "Tea")]


def test_cdata_split_around_its_end_marker_is_joined(wxr_path):
    _reader, entries = _read(wxr_path("clinic-1.2.xml"))
    item = next(e for e in entries if isinstance(e, WxrItem))
    assert "if a ]]> b then rest" in item.content


def test_authors_terms_and_items_come_with_their_fields(wxr_path):
    reader, entries = _read(wxr_path("clinic-1.2.xml"))
    authors = [e for e in entries if isinstance(e, WxrAuthor)]
    terms = [e for e in entries if isinstance(e, WxrTerm)]
    assert reader.site.key == "https://harbour.example"
    assert authors[1].display_name == "Tomás Vey"
    assert ("category", "sleep-care", "care") in [
        (t.taxonomy, t.slug, t.parent_slug) for t in terms
    ]
    post = next(e for e in entries if isinstance(e, WxrItem))
    assert post.sticky is True
    assert post.meta["_thumbnail_id"] == "201"
    assert [c.approved for c in post.comments][:5] == ["1", "1", "0", "spam", "trash"]
    assert post.comments[1].parent_id == 11
    assert post.line > 1


@pytest.mark.parametrize(
    ("name", "words", "line"),
    [
        ("billion-laughs.xml", "declares XML entities", 14),
        ("external-entity.xml", "declares XML entities", 3),
        ("malformed.xml", "not well-formed", 8),
        ("truncated.xml", "ends too early", 8),
        ("wrong-encoding.xml", "not in the encoding it declares", 8),
        ("not-wxr.html", "not a WordPress export", 2),
        ("not-wxr-feed.xml", "not a WordPress export", None),
    ],
)
def test_hostile_and_broken_files_are_refused_with_the_line(
    wxr_path, name, words, line
):
    with pytest.raises(WxrError) as caught:
        _read(wxr_path(name))
    assert words in str(caught.value)
    assert caught.value.line == line


def test_an_external_entity_is_never_read(wxr_path, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    hostile = tmp_path / "x.xml"
    hostile.write_text(
        wxr_path("external-entity.xml")
        .read_text()
        .replace("file:///etc/passwd", secret.as_uri())
    )
    with pytest.raises(WxrError) as caught:
        _read(hostile)
    assert "TOP-SECRET" not in str(caught.value)
