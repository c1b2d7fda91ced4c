"""Create the Author, Editor and Administrator groups with their permissions.

Permissions are frozen here rather than read from meridian.studio.roles, so
this migration means the same thing whatever the code becomes. Django creates
permission rows only after all migrations ran, so the ones named here are
created as they would be (same content type, codename and name).
"""

from django.db import migrations

AUTHOR = [
    "journal.add_post",
    "journal.change_post",
    "journal.view_post",
    "journal.view_category",
    "journal.view_tag",
    "journal.add_tag",
]
EDITOR = [
    *AUTHOR,
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
]
ADMINISTRATOR = [
    *EDITOR,
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
ROLES = {"Author": AUTHOR, "Editor": EDITOR, "Administrator": ADMINISTRATOR}
DEFAULT_ACTIONS = ("add", "change", "delete", "view")


def _permission(apps, label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = label.split(".")
    action, _sep, model_name = codename.partition("_")
    custom = None
    model = None
    for candidate in apps.get_app_config(app_label).get_models():
        for custom_codename, custom_name in candidate._meta.permissions:
            if custom_codename == codename:
                model, custom = candidate, custom_name
    if model is None:
        model = apps.get_model(app_label, model_name)
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model._meta.model_name
    )
    name = custom or f"Can {action} {model._meta.verbose_name_raw}"
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, labels in ROLES.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*(_permission(apps, label) for label in labels))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0001_initial"),
        ("core", "0001_initial"),
        ("journal", "0003_workflow_revisions_redirects"),
        # The migration that creates comments.moderate_comment.
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
