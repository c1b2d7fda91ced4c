import pytest

from meridian.studio.roles import ADMINISTRATOR, AUTHOR, EDITOR, set_role
from tests.factories import UserFactory
from tests.helpers import configure_site


@pytest.fixture(autouse=True)
def _no_two_factor(db):
    # Two-factor enrolment for staff is tested with accounts; here it would
    # only stand between the writers and the Studio.
    configure_site(staff_require_2fa=False)


def _person(role, **fields):
    person = UserFactory(**fields)
    if role:
        set_role(person, role)
    return person


@pytest.fixture
def writer(db):
    """An Author."""
    return _person(AUTHOR, display_name="Mei Lin", username="mei")


@pytest.fixture
def other_writer(db):
    return _person(AUTHOR, display_name="Ana Ruiz", username="ana")


@pytest.fixture
def editor(db):
    return _person(EDITOR, display_name="Samuel Okafor", username="sam")


@pytest.fixture
def administrator(db):
    return _person(ADMINISTRATOR, display_name="Clinic Admin", username="boss")


@pytest.fixture
def reader(db):
    return _person(None, display_name="Rosa Reader", username="rosa")


@pytest.fixture
def as_person(client):
    """Return a function that signs the test client in as someone."""

    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in


def edit_url(post) -> str:
    """Return the address of an article's writing screen."""
    return f"/studio/articles/{post.pk}/"


def form(post, **changes) -> dict:
    """Return the writing form as a writer sends it."""
    return {
        "title": post.title,
        "body": post.body,
        "summary": post.summary,
        "slug": post.slug,
        "tags": "",
        "comments_open": "on",
        "version": post.version,
        "action": "save",
        **changes,
    }
