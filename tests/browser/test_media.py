"""In Chromium: staff upload pictures to the library, insert one, readers see it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from meridian.core.models import SiteSettings
from meridian.media.models import Image
from tests.browser.tabs import signed_in
from tests.factories import UserFactory
from tests.media import pictures

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(db):
    site = SiteSettings.current()
    site.staff_require_2fa = False
    site.save()
    return UserFactory(is_staff=True, is_superuser=True, display_name="Mei Lin")


def picture_file(name, content):
    return {"name": name, "mimeType": "image/jpeg", "buffer": content}


def test_upload_two_insert_one_publish_and_read(browser, live_server, editor):
    page = signed_in(browser, live_server, editor)
    page.goto("/studio/media/")
    # Two at once through the drop zone's file chooser, with progress.
    page.locator("[data-drop-input]").set_input_files(
        [
            picture_file("room.jpg", pictures.phone_photo((1400, 1000), orientation=1)),
            picture_file("needles.png", pictures.png((900, 600))),
        ]
    )
    page.get_by_role("link", name="Show the new pictures").wait_for()
    expect(page.locator(".drop-zone__list progress")).to_have_count(2)
    page.get_by_role("link", name="Show the new pictures").click()
    # Assertions that wait: the library page may still be loading after the click.
    expect(page.locator(".library__item")).to_have_count(2)
    expect(page.get_by_text("2 pictures")).to_be_visible()
    expect(page.get_by_text("No alt text yet")).to_have_count(2)

    # Alt text first, then the Markdown is offered.
    page.locator(".library__item a").filter(has_text="No alt text yet").first.click()
    expect(page.get_by_text("cannot be inserted")).to_be_visible()
    page.get_by_label("Alt text").fill("The treatment room, window open")
    page.get_by_label("Caption").fill("Our quiet room")
    page.get_by_role("button", name="Save").click()
    markdown = page.get_by_label("Markdown to paste into the text").input_value()
    assert markdown.startswith("![The treatment room, window open](/media/library/")
    assert page.console_errors == []

    # Publish an article with it in the Studio, pasting the Markdown offered.
    page.goto("/studio/articles/new/")
    page.get_by_role("button", name="Start writing").click()
    page.get_by_label("Title", exact=True).fill("A room to rest in")
    page.locator("textarea[name=body]").fill(f"Welcome.\n\n{markdown}\n\nMore text.")
    page.get_by_role("button", name="Publish now").click()
    page.get_by_text("Published: readers see it now.").wait_for()
    assert page.console_errors == []

    reader = browser.new_page(base_url=live_server.url)
    reader.goto("/articles/a-room-to-rest-in/")
    figure = reader.locator(".prose figure")
    assert figure.locator("figcaption").inner_text() == "Our quiet room"
    img = figure.locator("img")
    assert img.get_attribute("alt") == "The treatment room, window open"
    assert "800w" in img.get_attribute("srcset")
    # The text's first picture may be the largest on the first screen.
    assert img.get_attribute("loading") == "eager"
    assert figure.locator("source[type='image/webp']").count() == 1
    img.scroll_into_view_if_needed()
    reader.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=img.element_handle()
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_the_library_pages_have_no_axe_violations(browser, live_server, editor, width):
    from tests.conftest import store_picture

    image = store_picture(pictures.phone_photo(), alt="")
    store_picture(pictures.png(), alt="A chart of the meridians", caption="Meridians")
    page = signed_in(browser, live_server, editor, width=width)
    axe = Axe()
    for path in (
        "/studio/media/",
        image.get_absolute_url(),
        f"/studio/media/{image.pk}/delete/",
    ):
        response = page.goto(path)
        assert response.status == 200
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
    assert Image.objects.count() == 2
