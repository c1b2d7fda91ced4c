import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from meridian.studio.roles import ROLES, role_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def labels(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_migration_creates_the_three_roles_by_name():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_editors_and_administrators_moderate_and_publish_authors_do_not():
    author, editor, admin = (Group.objects.get(name=name) for name in ROLES)
    assert "comments.moderate_comment" in labels(editor)
    assert "comments.moderate_comment" in labels(admin)
    assert "comments.moderate_comment" not in labels(author)
    assert "journal.publish_post" in labels(editor)
    assert "journal.publish_post" not in labels(author)
    assert "journal.edit_any_post" not in labels(author)
    assert {"journal.add_post", "journal.change_post"} <= labels(author)
    assert "core.change_sitesettings" in labels(admin)
    assert "core.change_sitesettings" not in labels(editor)
    assert "accounts.change_user" in labels(admin)


def test_role_command_sets_one_role_and_makes_the_person_staff(capsys):
    person = UserFactory(username="mei")
    call_command("role", "set", "mei", "Author")
    call_command("role", "set", "mei", "Editor")
    person.refresh_from_db()
    assert person.is_staff
    assert role_of(person) == "Editor"
    assert list(person.groups.values_list("name", flat=True)) == ["Editor"]
    assert person.has_perm("comments.moderate_comment")
    call_command("role", "list")
    assert "mei\tEditor" in capsys.readouterr().out


def test_role_command_clears_a_role_and_finds_people_by_email():
    person = UserFactory(username="sam", email="sam@example.org")
    call_command("role", "set", "SAM@example.org", "Administrator")
    call_command("role", "clear", "sam")
    assert role_of(person) is None


def test_role_command_refuses_an_unknown_person():
    with pytest.raises(CommandError, match="nobody"):
        call_command("role", "set", "nobody", "Editor")


def test_a_role_given_in_the_admin_brings_staff_access():
    person = UserFactory(is_staff=False)
    person.groups.add(Group.objects.get(name="Author"))
    person.refresh_from_db()
    assert person.is_staff


def test_the_demo_gives_its_practitioners_roles_and_prints_how_to_sign_in(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    from meridian.accounts.models import User

    mei = User.objects.get(username="mei.lin")
    sam = User.objects.get(username="samuel.okafor")
    assert role_of(mei) == "Author"
    assert role_of(sam) == "Editor"
    assert "Author login (the Studio, /studio/): username 'mei.lin'" in out
    assert "Editor login (the Studio, /studio/): username 'samuel.okafor'" in out
    assert "Staff login" in out
    password = out.split("username 'mei.lin', password '")[1].split("'")[0]
    assert mei.check_password(password)
    # A second run neither changes nor prints the passwords again.
    call_command("demo")
    assert "password" not in capsys.readouterr().out
    mei.refresh_from_db()
    assert mei.check_password(password)
