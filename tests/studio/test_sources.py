"""Sources in the writing screen: rows of fields, stored as the journal's text."""

import pytest

from meridian.journal.models import Post, Revision
from meridian.studio.sources import rows_from_text, text_from_rows
from tests.factories import PostFactory

from .conftest import edit_url, form

pytestmark = pytest.mark.django_db(transaction=False)


def rows(*sources) -> dict:
    """Return the rows of source fields a writer fills in, then one empty row."""
    data = {}
    for index, parts in enumerate([*sources, ("", "", "", "")]):
        for name, value in zip(
            ("title", "publisher", "year", "url"), parts, strict=True
        ):
            data[f"sources-{index}-{name}"] = value
    return data


@pytest.fixture
def article(writer):
    return PostFactory(
        author=writer,
        title="Needles and sleep",
        slug="needles-and-sleep",
        body="Some words.",
        status=Post.Status.DRAFT,
        published_at=None,
        sources="Sleep trials | Journal of Rest | 2021 | https://example.org/a",
    )


def test_the_writing_screen_shows_each_source_as_a_row_and_empty_rows(
    as_person, writer, article
):
    page = as_person(writer).get(edit_url(article)).content.decode()
    assert 'name="sources-0-title" id="id_sources-0-title" value="Sleep trials"' in page
    assert 'value="Journal of Rest"' in page
    assert 'name="sources-0-url"' in page
    # Two empty rows to add more, and no plain text box any more.
    assert 'name="sources-2-title"' in page
    assert 'name="sources-3-title"' not in page
    assert "<legend>Sources</legend>" in page


def test_saved_rows_become_numbered_references_for_readers(as_person, writer, article):
    client = as_person(writer)
    sent = form(
        article,
        **rows(
            ("Needling and insomnia", "Sleep Review", "2019", "https://example.org/b"),
            ("A book | with a pipe", "", "", ""),
        ),
    )
    response = client.post(edit_url(article), sent)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.sources == (
        "Needling and insomnia | Sleep Review | 2019 | https://example.org/b\n"
        "A book / with a pipe"
    )
    first, second = article.source_list()
    assert (first.title, first.publisher, first.year, first.url) == (
        "Needling and insomnia",
        "Sleep Review",
        "2019",
        "https://example.org/b",
    )
    assert second.title == "A book / with a pipe"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (("Trials", "", "19", ""), "Source 1: the year is four digits"),
        (("Trials", "", "", "example.org/a"), "Source 1: the address is a whole web"),
        (("", "Publisher only", "2020", ""), "Source 1: give its title"),
    ],
    ids=["short-year", "address-without-scheme", "no-title"],
)
def test_a_bad_source_is_explained_and_every_row_kept(
    as_person, writer, article, source, message
):
    client = as_person(writer)
    response = client.post(edit_url(article), form(article, **rows(source)))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    for typed in source:
        if typed:
            assert f'value="{typed}"' in page
    article.refresh_from_db()
    assert article.sources.startswith("Sleep trials")


def test_autosave_keeps_the_rows_as_text(as_person, writer, article):
    client = as_person(writer)
    sent = form(article, **rows(("Rest study", "", "2022", "")))
    response = client.post(f"{edit_url(article)}autosave/", sent)
    assert response.status_code == 200
    autosaved = article.revisions.get(kind=Revision.Kind.AUTOSAVE, author=writer)
    assert autosaved.fields["sources"] == "Rest study | 2022"
    article.refresh_from_db()
    assert article.sources.startswith("Sleep trials")


def test_rows_and_text_round_trip():
    text = "Title | Publisher | 2020 | https://example.org/x\nOnly a title"
    assert text_from_rows(rows_from_text(text)) == text
    assert (
        text_from_rows([{"title": "", "publisher": " ", "year": "", "url": ""}]) == ""
    )
