"""The thread readers who are not signed in share: fresh after every change.

Transactional tests with rendered fragments kept, as on a running site: a
change is seen once it commits.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from meridian.comments import actions
from meridian.comments.models import Comment
from meridian.core.models import SiteSettings
from tests.comments.conftest import confirmed_reader
from tests.factories import PostFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("rendered_fragments", "site"),
]
Status = Comment.Status


def _page(post, client=None, query="") -> str:
    response = (client or Client()).get(post.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def _approved(post, author, body) -> Comment:
    comment = Comment.objects.create(post=post, author=author, body=body)
    return actions.approve_comment(comment.pk)


def test_new_moderated_edited_and_removed_comments_show_at_once(post, reader):
    first = _approved(post, reader, "First words")
    assert "First words" in _page(post)
    held = Comment.objects.create(post=post, author=reader, body="Held words")
    assert "Held words" not in _page(post)
    actions.approve_comment(held.pk)
    assert "Held words" in _page(post)
    actions.edit_comment(first, "Better words")
    page = _page(post)
    assert "Better words" in page
    assert "First words" not in page
    actions.remove_comment(held.pk)
    assert "Held words" not in _page(post)


def test_a_commenters_new_name_shows_at_once(post, reader):
    _approved(post, reader, "Words")
    assert "Ada Reader" in _page(post)
    reader.display_name = "Ada Writer"
    reader.save()
    page = _page(post)
    assert "Ada Writer" in page
    assert "Ada Reader" not in page


def test_reply_links_follow_the_site_rules_and_the_closing_date(post, reader):
    _approved(post, reader, "Words")
    assert "comment__reply" not in _page(post)  # guests may not comment here
    site = SiteSettings.current()
    site.guest_comments = True
    site.save()
    assert "comment__reply" in _page(post)
    site.comment_depth = 1
    site.save()
    assert "comment__reply" not in _page(post)
    site.comment_depth = 3
    site.comments_close_after_days = 30
    site.save()
    assert "comment__reply" in _page(post)
    # Comments close with time alone, nothing saved (so no version moves):
    # the links go at the moment they close, kept copies or not.
    post.published_at = timezone.now() - timedelta(days=30, seconds=-10)
    post.save()
    assert "comment__reply" in _page(post)
    with time_machine.travel(timezone.now() + timedelta(seconds=20)):
        page = _page(post)
    assert "Comments are closed on this article." in page
    assert "comment__reply" not in page


def test_each_page_of_threads_is_its_own(post, reader):
    for number in range(51):
        Comment.objects.create(
            post=post, author=reader, body=f"Number {number}.", status=Status.APPROVED
        )
    actions.shift_comment_count(post.pk, 51)
    assert "Number 0." in _page(post)
    assert "Number 50." not in _page(post)
    later = _page(post, query="?comments-page=2")
    assert "Number 50." in later
    assert "Number 0." not in later
    assert 'href="?comments-page=2#comment-' in later


def test_signed_in_readers_get_their_own_thread_never_the_shared_one(post, reader):
    _approved(post, reader, "Shared words")
    assert "Shared words" in _page(post)  # the shared thread is rendered now
    Comment.objects.create(post=post, author=reader, body="My held words")
    own = Client()
    own.force_login(reader)
    mine = _page(post, own)
    assert "My held words" in mine
    assert ">Edit<" in mine
    other = Client()
    other.force_login(confirmed_reader(display_name="Bo Other"))
    theirs = _page(post, other)
    assert "My held words" not in theirs
    assert ">Edit<" not in theirs
    anonymous = _page(post)
    assert "My held words" not in anonymous
    assert ">Edit<" not in anonymous


def test_the_guests_whole_section_follows_the_count_and_the_access(post, reader):
    """Without a form to fill, a guest's comment section is kept whole."""
    _approved(post, reader, "Words")
    page = _page(post)
    assert ">1 comment</h2>" in page
    assert f"?next={post.get_absolute_url()}%23comments" in page  # the doors
    _approved(post, reader, "More words")
    assert ">2 comments</h2>" in _page(post)
    post.comments_open = False
    post.save()
    assert "Comments are closed on this article." in _page(post)
    site = SiteSettings.current()
    site.guest_comments = True
    site.save()
    post.comments_open = True
    post.save()
    page = _page(post)
    assert 'name="body"' in page  # the form, outside any kept part
    assert "csrfmiddlewaretoken" in page


def _cards_rendered(response) -> list[str]:
    return [
        template.name
        for template in response.templates
        if template.name == "journal/includes/post_card.html"
    ]


def test_a_comment_renders_its_articles_card_again_and_keeps_the_others(
    post, reader, author
):
    other = PostFactory(author=author, title="Cupping, explained")
    first = Client().get("/")
    assert len(_cards_rendered(first)) == 2
    assert "0 comments" in first.content.decode()
    kept = Client().get("/")
    assert _cards_rendered(kept) == []  # the whole list from its fragment
    _approved(post, reader, "Helpful, thank you")
    after = Client().get("/")
    assert len(_cards_rendered(after)) == 1  # the commented article's card alone
    page = after.content.decode()
    assert f'{post.get_absolute_url()}#comments">1 comment</a>' in page
    assert f'{other.get_absolute_url()}#comments">0 comments</a>' in page


def _cards_drawn(monkeypatch) -> list[int]:
    """Count the comment cards rendered (each formats its date once)."""
    from meridian.comments.templatetags import comments as tags

    drawn = []
    real = tags.date_format

    def counting(value, *args, **kwargs):
        drawn.append(1)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(tags, "date_format", counting)
    return drawn


def test_a_new_comment_renders_its_own_card_and_keeps_the_others(
    post, reader, monkeypatch
):
    for number in range(5):
        _approved(post, reader, f"Words number {number}")
    drawn = _cards_drawn(monkeypatch)
    assert "Words number 4" in _page(post)
    assert len(drawn) == 5
    _approved(post, reader, "The newest words")
    page = _page(post)
    assert "The newest words" in page
    assert page.count('class="comment__card"') == 6
    assert len(drawn) == 6  # one card more; five from the kept ones
    # A signed-in reader's own cards carry edit links, guests' never do.
    client = Client()
    client.force_login(reader)
    assert "your comment" in _page(post, client)
    assert "your comment" not in _page(post)


def test_a_leaving_persons_kept_cards_lose_their_name_at_once(post, reader):
    from meridian.comments.privacy import erase_comments

    site = SiteSettings.current()
    site.comment_erasure = SiteSettings.CommentErasure.ANONYMISE
    site.save()
    _approved(post, reader, "Words to keep")
    assert "Ada Reader" in _page(post)
    erase_comments(reader)
    page = _page(post)
    assert "Words to keep" in page
    assert "Ada Reader" not in page
    assert "A former reader" in page
