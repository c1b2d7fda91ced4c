"""allauth's forms with the site's wording (kept apart: allauth imports forms.py)."""

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _


class WithoutPlaceholders:
    """Drop allauth's placeholders: they repeat the visible labels."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class SignupForm(WithoutPlaceholders, allauth_forms.SignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # Hash the password anyway: a new account costs one hash, and a
            # known address answering faster would tell that it is registered.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class ResetPasswordForm(WithoutPlaceholders, allauth_forms.ResetPasswordForm):
    pass


class LoginForm(WithoutPlaceholders, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email or username")
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        password = self.fields["password"]
        # The page links to the reset form itself, in the clinic's words.
        password.help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me on this computer")
