from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
