"""Every moderation rule, configured in site settings, seen through the form."""

import time

import pytest

from meridian.comments.forms import sign_start
from meridian.comments.models import Comment
from meridian.comments.moderation import personal_details
from tests.comments.conftest import confirmed_reader
from tests.factories import UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db
Status = Comment.Status


@pytest.fixture
def known_reader(reader, post):
    """A reader with an approved comment, so the first-comment rule is passed."""
    Comment.objects.create(
        post=post, author=reader, body="Earlier.", status=Status.APPROVED
    )
    return reader


def latest():
    return Comment.objects.latest("id")


def test_first_comment_rule_can_be_switched_off(reader_client, post, send):
    configure_site(comment_min_seconds=0, hold_first_comment=False)
    send(reader_client, post, "Hello there.")
    assert latest().status == Status.APPROVED


@pytest.mark.parametrize(("links", "status"), [(2, "approved"), (3, "pending")])
def test_more_links_than_the_threshold_are_held(
    reader_client, known_reader, post, site, send, links, status
):
    body = " ".join(f"[site {n}](https://example.org/{n})" for n in range(links))
    send(reader_client, post, body)
    assert latest().status == status
    if status == "pending":
        assert latest().held_reason == "3 links"


def test_link_threshold_comes_from_site_settings(
    reader_client, known_reader, post, send
):
    configure_site(comment_min_seconds=0, hold_link_threshold=0)
    send(reader_client, post, "See www.example.org")
    assert latest().status == Status.PENDING


@pytest.mark.parametrize(
    ("setting", "value", "body"),
    [
        ("blocklist_words", "casino\nviagra", "Try the CASINO today"),
        ("blocklist_emails", "ada@example.org", "Innocent words"),
        ("blocklist_emails", "@example.org", "Innocent words"),
        ("blocklist_ips", "127.0.0.0/8", "Innocent words"),
        ("blocklist_ips", "127.0.0.1", "Innocent words"),
    ],
)
@pytest.mark.parametrize("action", ["hold", "reject"])
def test_blocklisted_comments_are_held_or_rejected(
    client, post, send, setting, value, body, action
):
    reader = confirmed_reader(email="ada@example.org", username="ada")
    Comment.objects.create(post=post, author=reader, body="x", status=Status.APPROVED)
    client.force_login(reader)
    configure_site(comment_min_seconds=0, blocklist_action=action, **{setting: value})
    response = send(client, post, body)
    if action == "hold":
        assert latest().status == Status.PENDING
        assert "blocked" in latest().held_reason
    else:
        assert response.status_code == 400
        assert "could not be accepted" in response.content.decode()
        assert body in response.content.decode()
        assert not Comment.objects.filter(body=body).exists()


def test_a_blocklist_that_does_not_match_lets_comments_through(
    reader_client, known_reader, post, send
):
    configure_site(
        comment_min_seconds=0,
        blocklist_words="casino",
        blocklist_emails="@spam.example",
        blocklist_ips="10.0.0.0/8\nnot-an-ip",
    )
    send(reader_client, post, "A calm note about needles.")
    assert latest().status == Status.APPROVED


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Call me on 0412 345 678 please", "a phone number"),
        ("Call me on +44 (0)20 7946 0958", "a phone number"),
        ("Write to ada.lovelace@example.com", "an email address"),
        ("My date of birth is in May", "a date of birth"),
        ("born 12/05/1984 in Leeds", "a date of birth"),
        ("my NHS number is 943 476", "an ID or insurance number"),
        ("I live at 12 Harbour Street", "a street address"),
    ],
)
def test_personal_details_are_held_with_a_notice_to_the_writer(
    reader_client, known_reader, post, site, send, body, kind
):
    response = send(reader_client, post, body)
    assert latest().status == Status.PENDING
    html = response.content.decode()
    assert f"seems to contain {kind}" in html
    assert "Comments are public" in html


@pytest.mark.parametrize(
    "body",
    [
        "I had 3 sessions in 2023 and slept better.",
        "Section 4.2 of the guideline, 10-15 minutes.",
        "See https://example.org/articles/2024/05/12345678",
    ],
)
def test_ordinary_numbers_are_not_mistaken_for_personal_details(body):
    assert personal_details(body) == []


def test_personal_details_rule_can_be_switched_off(
    reader_client, known_reader, post, send
):
    configure_site(comment_min_seconds=0, hold_personal_details=False)
    send(reader_client, post, "Call me on 0412 345 678")
    assert latest().status == Status.APPROVED


def test_honeypot_rejects_silently(reader_client, known_reader, post, site, send):
    response = send(reader_client, post, "Buy now", website="http://spam.example")
    assert response.status_code == 200
    assert "awaiting moderation" in response.content.decode()
    assert not Comment.objects.filter(body="Buy now").exists()


@pytest.mark.parametrize("started", ["forged", "too-fast"])
def test_minimum_fill_time_rejects_guests_silently(client, post, site, send, started):
    configure_site(comment_min_seconds=5, guest_comments=True)
    guest = {"name": "Gus", "email": "gus@example.org"}
    stamp = "1700000000:forged" if started == "forged" else sign_start()
    response = send(client, post, "Quick bot", started=stamp, **guest)
    assert response.status_code == 200
    assert not Comment.objects.filter(body="Quick bot").exists()
    slow = sign_start(time.time() - 6)
    human = send(client, post, "Slow human", started=slow, **guest)
    assert human.status_code == 200
    assert Comment.objects.filter(body="Slow human").exists()


def test_a_signed_in_readers_quick_answer_is_kept(
    reader_client, known_reader, post, send
):
    configure_site(comment_min_seconds=5)
    response = send(reader_client, post, "Thanks!", started=sign_start())
    assert response.status_code == 302
    assert Comment.objects.filter(body="Thanks!").exists()


def test_a_stamp_from_days_ago_asks_to_send_again_and_keeps_the_text(
    client, post, site, send
):
    configure_site(comment_min_seconds=5, guest_comments=True)
    old = sign_start(time.time() - 3 * 86400)
    response = send(
        client, post, "Written last week", started=old, name="Gus", email="g@x.org"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "open for a long time" in html
    assert "Written last week" in html
    assert not Comment.objects.exists()


def test_staff_sending_the_ready_reply_at_once_is_not_taken_for_a_bot(
    client, moderator, post, site, send
):
    configure_site(comment_min_seconds=5)
    client.force_login(moderator)
    response = send(client, post, "Please contact us privately.")
    assert response.status_code == 302
    assert Comment.objects.get(body="Please contact us privately.").is_public


def test_rate_limit_per_person_answers_429_and_keeps_the_text(
    reader_client, known_reader, post, send
):
    configure_site(comment_min_seconds=0, comment_rate_limit="2/10m")
    assert send(reader_client, post, "One").status_code == 302
    assert send(reader_client, post, "Two").status_code == 302
    response = send(reader_client, post, "Three, kept")
    assert response.status_code == 429
    html = response.content.decode()
    assert "faster than this site allows" in html
    assert "Three, kept" in html
    assert not Comment.objects.filter(body="Three, kept").exists()


def test_rate_limit_per_ip_holds_across_people(client, post, send):
    configure_site(comment_min_seconds=0, comment_rate_limit="2/1h")
    for n in range(3):
        person = confirmed_reader()
        client.force_login(person)
        response = send(client, post, f"From person {n}")
    assert response.status_code == 429  # the same 127.0.0.1 for all three


def test_staff_are_exempt_from_the_rate_limit(client, post, send):
    configure_site(
        comment_min_seconds=0, comment_rate_limit="1/1h", staff_require_2fa=False
    )
    client.force_login(UserFactory(is_staff=True))
    for n in range(3):
        assert send(client, post, f"Staff note {n}").status_code == 302
    assert Comment.objects.approved().count() == 3


def test_rate_limit_zero_switches_it_off(reader_client, known_reader, post, send):
    configure_site(comment_min_seconds=0, comment_rate_limit="0")
    for n in range(7):
        assert send(reader_client, post, f"Note {n}").status_code == 302


def test_an_edit_that_adds_personal_details_is_held_again(
    reader_client, known_reader, post, site, django_capture_on_commit_callbacks
):
    comment = Comment.objects.get()
    response = reader_client.post(
        f"/comments/{comment.pk}/edit/", {"body": "Ring me: 0412 345 678"}
    )
    assert response.status_code == 200
    assert "seems to contain a phone number" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    post.refresh_from_db()
    assert post.comment_count == 0


def test_a_guest_cannot_skip_the_hold_by_reusing_an_approved_guests_details(
    client, post, send
):
    # A guest's name is public and an email guessable: neither earns trust.
    configure_site(comment_min_seconds=0, guest_comments=True)
    Comment.objects.create(
        post=post,
        guest_name="Gus",
        guest_email="gus@example.org",
        body="Earlier.",
        status=Status.APPROVED,
    )
    send(client, post, "Gus again, or is it?", name="Gus", email="gus@example.org")
    assert latest().status == Status.PENDING
    assert latest().held_reason == "guest comment"


def test_without_the_first_comment_hold_guests_publish_at_once(client, post, send):
    configure_site(comment_min_seconds=0, guest_comments=True, hold_first_comment=False)
    send(client, post, "Hello.", name="Gus", email="gus@example.org")
    assert latest().status == Status.APPROVED
