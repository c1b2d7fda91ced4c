import pytest

from tests.factories import PageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_goes_from_the_index_to_an_article_and_its_category(page, post):
    PageFactory()
    page.goto("/")
    assert page.locator("h1").inner_text() == "Blog & Journal"
    page.get_by_role("link", name="Needles, explained").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").inner_text() == "Needles, explained"
    assert page.get_by_role("heading", name="Leave a Comment").is_visible()
    assert page.get_by_role("link", name="Login to your account").first.is_visible()
    assert page.get_by_role("link", name="Can’t remember your password?").is_visible()
    assert page.get_by_role("link", name="Register for this site!").first.is_visible()
    page.locator(".article__kicker a").click()
    page.wait_for_url("**/category/treatments/")
    assert page.locator("h1").inner_text() == "Treatments"
    assert page.console_errors == []


def test_article_reads_well_on_a_phone(page, post):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(post.get_absolute_url())
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, "the article scrolls sideways on a phone"
    assert page.console_errors == []


def test_an_article_prints_as_the_article_alone(page, post):
    page.goto(post.get_absolute_url())
    page.emulate_media(media="print")
    assert page.locator("h1").is_visible()
    assert page.locator(".prose").is_visible()
    assert page.locator(".disclaimer").is_visible()
    # Navigation, the account panel and the comment area stay off paper.
    for hidden in (".site-nav", ".layout__aside", "#comments"):
        assert not page.locator(hidden).first.is_visible(), hidden
    page.emulate_media(media="screen")
    assert page.locator(".layout__aside").is_visible()


@pytest.mark.usefixtures("rendered_fragments")
def test_the_first_tab_offers_to_skip_to_the_content(page, post):
    # The skip link is part of the kept header: the same on a page rendered
    # first, on one served from kept parts, and on search results (not kept).
    for path in ("/", post.get_absolute_url(), post.get_absolute_url(), "/search/?q=x"):
        page.goto(path)
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.inner_text() == "Skip to content", path
        assert skip.is_visible(), path
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "content", path
    assert page.console_errors == []
