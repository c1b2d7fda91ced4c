"""axe-core inside Chromium: the reader pages have no accessibility violations.

axe-core comes from the pinned `axe-playwright-python` wheel, which vendors
`axe.min.js`, so the suite needs no network and no npm (docs/architecture.md).
"""

import pytest
from django.core.management import call_command

from meridian.journal.models import Post

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = "/articles/what-to-expect-at-your-first-acupuncture-visit/"
WIDTHS = [375, 1280]
SCHEMES = ["light", "dark"]


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)
    article = Post.objects.get(slug=ARTICLE.split("/")[2])
    # The pages must be as rich as the demo promises, or the check proves little.
    assert article.featured_image
    assert article.sources
    assert article.reviewed_by
    assert len(article.toc) >= 3
    return article


def violations(axe, browser, live_server, path, *, width, scheme="light"):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
    )
    try:
        page = context.new_page()
        response = page.goto(path)
        page.wait_for_load_state("load")
        results = axe.run(page)
        return response.status, results
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/", ARTICLE], ids=["index", "article"])
def test_reader_page_has_no_axe_violations(
    axe, browser, live_server, demo, path, width, scheme
):
    status, results = violations(
        axe, browser, live_server, path, width=width, scheme=scheme
    )
    assert status == 200
    assert results.violations_count == 0, results.generate_report()


def test_not_found_page_has_no_axe_violations(axe, browser, live_server, demo):
    status, results = violations(axe, browser, live_server, "/no-such-page/", width=375)
    assert status == 404
    assert results.violations_count == 0, results.generate_report()
