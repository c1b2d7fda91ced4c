"""The query API, on whichever database the suite runs (SQLite or PostgreSQL)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meridian.search import query
from meridian.search.filters import Filters
from meridian.search.query import marked, search
from tests.factories import CategoryFactory, PageFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(page):
    return [result.document.title for result in page.results]


def test_finds_published_articles_by_stemmed_words(article):
    article(title="Needle therapy for sciatica", body="It helps lower back pain.")
    article(title="Sleep well", body="Nothing about that here.")
    assert titles(search("needles")) == ["Needle therapy for sciatica"]
    assert titles(search("treating", page=1)) == []
    article(title="Treatment plans", body="How we plan.")
    assert titles(search("treating")) == ["Treatment plans"]


def test_every_word_must_match(article):
    article(title="Lower back pain", body="Stretching helps.")
    article(title="Back to school", body="Schedules change.")
    assert titles(search("back pain")) == ["Lower back pain"]


def test_phrase_matches_words_in_order(article):
    article(title="One", body="Pain in the lower back is common.")
    article(title="Two", body="Back then, the lower floor was closed.")
    assert titles(search('"lower back"')) == ["One"]


def test_excluded_words_remove_results(article):
    article(title="Coffee and sleep", body="Caffeine lingers.")
    article(title="Tea and sleep", body="Chamomile calms.")
    assert titles(search("sleep -coffee")) == ["Tea and sleep"]


def test_or_finds_either(article):
    article(title="Acupuncture basics", body="Fine needles.")
    article(title="Massage basics", body="Firm hands.")
    article(title="Diet basics", body="Vegetables.")
    assert sorted(titles(search("acupuncture OR massage"))) == [
        "Acupuncture basics",
        "Massage basics",
    ]


def test_title_outranks_tags_and_summary_which_outrank_body(article):
    article(title="Notes", body="A word on migraine in passing. " + "Filler. " * 40)
    article(title="Notes too", summary="All about migraine.", body="Other text.")
    article(title="Migraine", body="Other text entirely.")
    assert titles(search("migraine")) == ["Migraine", "Notes too", "Notes"]
    tagged = TagFactory(name="Headache", slug="headache")
    article(title="Tagged", body="Nothing " * 30, tags=[tagged])
    article(title="Body", body="A headache now and then. " + "More. " * 30)
    assert titles(search("headache")) == ["Tagged", "Body"]


def test_snippets_mark_matches_and_escape_everything_else(article):
    article(title="Q&A: sleep", body="Sleep 5 < 6 & rest.")
    result = search("sleep").results[0]
    assert result.title_html == "Q&amp;A: <mark>sleep</mark>"
    assert "<mark>Sleep</mark>" in result.snippet_html
    assert "&lt;" in result.snippet_html
    assert "&amp;" in result.snippet_html


def test_snippets_find_matches_anywhere_in_a_long_article(article):
    filler = "Rest well and drink water between sessions. " * 60  # 2,700 characters
    article(title="Early", body="Cupping leaves round marks. " + filler + "Last words.")
    article(title="Late", body=filler + "Then cupping, at the very end.")
    early, late = sorted(search("cupping").results, key=lambda r: r.document.title)
    assert "<mark>Cupping</mark> leaves round marks" in early.snippet_html
    assert "Then <mark>cupping</mark>, at the very" in late.snippet_html


def test_snippets_find_words_the_text_spells_unlike_their_stem(article):
    # "anxiety" is stemmed "anxieti"; capitals and a plural are found too.
    filler = "Rest well and drink water between sessions. " * 60
    article(title="Calm", body=filler + "Some anxiety before the first visit.")
    article(title="Loud", body=filler + "ANXIETY, in capitals, near the end.")
    article(title="Many", body=filler + "Anxieties fade with time.")
    for result in search("anxiety").results:
        assert "<mark>" in result.snippet_html, result.document.title


def test_a_match_in_the_title_alone_shows_the_summary_or_the_first_words(article):
    article(title="Moxibustion", summary="Warmth, gently.", body="Other words. " * 200)
    article(title="Moxibustion at home", summary="", body="Round marks fade. " * 100)
    summarized, unsummarized = sorted(
        search("moxibustion").results, key=lambda result: len(result.document.title)
    )
    assert summarized.snippet_html == "Warmth, gently."
    assert summarized.title_html == "<mark>Moxibustion</mark>"
    assert unsummarized.snippet_html.startswith("Round marks fade. Round marks")


def test_a_match_in_the_summary_alone_shows_the_summary(article):
    article(title="Notes", summary="Gentle moxibustion at home.", body="Other. " * 300)
    result = search("moxibustion").results[0]
    # Marked where the engine cuts the summary's own snippet (PostgreSQL).
    assert result.snippet_html in (
        "Gentle moxibustion at home.",
        "Gentle <mark>moxibustion</mark> at home",
    )


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's two ways to cut snippets"
)
def test_snippets_of_matches_far_apart_read_as_those_of_matches_close_by(
    article, monkeypatch
):
    from meridian.search.backends import sqlite_fts5

    for number in range(12):
        article(title=f"Note {number}", body=f"Warm needle therapy, part {number}.")
    texts = ['"needle therapy"', "needle", "warm OR cold -part", "therap*"]
    close = [[(r.title_html, r.snippet_html) for r in search(t).results] for t in texts]
    monkeypatch.setattr(sqlite_fts5, "SPARSE", 0)  # every page far apart
    far = [[(r.title_html, r.snippet_html) for r in search(t).results] for t in texts]
    assert far == close
    assert all("<mark>" in snippet for page in far for _, snippet in page)


def test_marked_escapes_all_but_the_match_markers():
    assert marked("\x02a\x03 <script>") == "<mark>a</mark> &lt;script&gt;"


def test_drafts_and_scheduled_articles_are_not_found_until_due(article):
    article(title="Draft acupuncture", status="draft")
    scheduled = article(
        title="Scheduled acupuncture",
        published_at=timezone.now() + timedelta(hours=1),
    )
    article(title="Public acupuncture")
    assert titles(search("acupuncture")) == ["Public acupuncture"]
    later = scheduled.published_at + timedelta(minutes=1)
    assert sorted(titles(search("acupuncture", now=later))) == [
        "Public acupuncture",
        "Scheduled acupuncture",
    ]


def test_pages_are_found_unless_unpublished(indexed):
    with indexed():
        PageFactory(title="About the clinic", slug="about", body="Acupuncture here.")
        PageFactory(title="Hidden", slug="hidden", body="Acupuncture.", published=False)
    assert titles(search("acupuncture")) == ["About the clinic"]


def test_filters_narrow_by_category_tag_author_and_year(article):
    mei = UserFactory(username="mei")
    herbs = CategoryFactory(name="Herbs", slug="herbs")
    sleep = TagFactory(name="Sleep", slug="sleep")
    last_year = timezone.now().replace(month=6, day=1) - timedelta(days=365)
    article(title="Herbal tea one", category=herbs)
    article(title="Herbal tea two", author=mei)
    article(title="Herbal tea three", tags=[sleep])
    article(title="Herbal tea four", published_at=last_year)
    assert len(search("herbal").results) == 4
    assert titles(search("herbal", filters=Filters(category="herbs"))) == [
        "Herbal tea one"
    ]
    assert titles(search("herbal", filters=Filters(author="mei"))) == ["Herbal tea two"]
    assert titles(search("herbal", filters=Filters(tag="sleep"))) == [
        "Herbal tea three"
    ]
    assert titles(search("herbal", filters=Filters(year=last_year.year))) == [
        "Herbal tea four"
    ]
    assert titles(search("herbal", filters=Filters(tag="nosuch"))) == []


def test_results_are_paginated_with_a_count(article):
    for number in range(23):
        article(title=f"Cupping note {number}")
    first, third = search("cupping"), search("cupping", page=3)
    assert (first.total, first.num_pages, len(first.results)) == (23, 3, 10)
    assert (third.number, len(third.results), third.has_next) == (3, 3, False)
    past_the_last = search("cupping", page=9)
    assert (past_the_last.total, past_the_last.results) == (23, [])


def test_very_common_words_rank_their_latest_matches(article, monkeypatch):
    monkeypatch.setattr(query, "RANK_WINDOW", 3)
    herbs = CategoryFactory(name="Herbs", slug="herbs")
    article(title="Ginger", category=herbs)  # the oldest match
    for number in range(4):
        article(title=f"Note {number}", body="Ginger in passing.")
    page = search("ginger")
    assert (page.total, len(page.results)) == (3, 3)
    assert "Ginger" not in titles(page)
    # A filter is applied before the window, so older matches stay findable.
    assert titles(search("ginger", filters=Filters(category="herbs"))) == ["Ginger"]


def test_no_words_is_a_clear_empty_answer(article):
    article(title="Anything")
    page = search("  * ^ : 😀 ")
    assert not page.query
    assert (page.total, page.results) == (0, [])


# Everything a person might type, including what the engines read as syntax.
_SYNTAX = st.sampled_from(
    ['"', "-", "*", ":", "^", "(", ")", "NEAR", "OR", "AND", "NOT", "'", ";", "\\"]
)
_TEXT = st.lists(
    st.one_of(st.text(max_size=12), _SYNTAX, st.sampled_from(["acupuncture", "sl"])),
    max_size=12,
).map(" ".join)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(_TEXT, st.text(max_size=2100)), page=st.integers(-5, 10**9))
def test_any_text_gives_results_or_none_never_an_error(article_once, text, page):
    result = search(text, page=page)
    # One article exists: a count above one, or a page longer than the count,
    # is wrong (`total >= 0` alone could never fail).
    assert len(result.results) <= result.total <= 1
    for item in result.results:
        assert "<script" not in item.snippet_html


@pytest.fixture
def article_once(article):
    article(title="Acupuncture for sleep", body="Sleep <script>x</script> better.")
