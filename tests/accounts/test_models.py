"""The User model's manager."""

import pytest
from django.contrib.auth.models import Group, Permission

from meridian.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERMISSION = "comments.moderate_comment"


def test_people_reachable_with_a_permission_hold_it_and_have_an_address():
    grant = Permission.objects.get(codename="moderate_comment")
    direct = UserFactory(username="direct")
    direct.user_permissions.add(grant)
    editors = Group.objects.create(name="Moderating editors")
    editors.permissions.add(grant)
    member = UserFactory(username="member")
    member.groups.add(editors)
    chief = UserFactory(username="chief", is_superuser=True)
    UserFactory(username="reader")
    UserFactory(username="left", is_active=False).user_permissions.add(grant)
    UserFactory(username="silent", email="").user_permissions.add(grant)

    reachable = User.objects.reachable_with_perm(PERMISSION)

    assert set(reachable) == {direct, member, chief}
