"""Changing one's public profile."""

from django.db import transaction
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from .forms import ProfileForm
from .models import User


def update_profile(user: User, data: QueryDict, files: MultiValueDict) -> ProfileForm:
    """Validate and save the profile form; return it, with its errors if any.

    A replaced or cleared picture's file is deleted once the change commits.
    """
    old_avatar = user.avatar.name if user.avatar else ""
    form = ProfileForm(data, files, instance=user)
    if not form.is_valid():
        # Validation set the typed values on the instance; the page's layout
        # must keep showing the saved name, and not the rejected file's.
        user.refresh_from_db()
        return form
    with transaction.atomic():
        form.save()
        if old_avatar and old_avatar != (user.avatar.name or ""):
            storage = user.avatar.storage
            transaction.on_commit(lambda: storage.delete(old_avatar))
    return form
