"""The journal answers core's signals: a new site gets the demo journal."""

import io

import pytest

from meridian.core.signals import site_set_up
from meridian.journal.models import Post

pytestmark = pytest.mark.django_db


def test_setup_loads_the_demo_into_an_empty_site():
    out = io.StringIO()
    site_set_up.send(sender=None, demo=True, local=False, stdout=out)
    assert Post.objects.published().exists()
    assert "Demo content:" in out.getvalue()


def test_setup_without_the_demo_leaves_the_site_empty():
    site_set_up.send(sender=None, demo=False, local=False, stdout=io.StringIO())
    assert not Post.objects.exists()
