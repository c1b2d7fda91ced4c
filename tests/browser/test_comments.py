"""In Chromium: a reader comments, another replies, a moderator approves, all appear."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.tabs import signed_in
from tests.comments.conftest import confirmed_reader
from tests.factories import UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db(transaction=True)


def approve_everything_waiting(page):
    page.goto("/comments/moderation/")
    for box in page.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("updated.").wait_for()


def test_comment_reply_moderate_and_read(browser, live_server, post):
    configure_site(comment_min_seconds=0, staff_require_2fa=False)
    ada = signed_in(browser, live_server, confirmed_reader(display_name="Ada"))
    bea = signed_in(browser, live_server, confirmed_reader(display_name="Bea"))
    moderator = signed_in(
        browser, live_server, UserFactory(is_staff=True, is_superuser=True)
    )

    ada.goto(post.get_absolute_url())
    assert ada.get_by_text("Comments are public").is_visible()
    ada.get_by_label("Comment", exact=True).fill("Does the first session *hurt*?")
    ada.get_by_label("Email me when someone replies").check()
    ada.get_by_role("button", name="Post comment").click()
    ada.get_by_role("heading", name="Thank you").wait_for()
    assert ada.get_by_text("awaiting moderation").first.is_visible()

    approve_everything_waiting(moderator)

    bea.goto(post.get_absolute_url())
    question = bea.locator(".comment", has_text="Does the first session")
    assert question.locator("em").inner_text() == "hurt"
    question.get_by_role("link", name="Reply to Ada").click()
    # The form moved under Ada's comment, without leaving the page.
    assert bea.get_by_text("Replying to Ada.").is_visible()
    assert "/articles/" in bea.url
    bea.get_by_label("Comment", exact=True).fill("Barely: a small pinch, then warmth.")
    bea.get_by_role("button", name="Post comment").click()
    bea.get_by_role("heading", name="Thank you").wait_for()

    approve_everything_waiting(moderator)

    reader = browser.new_page(base_url=live_server.url)
    reader.goto(post.get_absolute_url())
    thread = reader.locator("#comments .comment", has_text="Does the first session")
    reply = thread.locator(".comment-list--replies .comment")
    assert "a small pinch" in reply.inner_text()
    assert reader.get_by_role("heading", name="2 comments").is_visible()

    # Staff get the ready private reply in the textarea, without leaving the page.
    moderator.goto(post.get_absolute_url())
    moderator.get_by_role(
        "link", name="Use the ready “please contact us privately” reply"
    ).click()
    assert (
        "contact the clinic directly"
        in moderator.get_by_label("Comment", exact=True).input_value()
    )
    assert "template=private" not in moderator.url

    axe = Axe()
    ada.goto(post.get_absolute_url())
    results = axe.run(ada)
    assert results.violations_count == 0, results.generate_report()
    moderator.goto("/comments/moderation/?status=approved")
    results = axe.run(moderator)
    assert results.violations_count == 0, results.generate_report()
    for page in (ada, bea, moderator, reader):
        assert getattr(page, "console_errors", []) == []
