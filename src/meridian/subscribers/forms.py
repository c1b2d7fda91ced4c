"""The subscribe form and the choices form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meridian.journal.models import Category

from .models import Subscriber
from .subscribing import normalize_email


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label=_("Your email address"),
        max_length=320,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "max_length": _("Enter a valid email address, like name@example.org."),
            "null_characters_not_allowed": _(
                "Enter a valid email address, like name@example.org."
            ),
        },
    )

    def clean_email(self) -> str:
        try:
            return normalize_email(self.cleaned_data["email"])
        except ValidationError as error:
            raise ValidationError(
                _("Enter a valid email address, like name@example.org.")
            ) from error


class ChoicesForm(forms.Form):
    ALL, SOME = "all", "some"

    frequency = forms.ChoiceField(
        label=_("Send me"),
        choices=Subscriber.Frequency.choices,
        widget=forms.RadioSelect,
    )
    scope = forms.ChoiceField(
        label=_("About"),
        choices=[(ALL, _("All categories")), (SOME, _("Only the categories below"))],
        widget=forms.RadioSelect,
        required=False,  # not shown while the journal has no categories
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def for_subscriber(cls, subscriber: Subscriber, data=None) -> "ChoicesForm":
        initial = {
            "frequency": subscriber.frequency,
            "scope": cls.ALL if subscriber.all_categories else cls.SOME,
            "categories": list(subscriber.categories.values_list("pk", flat=True)),
        }
        return cls(data=data, initial=initial)

    def clean(self) -> dict:
        data = super().clean() or {}
        data["scope"] = data.get("scope") or self.ALL
        if data["scope"] == self.SOME and not data.get("categories"):
            self.add_error(
                "categories", _("Choose at least one category, or all categories.")
            )
        return data

    def choices(self) -> dict:
        data = self.cleaned_data
        return {
            "frequency": data["frequency"],
            "all_categories": data["scope"] == self.ALL,
            "categories": list(data.get("categories") or []),
        }
