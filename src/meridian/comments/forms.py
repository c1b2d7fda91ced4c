"""The comment form, with the honeypot and the signed start time that stop bots."""

import re
import time

from django import forms
from django.core import signing
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from meridian.accounts.forms import clean_display_name

from .models import new_token

MAX_LENGTH = 10_000
STARTED_SALT = "meridian.comments.form-started"
# A start stamp older than this is refused with a clear message (the text
# kept), so a bot cannot reuse one stamp forever.
STARTED_MAX_AGE = 2 * 86400
# Control characters other than tab and newline never belong in a comment.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029]")


def sign_start(now: float | None = None) -> str:
    return signing.dumps(
        int(now if now is not None else time.time()), salt=STARTED_SALT
    )


def seconds_since(signed: str) -> float | None:
    """Return how long ago the form was shown, or None when the stamp is forged."""
    try:
        started = signing.loads(signed, salt=STARTED_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(started, int):
        return None
    return time.time() - started


def starting_text(request, site) -> dict:
    """Return the form's initial body: the ready private reply when staff ask."""
    if request.user.is_staff and request.GET.get("template") == "private":
        return {"body": site.staff_private_reply}
    return {}


class CommentText(forms.CharField):
    """Markdown text with line endings unified and control characters dropped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Please write a comment before sending it."),
                "max_length": _(
                    "Please keep your comment under %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
        )
        super().__init__(widget=forms.Textarea(attrs={"rows": 6}), **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
        return super().to_python(value)

    def widget_attrs(self, widget):
        # The browser must not cut a pasted text silently; the server says so.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Shown with your comment."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Never shown. Used only to tell you about replies."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = CommentText(label=_("Comment"))
    notify_on_reply = forms.BooleanField(
        label=_("Email me when someone replies"), required=False
    )
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    started = forms.CharField(max_length=200, widget=forms.HiddenInput)
    # The honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, guest: bool = False, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", new_token())
        kwargs["initial"].setdefault("started", sign_start())
        super().__init__(*args, **kwargs)
        if not guest:
            del self.fields["name"]
            del self.fields["email"]
        self.fields["body"].widget.attrs["aria-describedby"] = "comment-public-notice"

    def clean_name(self) -> str:
        name = _CONTROL.sub("", self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(_("Please give a name to show."))
        # One line, no direction overrides: the rules of a reader's display name
        # (a name also goes into email subjects, where a line break breaks it).
        return clean_display_name(name)

    def looks_like_a_bot(self, min_seconds: int) -> bool:
        """Return whether the honeypot was filled or the form came back too fast."""
        if self.data.get(self.add_prefix("website")):
            return True
        elapsed = seconds_since(self.data.get(self.add_prefix("started"), ""))
        return elapsed is None or elapsed < min_seconds

    def is_stale(self) -> bool:
        """Return whether the form was shown too long ago to trust its stamp."""
        elapsed = seconds_since(self.data.get(self.add_prefix("started"), ""))
        return elapsed is not None and elapsed > STARTED_MAX_AGE

    def restart(self) -> None:
        """Give the form a fresh start stamp, keeping everything typed."""
        data = QueryDict(mutable=True)
        data.update(self.data)
        data[self.add_prefix("started")] = sign_start()
        self.data = data


class EditCommentForm(forms.Form):
    body = CommentText(label=_("Comment"))
