"""Browser tabs for people who are signed in, shared by the browser tests."""

from django.test import Client


def signed_in(browser, live_server, person, *, width: int = 1280):
    """Open a tab with `person` signed in; console errors are collected."""
    client = Client()
    client.force_login(person)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    return page
