"""Browser tabs for people who are signed in, shared by the browser tests."""

import threading

from django.core.signals import request_finished, request_started
from django.test import Client

# Every tab's context a test opened, closed when the test ends (conftest.py).
_open_contexts: list = []
# The live server's requests being answered (its threads, not the tests').
_answering = threading.Condition()
_in_flight = 0
_this_thread = threading.local()
# How long a request the live server is answering may take to finish.
DRAIN_SECONDS = 10


def _started(**kwargs) -> None:
    global _in_flight
    if threading.current_thread() is not threading.main_thread():
        _this_thread.answering = True
        with _answering:
            _in_flight += 1


def _finished(**kwargs) -> None:
    global _in_flight
    if getattr(_this_thread, "answering", False):
        _this_thread.answering = False
        with _answering:
            _in_flight -= 1
            _answering.notify_all()


request_started.connect(_started, dispatch_uid="browser-tabs-started")
request_finished.connect(_finished, dispatch_uid="browser-tabs-finished")


def close_all() -> None:
    """Close the tabs a test opened, then let the live server finish their requests.

    An open Studio editor sends a heartbeat autosave every few seconds: left
    open, its requests reach the live server while the next test sets up,
    with the last test's rows gone and its settings undone.
    """
    while _open_contexts:
        _open_contexts.pop().close()
    with _answering:
        _answering.wait_for(lambda: _in_flight == 0, timeout=DRAIN_SECONDS)


def signed_in(browser, live_server, person, *, width: int = 1280):
    """Open a tab with `person` signed in; console errors are collected."""
    client = Client()
    client.force_login(person)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    _open_contexts.append(context)
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
