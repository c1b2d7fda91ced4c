"""In Chromium: the Studio, from a first draft to a renamed published article.

An author types an article, closes the tab without saving and finds the text
again, submits it; an editor compares two revisions, restores one, schedules
the article a minute ahead, sees it reach the index and the feed when its time
comes, and renames it, after which the old address answers 301.
"""

from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from meridian.core.models import SiteSettings
from meridian.journal.models import Post, Revision
from meridian.studio import preview_links
from meridian.studio.roles import AUTHOR, EDITOR, set_role
from tests.browser.tabs import signed_in
from tests.factories import PageFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]


def team_member(role: str, name: str, username: str):
    person = UserFactory(display_name=name, username=username)
    set_role(person, role)
    return person


def no_two_factor() -> None:
    site = SiteSettings.current()
    site.staff_require_2fa = False
    site.save()


def wait_until_autosaved(page, post_title: str, words: str) -> None:
    """Wait until the server holds the typed words in the writer's autosave."""
    for _attempt in range(60):
        if Revision.objects.filter(
            kind=Revision.Kind.AUTOSAVE, title=post_title, body__contains=words
        ).exists():
            page.locator("[data-save-status][data-state=saved]").wait_for()
            return
        page.wait_for_timeout(250)
    raise AssertionError("the autosave never reached the server")


def test_write_close_reopen_submit_compare_restore_schedule_and_rename(
    browser, live_server
):
    no_two_factor()
    mei = team_member(AUTHOR, "Mei Lin", "mei")
    sam = team_member(EDITOR, "Samuel Okafor", "sam")

    # The author starts an article and types; the live preview follows.
    author = signed_in(browser, live_server, mei)
    author.goto("/studio/")
    author.get_by_role("button", name="New article").click()
    author.get_by_label("Title", exact=True).fill("Sleep, gently")
    body = author.get_by_label("Text", exact=True)
    body.fill("## Evenings\n\nA warm drink and a dim room.")
    author.locator("[data-preview] h2#evenings").wait_for()
    wait_until_autosaved(author, "Sleep, gently", "A warm drink")
    edit_url = author.url
    # The tab is closed without pressing Save.
    author.context.close()

    # Reopened: the text is there, and the author submits it for review.
    author = signed_in(browser, live_server, mei)
    author.goto(edit_url)
    assert author.get_by_label("Title", exact=True).input_value() == "Sleep, gently"
    assert "A warm drink" in author.get_by_label("Text", exact=True).input_value()
    author.get_by_role("button", name="Submit for review").click()
    author.get_by_text("Submitted for review").first.wait_for()
    post = Post.objects.get(title="Sleep, gently")
    assert post.status == Post.Status.REVIEW
    assert author.console_errors == []

    # The editor finds it in review, changes it, and compares two revisions.
    editor = signed_in(browser, live_server, sam)
    editor.goto("/studio/")
    editor.get_by_role("link", name="Sleep, gently").first.click()
    editor.get_by_label("Text", exact=True).fill(
        "## Evenings\n\nA warm drink, a dim room and no screens."
    )
    editor.get_by_role("button", name="Save draft").click()
    editor.get_by_text("Saved.").wait_for()
    editor.get_by_role("link", name="revisions").click()
    editor.get_by_role("button", name="Compare the chosen revisions").click()
    # The comparison is a new page: wait for it rather than read the old one.
    editor.locator("ins").filter(has_text="no screens").first.wait_for()

    # One click restores the older text, as a new revision.
    editor.get_by_role("button", name="Restore the revision of").first.click()
    editor.get_by_text("Restored.").wait_for()
    post.refresh_from_db()
    assert post.body.strip().endswith("A warm drink and a dim room.")

    # Scheduled a minute ahead: readers see nothing yet.
    when = (timezone.now() + timedelta(seconds=90)).replace(second=0, microsecond=0)
    editor.get_by_label("Publish on").fill(
        timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")
    )
    editor.get_by_role("button", name="Schedule").click()
    editor.get_by_text("Scheduled for").first.wait_for()
    reader = Client()
    assert "Sleep, gently" not in reader.get("/").content.decode()

    with time_machine.travel(when + timedelta(seconds=5)):
        # Its time has come: on the index and in the feed, without any job.
        assert "Sleep, gently" in reader.get("/").content.decode()
        feed = feedparser.parse(reader.get("/feed/").content)
        assert "Sleep, gently" in [entry.title for entry in feed.entries]

        # Renamed: the old address answers 301 to the new one.
        editor.goto(edit_url)
        editor.get_by_label("Address (slug)").fill("sleeping-gently")
        editor.get_by_role("button", name="Update").click()
        editor.get_by_text("Updated: readers see the new text.").wait_for()
        moved = reader.get("/articles/sleep-gently/")
        assert moved.status_code == 301
        assert moved["Location"] == "/articles/sleeping-gently/"
    assert editor.console_errors == []


def test_the_browser_warns_before_leaving_unsaved_text(browser, live_server):
    no_two_factor()
    mei = team_member(AUTHOR, "Mei Lin", "mei")
    post = PostFactory(author=mei, status=Post.Status.DRAFT, title="Draft")
    page = signed_in(browser, live_server, mei)
    page.goto(f"/studio/articles/{post.pk}/")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    # Offline: the autosave cannot reach the server, so the text is unsaved.
    page.context.set_offline(True)
    # Typed for real: browsers only warn once the person has used the page.
    page.get_by_label("Text", exact=True).click()
    page.keyboard.type("Words the server never got.")
    page.locator("[data-save-status][data-state=offline]").wait_for(timeout=15_000)
    assert "offline" in page.locator("[data-save-status]").inner_text()
    witness = page.context.new_page()
    page.close(run_before_unload=True)
    witness.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]


def studio_pages(mei, sam) -> dict[str, str]:
    post = PostFactory(
        author=mei,
        title="Herbs for sleep",
        body="## Valerian\n\nA root with a long history.\n\n- tea\n- tincture",
        status=Post.Status.DRAFT,
    )
    client = Client()
    client.force_login(sam)
    for body in ("One version.", "Another version."):
        post.refresh_from_db()
        client.post(
            f"/studio/articles/{post.pk}/",
            {
                "title": post.title,
                "body": body,
                "slug": post.slug,
                "version": post.version,
                "action": "save",
            },
        )
    older, newer = post.revisions.filter(kind="saved")[1], post.revisions.first()
    page = PageFactory(slug="about")
    link = preview_links.make_link(post, sam)
    return {
        "dashboard": "/studio/",
        "articles": "/studio/articles/",
        "new-article": "/studio/articles/new/",
        "editor": f"/studio/articles/{post.pk}/",
        "revisions": f"/studio/articles/{post.pk}/revisions/",
        "compare": (
            f"/studio/articles/{post.pk}/revisions/compare/"
            f"?old={older.pk}&new={newer.pk}"
        ),
        "picker": f"/studio/articles/{post.pk}/pictures/?for=featured",
        "pages": "/studio/pages/",
        "new-page": "/studio/pages/new/",
        "page-editor": f"/studio/pages/{page.pk}/",
        "page-revisions": f"/studio/pages/{page.pk}/revisions/",
        "private-preview": preview_links.address(link),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_studio_pages_have_no_axe_violations(axe, browser, live_server, width):
    no_two_factor()
    mei = team_member(AUTHOR, "Mei Lin", "mei")
    sam = team_member(EDITOR, "Samuel Okafor", "sam")
    pages = studio_pages(mei, sam)
    tab = signed_in(browser, live_server, sam, width=width)
    found = {}
    for name, path in pages.items():
        response = tab.goto(path)
        assert response.status == 200, (name, response.status)
        tab.wait_for_load_state("load")
        results = axe.run(tab)
        if results.violations_count:
            found[name] = results.generate_report()
    assert not found, found
    assert tab.console_errors == []


def test_text_typed_before_the_editor_script_runs_is_autosaved(browser, live_server):
    # A slow connection: the writer types while the editor's script still loads.
    no_two_factor()
    mei = team_member(AUTHOR, "Mei Lin", "mei")
    post = PostFactory(author=mei, title="Draft", status=Post.Status.DRAFT)
    tab = signed_in(browser, live_server, mei)
    held = []
    tab.route("**/studio-editor*.js", lambda route: held.append(route))
    tab.goto(f"/studio/articles/{post.pk}/", wait_until="commit")
    tab.locator("textarea[name=body]").wait_for()
    tab.get_by_label("Title", exact=True).fill("Typed early")
    tab.get_by_label("Text", exact=True).fill("Words before the script.")
    while not held:
        tab.wait_for_timeout(50)
    held[0].continue_()
    wait_until_autosaved(tab, "Typed early", "Words before the script")


def test_a_page_autosaves_and_its_text_is_back_after_closing(browser, live_server):
    no_two_factor()
    sam = team_member(EDITOR, "Samuel Okafor", "sam")
    page = PageFactory(title="Opening hours", slug="hours", body="Mon–Fri.")
    tab = signed_in(browser, live_server, sam)
    tab.goto(f"/studio/pages/{page.pk}/")
    tab.locator("textarea[name=body]").fill("Mon–Fri, and Saturday mornings.")
    tab.locator("[data-preview]").get_by_text("Saturday mornings").wait_for()
    tab.locator("[data-save-status][data-state=saved]").wait_for()
    tab.context.close()

    again = signed_in(browser, live_server, sam)
    again.goto(f"/studio/pages/{page.pk}/")
    assert (
        again.locator("textarea[name=body]").input_value()
        == "Mon–Fri, and Saturday mornings."
    )
    assert again.get_by_text("Your unsaved changes from").is_visible()
    page.refresh_from_db()
    assert page.body == "Mon–Fri."
    assert again.console_errors == []


def test_sources_are_typed_in_rows_and_readers_see_numbered_references(
    browser, live_server
):
    no_two_factor()
    sam = team_member(EDITOR, "Samuel Okafor", "sam")
    post = PostFactory(
        author=sam, title="Cupping", slug="cupping", body="Words.", sources=""
    )
    tab = signed_in(browser, live_server, sam, width=375)
    tab.goto(f"/studio/articles/{post.pk}/")
    tab.get_by_label("Source 1: title").fill("Cupping and back pain")
    tab.get_by_label("Source 1: Publisher").fill("Pain Review")
    tab.get_by_label("Source 1: Year").fill("2020")
    tab.get_by_label("Source 1: Address").fill("https://example.org/cupping")
    tab.get_by_label("Source 2: title").fill("A second look")
    tab.get_by_label("Source 2: Year").fill("20")
    tab.get_by_role("button", name="Update", exact=True).click()
    # A bad year is explained; both rows are still there.
    tab.get_by_text("Source 2: the year is four digits").wait_for()
    assert tab.get_by_label("Source 1: title").input_value() == "Cupping and back pain"
    assert tab.get_by_label("Source 2: Year").input_value() == "20"
    tab.get_by_label("Source 2: Year").fill("2023")
    tab.get_by_role("button", name="Update", exact=True).click()
    tab.get_by_label("Source 3: title").wait_for()
    # Only the refused save's answer (400), no script error.
    assert all("status of 400" in error for error in tab.console_errors)

    reader = browser.new_page(base_url=live_server.url)
    reader.goto("/articles/cupping/")
    references = reader.locator("ol li").filter(has_text="Cupping and back pain")
    assert references.count() == 1
    assert "Pain Review" in references.inner_text()
    assert (
        reader.get_by_role("link", name="Cupping and back pain").get_attribute("href")
        == "https://example.org/cupping"
    )
