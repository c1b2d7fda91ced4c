"""In Chromium: an administrator uploads a WordPress export and reads its summary."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from meridian.journal.models import Post
from meridian.wordpress.models import ImportRun
from tests.browser.tabs import signed_in
from tests.factories import UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db(transaction=True)
EXPORT = Path(__file__).parent.parent / "wordpress" / "data" / "clinic-1.2.xml"


@pytest.mark.parametrize("width", [375, 1280])
def test_upload_an_export_and_read_its_summary(browser, live_server, width):
    configure_site(staff_require_2fa=False)
    admin = UserFactory(is_staff=True, is_superuser=True, display_name="Rosa Kim")
    tab = signed_in(browser, live_server, admin, width=width)
    axe = Axe()
    tab.goto("/studio/wordpress/")
    results = axe.run(tab)
    assert results.violations_count == 0, results.generate_report()
    tab.get_by_label("WordPress export file").set_input_files(str(EXPORT))
    tab.get_by_role("button", name="Import").click()
    # The task runs at once in tests; the run's page shows the summary.
    tab.get_by_role("heading", name="Summary").wait_for()
    assert ImportRun.objects.get().status == ImportRun.Status.DONE
    assert Post.objects.filter(slug="resting-well").exists()
    results = axe.run(tab)
    assert results.violations_count == 0, results.generate_report()
    assert tab.console_errors == []
