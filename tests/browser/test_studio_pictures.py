"""In Chromium: pictures from the library into the writing screen, with and without JS.

With the script, the picker opens in a dialog: a picture uploaded there is
inserted at the cursor with its alt text, another becomes the featured
image, and the article is published from the Studio. Without it, the picker
is a page of its own and the typed text is there on the way back.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from meridian.core.models import SiteSettings
from meridian.journal.models import Post
from meridian.studio.roles import EDITOR, set_role
from tests.browser.tabs import signed_in
from tests.conftest import store_picture
from tests.factories import PostFactory, UserFactory
from tests.media import pictures

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sam(db):
    site = SiteSettings.current()
    site.staff_require_2fa = False
    site.save()
    person = UserFactory(display_name="Samuel Okafor", username="sam")
    set_role(person, EDITOR)
    return person


@pytest.fixture
def draft(sam):
    return PostFactory(
        author=sam,
        title="",
        slug="untitled-1234",
        body="",
        status=Post.Status.DRAFT,
        published_at=None,
    )


def test_pick_upload_insert_at_the_cursor_feature_and_publish(
    browser, live_server, sam, draft
):
    garden = store_picture(pictures.png((1200, 800)), alt="The clinic garden")
    tab = signed_in(browser, live_server, sam)
    tab.goto(f"/studio/articles/{draft.pk}/")
    tab.get_by_label("Title", exact=True).fill("A garden to rest in")
    body = tab.locator("textarea[name=body]")
    body.fill("First paragraph.\n\nLast paragraph.")
    # The cursor after the first paragraph: the picture goes there.
    body.evaluate("el => el.setSelectionRange(16, 16)")

    tab.get_by_role("button", name="Image", exact=True).click()
    dialog = tab.locator("dialog[open]")
    dialog.get_by_role("heading", name="Choose a picture for the text").wait_for()
    dialog.get_by_text("Upload a new picture").click()
    dialog.get_by_label("Picture").set_input_files(
        {
            "name": "room.jpg",
            "mimeType": "image/jpeg",
            "buffer": pictures.phone_photo((1400, 1000), orientation=1),
        }
    )
    dialog.get_by_label("Alt text").fill("The treatment room, window open")
    dialog.get_by_label("Caption").fill("Our quiet room")
    dialog.get_by_role("button", name="Upload").click()
    fresh = dialog.locator(".picker__item--new")
    fresh.get_by_text("Just uploaded").wait_for()
    fresh.get_by_role("button", name="Use this picture").click()
    dialog.wait_for(state="hidden")
    value = body.input_value()
    assert value.startswith(
        "First paragraph.\n\n![The treatment room, window open](/media/library/"
    )
    assert value.endswith('"Our quiet room")\n\nLast paragraph.')

    # The featured image, found by searching, without leaving the page.
    tab.get_by_role("button", name="Choose from the library").click()
    dialog.get_by_role("heading", name="Choose the featured image").wait_for()
    dialog.get_by_label("Search the library").fill("garden")
    dialog.get_by_role("button", name="Search").click()
    dialog.get_by_text("1 picture matches").wait_for()
    dialog.get_by_role("button", name="Use this picture").click()
    dialog.wait_for(state="hidden")
    assert tab.locator("input[name=featured_image]").input_value() == str(garden.pk)
    assert tab.locator("[data-featured-alt]").inner_text() == "The clinic garden"
    tab.locator("[data-save-status][data-state=saved]").wait_for()

    tab.get_by_role("button", name="Publish now").click()
    tab.get_by_text("Published: readers see it now.").wait_for()
    post = Post.objects.get(pk=draft.pk)
    assert post.is_public
    assert post.featured_image == garden
    assert tab.console_errors == []

    reader = browser.new_page(base_url=live_server.url)
    reader.goto(post.get_absolute_url())
    figure = reader.locator(".prose figure")
    assert figure.locator("figcaption").inner_text() == "Our quiet room"
    img = figure.locator("img")
    assert img.get_attribute("alt") == "The treatment room, window open"
    assert "800w" in img.get_attribute("srcset")


def test_without_javascript_the_picker_is_a_page_and_no_word_is_lost(
    browser, live_server, sam, draft
):
    store_picture(pictures.png((900, 600)), alt="", name="chart.png")
    client = Client()
    client.force_login(sam)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    tab = context.new_page()
    tab.goto(f"/studio/articles/{draft.pk}/")
    tab.get_by_label("Title", exact=True).fill("Typed, never saved")
    tab.locator("textarea[name=body]").fill("Words typed by hand.")
    tab.get_by_role("button", name="Insert a picture from the library").click()
    tab.get_by_role("heading", name="Choose a picture for the text").wait_for()
    # No alt text yet: it must be written before the picture is used (the
    # browser asks first; the server refusing it is tested in tests/studio).
    alt = tab.get_by_label("Alt text (needed to use it)")
    assert alt.get_attribute("required") is not None
    alt.fill("A chart of the meridians")
    tab.get_by_role("button", name="Use this picture").click()
    tab.get_by_text("The picture is at the end of the text").wait_for()
    assert tab.get_by_label("Title", exact=True).input_value() == "Typed, never saved"
    assert (
        tab.locator("textarea[name=body]")
        .input_value()
        .startswith(
            "Words typed by hand.\n\n![A chart of the meridians](/media/library/"
        )
    )
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_picker_dialog_has_no_axe_violations(
    browser, live_server, sam, draft, width
):
    store_picture(pictures.png((900, 600)), alt="", name="chart.png")
    store_picture(pictures.phone_photo(), alt="A treatment room")
    tab = signed_in(browser, live_server, sam, width=width)
    tab.goto(f"/studio/articles/{draft.pk}/")
    tab.get_by_role("button", name="Choose from the library").click()
    tab.locator("dialog[open] .picker__item").first.wait_for()
    results = Axe().run(tab)
    assert results.violations_count == 0, results.generate_report()
    assert tab.console_errors == []


def test_a_page_takes_a_picture_from_the_dialog_too(browser, live_server, sam):
    from tests.factories import PageFactory

    store_picture(pictures.png((900, 600)), alt="The waiting room")
    page = PageFactory(title="About", slug="about", body="We are a small clinic.")
    tab = signed_in(browser, live_server, sam, width=375)
    tab.goto(f"/studio/pages/{page.pk}/")
    tab.get_by_role("button", name="Insert a picture from the library").click()
    dialog = tab.locator("dialog[open]")
    dialog.get_by_role("heading", name="Choose a picture for the text").wait_for()
    assert Axe().run(tab).violations_count == 0
    dialog.get_by_role("button", name="Use this picture").click()
    dialog.wait_for(state="hidden")
    assert (
        tab.locator("textarea[name=body]")
        .input_value()
        .startswith("We are a small clinic.\n\n![The waiting room](/media/library/")
    )
    tab.locator("[data-preview] img[alt='The waiting room']").wait_for()
    assert tab.console_errors == []
