"""Upload and edit forms: the file is checked and cleaned while the form validates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Image
from .processing import CleanedImage, clean_image
from .validation import accepted_formats, inspect_upload

ACCEPT = ",".join(
    {
        "JPEG": "image/jpeg",
        "PNG": "image/png",
        "WEBP": "image/webp",
        "GIF": "image/gif",
        "AVIF": "image/avif",
        "HEIF": "image/heic",
    }[name]
    for name in accepted_formats()
)


class PictureField(forms.FileField):
    """A file that must be a picture; cleaning returns the CleanedImage."""

    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        cleaned = clean_image(upload, inspect_upload(upload))
        return UploadedPicture(cleaned, upload.name or "")


class UploadedPicture:
    """A checked and cleaned upload, with the name it was sent under."""

    def __init__(self, cleaned: CleanedImage, name: str) -> None:
        self.cleaned = cleaned
        self.name = name


class UploadForm(forms.Form):
    file = PictureField(
        label=_("Picture"),
        help_text=_(
            "JPEG, PNG, WebP or GIF, up to 20 MB. Location and camera details "
            "are removed."
        ),
    )
    alt = forms.CharField(
        label=_("Alt text"),
        max_length=250,
        required=False,
        help_text=_(
            "What the picture shows, for people who cannot see it. You can add "
            "it later, but the picture cannot be inserted or published without it."
        ),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class DetailsForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["alt", "caption", "credit"]
        widgets = {"alt": forms.Textarea(attrs={"rows": 2})}


class ReplaceForm(forms.Form):
    file = PictureField(
        label=_("New picture"),
        help_text=_(
            "Articles showing this picture show the new one; the old file stops "
            "being served."
        ),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the library"), max_length=100, required=False)
