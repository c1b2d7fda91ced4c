"""Deleting an account: every app erases its part, then the account goes."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

from meridian.core import privacy

from .models import User


class AccountKept(Exception):
    """The account cannot be deleted yet; `reasons` say why, in the apps' words."""

    def __init__(self, reasons: list) -> None:
        super().__init__(*reasons)
        self.reasons = reasons


def delete_account(user: User) -> None:
    """Erase what every app holds about `user`, then the account, all or nothing.

    Raise AccountKept when an app holds the deletion back (an author's articles).
    """
    reasons = privacy.deletion_refusals(user)
    if reasons:
        raise AccountKept(reasons)
    try:
        with transaction.atomic():
            privacy.erase_user_data(user)
            user.delete()
    except ProtectedError as error:
        # A row that no app's check knew of still points to the account.
        raise AccountKept(
            [
                _(
                    "Something on this site still points to your account, so it "
                    "cannot be deleted yet. Please ask the clinic for help."
                )
            ]
        ) from error
