"""Subscribing in Chromium: the form, the emailed confirmation, one-click leave; axe."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from meridian.subscribers.links import make_token
from meridian.subscribers.models import Mailing, Subscriber
from tests.factories import CategoryFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def emailed_path(address: str, part: str) -> str:
    # Emailed links name the site's address, which is the live server's here.
    site_link = re.compile(re.escape(settings.SITE_URL) + r"(/[^\s\"<>]*)")
    for message in reversed(mail.outbox):
        if address in message.to:
            for path in site_link.findall(message.body):
                if part in path:
                    return path
    raise AssertionError(f"no {part} link emailed to {address}")


def test_subscribe_confirm_from_the_email_choose_and_leave(page):
    CategoryFactory(name="Sleep", slug="sleep")
    article = PostFactory(title="Sleep and the seasons")
    page.goto(article.get_absolute_url())
    box = page.locator(".subscribe-box").first
    box.get_by_label("Your email address").fill("rosa@example.org")
    box.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/subscribe/check-your-inbox/")
    assert page.locator("h1").inner_text() == "Check your inbox"
    assert not Subscriber.objects.get().is_confirmed

    page.goto(emailed_path("rosa@example.org", "/subscribe/confirm/"))
    page.get_by_role("button", name="Yes, send me new articles").click()
    page.wait_for_url("**/subscribe/manage/**")
    assert Subscriber.objects.get().is_confirmed

    page.get_by_label("A weekly digest").check()
    page.get_by_label("Only the categories below").check()
    page.get_by_label("Sleep").check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_role("status").filter(has_text="Your choices are saved.").wait_for()
    assert Subscriber.objects.get().frequency == "weekly"

    page.get_by_role("link", name="Unsubscribe and erase your address").click()
    page.get_by_role("button", name="Unsubscribe").click()
    # A new page: wait for its heading rather than read the form page's.
    page.get_by_role("heading", name="You are unsubscribed", level=1).wait_for()
    assert not Subscriber.objects.exists()
    assert page.console_errors == []


def _pages():
    CategoryFactory(name="Sleep", slug="sleep")
    CategoryFactory(name="Herbs", slug="herbs")
    waiting = Subscriber.objects.create(email="wait@example.org")
    confirmed = Subscriber.objects.create(
        email="done@example.org", confirmed_at=timezone.now()
    )
    return [
        "/subscribe/",
        "/subscribe/check-your-inbox/",
        "/subscribe/manage/",
        f"/subscribe/confirm/{make_token(waiting, 'confirm')}/",
        f"/subscribe/manage/{make_token(confirmed, 'manage')}/",
        f"/subscribe/unsubscribe/{make_token(confirmed, 'unsubscribe')}/",
        "/subscribe/confirm/not-a-token/",
    ]


@pytest.mark.parametrize("width", [375, 1280])
def test_subscription_pages_have_no_axe_violations(axe, browser, live_server, width):
    user = UserFactory(email="ada@example.org")
    paths = _pages()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    try:
        page = context.new_page()
        for path in paths:
            page.goto(path)
            results = axe.run(page)
            assert results.violations_count == 0, (path, results.generate_report())
        # The bad-input page, as a reader who typed a wrong address sees it.
        page.goto("/subscribe/")
        page.get_by_label("Your email address").first.fill("rosa@")
        page.locator("form.subscribe-form button").first.click()
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
        # A signed-in reader's page.
        signed_in = Client()
        signed_in.force_login(user)
        session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": live_server.url,
                }
            ]
        )
        page.goto("/subscribe/profile/")
        assert page.locator("h1").inner_text() == "Articles by email"
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def assert_axe_clean(axe, tab, where: str) -> None:
    results = axe.run(tab)
    assert results.violations_count == 0, (where, results.generate_report())


@pytest.mark.parametrize("width", [375, 1280])
def test_the_studio_offers_emailing_the_article_without_axe_violations(
    axe, browser, live_server, width, tmp_path, settings
):
    from meridian.core.models import SiteSettings
    from meridian.studio.roles import EDITOR, set_role
    from tests.browser.tabs import signed_in
    from tests.conftest import store_picture

    # The email's images and links name the site's address: the live server's here.
    settings.SITE_URL = live_server.url
    site = SiteSettings.current()
    site.staff_require_2fa = False
    site.medical_disclaimer = "This journal does not replace a visit to the clinic."
    site.save()
    sam = UserFactory(display_name="Samuel Okafor", username="sam")
    set_role(sam, EDITOR)
    article = PostFactory(
        author=sam,
        title="Sleep and the seasons",
        category=CategoryFactory(name="Sleep", slug="sleep"),
        featured_image=store_picture(alt="A lamp beside a bed"),
    )
    # An earlier article already emailed, and a digest: the list shows their logs.
    earlier = PostFactory(author=sam, title="Needles, explained")
    Mailing.objects.create(kind=Mailing.Kind.ARTICLE, post=earlier)
    Mailing.objects.create(
        kind=Mailing.Kind.DIGEST,
        period_start=timezone.now() - timedelta(days=7),
        period_end=timezone.now(),
    )
    for n in range(3):
        Subscriber.objects.create(
            email=f"r{n}@example.org", confirmed_at=timezone.now()
        )
    tab = signed_in(browser, live_server, sam, width=width)
    try:
        tab.goto(f"/studio/articles/{article.pk}/")
        section = tab.locator("section.editor__mailing")
        assert "Not emailed yet: 3 subscribers" in section.inner_text()
        results = axe.run(tab)
        assert results.violations_count == 0, results.generate_report()
        tab.screenshot(path=str(tmp_path / f"editor-{width}.png"), full_page=True)
        section.get_by_role("link", name="Email this article to subscribers").click()
        tab.wait_for_url(f"**/subscribe/staff/articles/{article.pk}/")
        assert tab.get_by_label("Email this article to subscribers").is_checked()
        assert_axe_clean(axe, tab, "the article's email page")

        # The list of all articles, with their send logs and the digests.
        tab.get_by_role("link", name="All articles").click()
        tab.wait_for_url("**/subscribe/staff/")
        assert tab.get_by_role("row", name="Needles, explained").is_visible()
        assert_axe_clean(axe, tab, "the staff list")
        assert tab.console_errors == []

        # The email as readers get it, in light and dark mode.
        tab.get_by_role("link", name="Sleep and the seasons").click()
        tab.get_by_role("link", name="Open the email as readers see it").click()
        tab.wait_for_url(f"**/subscribe/staff/articles/{article.pk}/preview/")
        tab.get_by_role("heading", name="Sleep and the seasons", level=1).wait_for()
        assert tab.get_by_role("img", name="A lamp beside a bed").is_visible()
        assert_axe_clean(axe, tab, "the email preview")
        tab.emulate_media(color_scheme="dark")
        assert_axe_clean(axe, tab, "the email preview in dark mode")
        # An email links no site icon, so Chromium's own /favicon.ico probe may
        # 404; its styles and pictures must still not be blocked by the CSP.
        assert not [e for e in tab.console_errors if "Content Security" in e]
    finally:
        tab.context.close()
