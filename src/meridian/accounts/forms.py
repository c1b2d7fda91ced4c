"""Forms allauth does not provide: signup's extra field, profile, deletion."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .avatars import AvatarError, resize_avatar
from .models import User

DISPLAY_NAME_MAX = 100
BIO_MAX = 2000
AVATAR_MAX_BYTES = 5 * 1024 * 1024
# Direction overrides let a name display as something else (spoofing).
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_display_name(value: str) -> str:
    """Return the trimmed name; refuse control and direction-override characters."""
    value = " ".join(value.split())
    if any(ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cc" for ch in value):
        raise ValidationError(
            _("The name contains invisible control characters; please remove them."),
            code="control_characters",
        )
    if not value:
        raise ValidationError(_("Please enter the name to show."), code="required")
    return value


def display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX,
        help_text=_("Shown beside what you write here. Never your email address."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class SignupForm(forms.Form):
    """The fields allauth's signup form adds to email and password."""

    display_name = display_name_field()
    field_order = ["email", "display_name", "password1", "password2"]

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        """Store the display name (allauth's hook; the adapter also made the
        username from it)."""
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    display_name = display_name_field()
    bio = forms.CharField(
        label=_("About you"),
        max_length=BIO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    avatar = forms.ImageField(
        label=_("Picture"),
        required=False,
        help_text=_("A square photo works best: JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    class Meta:
        model = User
        fields = ["display_name", "bio", "avatar"]

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if not avatar or avatar is False or not hasattr(avatar, "content_type"):
            return avatar  # unchanged, or cleared
        if avatar.size > AVATAR_MAX_BYTES:
            raise ValidationError(_("The picture is larger than 5 MB."), code="size")
        try:
            return resize_avatar(avatar)
        except AvatarError as error:
            raise ValidationError(str(error), code="invalid_image") from error


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(
                _("That is not your current password."), code="password_incorrect"
            )
        return password
