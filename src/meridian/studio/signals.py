"""A person given a role in the admin gets the staff access the role needs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .roles import ROLES


@receiver(m2m_changed, sender=get_user_model().groups.through)
def role_given(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action != "post_add" or not pk_set:
        return
    roles = Group.objects.filter(pk__in=pk_set, name__in=ROLES)
    if not roles.exists():
        return
    people = (
        get_user_model().objects.filter(groups__in=roles)
        if reverse
        else get_user_model().objects.filter(pk=instance.pk)
    )
    people.filter(is_staff=False).update(is_staff=True)
    if not reverse:
        instance.is_staff = True
