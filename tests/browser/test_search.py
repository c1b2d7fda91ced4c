"""The search box and the results page in Chromium: axe-clean, and usable without JS."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)
    call_command("search-rebuild", verbosity=0)


def open_page(browser, live_server, path, *, width, scheme="light", js=True):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
        java_script_enabled=js,
    )
    page = context.new_page()
    response = page.goto(path)
    page.wait_for_load_state("load")
    return context, page, response


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path",
    ["/search/?q=acupuncture+needles", "/search/?q=zzzz", "/search/"],
    ids=["results", "none", "empty"],
)
def test_search_pages_have_no_axe_violations(
    axe, browser, live_server, demo, path, width, scheme
):
    context, page, response = open_page(
        browser, live_server, path, width=width, scheme=scheme
    )
    try:
        if width == 375:  # the folded box, opened, is checked too
            page.click(".site-search__toggle")
        results = axe.run(page)
    finally:
        context.close()
    assert response.status == 200
    assert results.violations_count == 0, results.generate_report()


def test_on_a_phone_the_icon_opens_the_box_without_script(browser, live_server, demo):
    context, page, _response = open_page(browser, live_server, "/", width=375, js=False)
    try:
        assert not page.is_visible("#site-search-wide")
        assert not page.is_visible("#site-search-narrow")
        page.click(".site-search__toggle")
        page.fill("#site-search-narrow", "needles")
        page.press("#site-search-narrow", "Enter")
        page.wait_for_load_state("load")
        assert page.url.endswith("/search/?q=needles")
        assert page.locator(".search-result mark").count() >= 1
    finally:
        context.close()


def test_on_a_wide_screen_the_box_is_in_the_header(browser, live_server, demo):
    context, page, _response = open_page(browser, live_server, "/", width=1280)
    try:
        assert page.is_visible("#site-search-wide")
        assert not page.is_visible(".site-search__toggle")
        page.fill("#site-search-wide", '"first visit"')
        page.press("#site-search-wide", "Enter")
        page.wait_for_load_state("load")
        assert "first visit" in page.inner_text(".search-results__summary")
        assert page.input_value("#search-q") == '"first visit"'
    finally:
        context.close()
