"""A reader's whole account journey in headless Chromium, and axe on its pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "lantern meadow copper 19"
NEW_PASSWORD = "harbour quill maple 83"
LINK = re.compile(r"https?://[^\s\"<>]+")


def emailed_link(address: str, path: str) -> str:
    for message in reversed(mail.outbox):
        if address in message.to:
            for url in LINK.findall(message.body):
                if path in url:
                    return url
    raise AssertionError(f"no {path} link emailed to {address}")


def test_register_confirm_log_in_out_reset_and_log_in_again(page, live_server):
    article = PostFactory(title="Sleep and the seasons")
    page.goto(article.get_absolute_url())
    panel = page.locator(".account-panel")

    # Register from the panel, without leaving the article.
    panel.get_by_role("link", name="Register for this site!").click()
    form = panel.locator("form.account-panel__form")
    form.get_by_label("Email").fill("rosa@example.org")
    form.get_by_label("Display name").fill("Rosa Díaz")
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password (again)").fill(PASSWORD)
    assert page.url.endswith(article.get_absolute_url())
    form.get_by_role("button", name="Register").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert page.locator("h1").inner_text() == "Verify Your Email Address"

    # Confirm with the emailed link.
    page.goto(emailed_link("rosa@example.org", "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/login/**")

    # Log in from the panel on the article, and come back to it.
    page.goto(article.get_absolute_url())
    panel.get_by_role("link", name="Login to your account").click()
    form = panel.locator("form.account-panel__form")
    form.get_by_label("Email or username").fill("rosa@example.org")
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert "Signed in as Rosa Díaz" in panel.inner_text()

    # Log out (a POST from the panel).
    panel.get_by_role("button", name="Log out").click()
    # The page the POST leads to: its panel offers the login again.
    panel.get_by_role("link", name="Login to your account").wait_for()

    # Can't remember the password: reset it by the emailed link.
    panel.get_by_role("link", name="Can’t remember your password?").click()
    page.locator("main").get_by_label("Email").fill("rosa@example.org")
    page.get_by_role("button", name="Email me a reset link").click()
    page.wait_for_url("**/accounts/password/reset/done/")
    page.goto(emailed_link("rosa@example.org", "/accounts/password/reset/key/"))
    page.get_by_label("New Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    # Proving control of the address signs the owner in at once.
    page.wait_for_url(f"{live_server.url}/")
    assert "Signed in as Rosa Díaz" in panel.inner_text()
    panel.get_by_role("button", name="Log out").click()
    panel.get_by_role("link", name="Login to your account").wait_for()

    # Log in with the new password on the login page itself.
    page.goto("/accounts/login/")
    main = page.locator("main")
    main.get_by_label("Email or username").fill("rosa@example.org")
    main.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    main.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Signed in as Rosa Díaz" in panel.inner_text()
    assert page.console_errors == []


ANONYMOUS_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
SIGNED_IN_PAGES = [
    "/accounts/profile/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/profile/delete/",
]


def test_account_pages_have_no_axe_violations(browser, live_server, reader_account):
    axe = Axe()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    failures = []

    def check(path):
        for width, scheme in ((375, "light"), (1280, "light"), (375, "dark")):
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            page.goto(path)
            results = axe.run(page)
            if results.violations_count:
                report = results.generate_report()
                failures.append(f"{path} at {width}px, {scheme}:\n{report}")

    for path in ANONYMOUS_PAGES:
        check(path)
    # The panel's inline login form, opened in place.
    page.goto("/")
    page.get_by_role("link", name="Login to your account").click()
    page.locator("form.account-panel__form").wait_for()
    results = axe.run(page)
    if results.violations_count:
        failures.append(f"inline login:\n{results.generate_report()}")

    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email or username").fill("ada")
    page.locator("main").get_by_label("Password", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    # Two-factor changes ask for the password again first.
    page.goto("/accounts/2fa/totp/activate/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    for path in SIGNED_IN_PAGES:
        check(path)
    context.close()
    assert failures == [], "\n\n".join(failures)


@pytest.fixture
def reader_account(db):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(username="ada", email="ada@example.org", password=PASSWORD)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user
