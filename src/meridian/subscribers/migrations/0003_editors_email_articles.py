"""Let Editors and Administrators email articles to subscribers and read the log.

The Studio's editor offers "Email this article to subscribers" to those who
have subscribers.add_mailing; the roles are groups named by the studio app's
first migration. Django creates permission rows only after all migrations ran,
so they are created here as it would (same content type, codename and name).
"""

from django.db import migrations

GRANTS = {
    "Editor": ["add_mailing", "view_mailing"],
    "Administrator": ["add_mailing", "view_mailing"],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="subscribers", model="mailing"
    )
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for codename in codenames:
            action = codename.split("_")[0]
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} mailing"},
            )
            group.permissions.add(permission)


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="subscribers", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("subscribers", "0002_mailing_schedule"),
        ("studio", "0001_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, take_back)]
