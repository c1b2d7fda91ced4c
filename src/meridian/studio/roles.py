"""The three roles of the clinic's team, as groups with permissions.

Groups are named exactly Author, Editor and Administrator; other apps refer to
them by name. Their first permissions come from this app's data migration
(migrations/0001_roles.py, a frozen copy of ROLE_PERMISSIONS below);
ensure_roles() recreates whatever is missing, for a fresh database or a test
that emptied its tables.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

AUTHOR, EDITOR, ADMINISTRATOR = "Author", "Editor", "Administrator"
ROLES = (AUTHOR, EDITOR, ADMINISTRATOR)

# An Author's change_post covers only their own articles: the Studio's views
# check the author (studio/access.py); edit_any_post is what lifts that.
_AUTHOR = [
    "journal.add_post",
    "journal.change_post",
    "journal.view_post",
    "journal.view_category",
    "journal.view_tag",
    "journal.add_tag",
]
_EDITOR = [
    *_AUTHOR,
    "journal.delete_post",
    "journal.publish_post",
    "journal.edit_any_post",
    "journal.add_page",
    "journal.change_page",
    "journal.delete_page",
    "journal.view_page",
    "journal.add_category",
    "journal.change_category",
    "journal.change_tag",
    "journal.add_redirect",
    "journal.change_redirect",
    "journal.view_redirect",
    "comments.moderate_comment",
    "comments.change_comment",
    "comments.view_comment",
    # Granted to existing databases by subscribers' migration 0003.
    "subscribers.add_mailing",
    "subscribers.view_mailing",
]
_ADMINISTRATOR = [
    *_EDITOR,
    "journal.delete_category",
    "journal.delete_tag",
    "journal.delete_redirect",
    "comments.delete_comment",
    "accounts.add_user",
    "accounts.change_user",
    "accounts.delete_user",
    "accounts.view_user",
    "auth.add_group",
    "auth.change_group",
    "auth.view_group",
    "core.change_sitesettings",
    "core.view_sitesettings",
]
ROLE_PERMISSIONS = {
    AUTHOR: _AUTHOR,
    EDITOR: _EDITOR,
    ADMINISTRATOR: _ADMINISTRATOR,
}


def _permission(label: str) -> Permission | None:
    app_label, codename = label.split(".")
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups if missing and give them their permissions."""
    ContentType.objects.clear_cache()
    groups = {}
    for role, labels in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = [p for p in map(_permission, labels) if p is not None]
        group.permissions.add(*permissions)
        groups[role] = group
    return groups


@transaction.atomic
def set_role(user, role: str | None) -> None:
    """Give a person exactly one role (or none), and the staff access it needs."""
    if role is not None and role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; roles are {', '.join(ROLES)}.")
    groups = ensure_roles()
    user.groups.remove(*groups.values())
    if role is not None:
        user.groups.add(groups[role])
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])


def role_of(user) -> str | None:
    """Return the person's highest role, or None."""
    names = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    for role in reversed(ROLES):
        if role in names:
            return role
    return None
