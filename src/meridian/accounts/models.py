from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

# Permissions are checked against the database, by the backend that reads them
# there: with_perm() needs one named when several are configured (allauth's too).
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


class UserManager(DjangoUserManager["User"]):
    def reachable_with_perm(self, perm: str) -> "models.QuerySet[User]":
        """Return the active people granted `perm` who have an email address.

        The permission is the caller's ("comments.moderate_comment" makes the
        moderators): accounts sits below the apps that define permissions in
        the layer contract, so it knows none of them by name.
        """
        return self.with_perm(perm, backend=PERMISSION_BACKEND).exclude(email="")


class User(AbstractUser):
    """A person with an account: reader, author, editor or administrator."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    credentials = models.CharField(
        _("credentials"),
        max_length=100,
        blank=True,
        help_text=_('Shown after the name in bylines, e.g. "L.Ac., Dipl. OM".'),
    )
    bio = models.TextField(_("bio"), blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)

    objects: ClassVar[UserManager] = UserManager()
    # What public_name reads: a query that shows names loads these only.
    PUBLIC_NAME_FIELDS: ClassVar[tuple[str, ...]] = (
        "display_name",
        "first_name",
        "last_name",
        "username",
    )

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # Django's own pattern; the stubs omit Meta
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """Return the name shown to readers: never the email address."""
        return self.display_name or self.get_full_name() or self.username

    @property
    def initials(self) -> str:
        parts = self.public_name.split()
        return "".join(part[0] for part in parts[:2]).upper() or "?"
