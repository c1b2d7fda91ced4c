"""allauth's forms with the site's wording (kept apart: allauth imports forms.py)."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email or username")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        password = self.fields["password"]
        password.widget.attrs.pop("placeholder", None)
        # The page links to the reset form itself, in the clinic's words.
        password.help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me on this computer")
