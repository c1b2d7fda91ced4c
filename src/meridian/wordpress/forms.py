"""The Studio's upload form for a WordPress export."""

from django import forms
from django.utils.translation import gettext_lazy as _

# What a WordPress export starts with, give or take an XML declaration.
_SIGNATURES = (b"<?xml", b"<rss", b"\xef\xbb\xbf<")


class ExportUploadForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export file"),
        help_text=_("The .xml file from WordPress's Tools → Export (“All content”)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,text/xml"}),
    )

    def clean_export(self):
        upload = self.cleaned_data["export"]
        head = upload.read(512).lstrip()
        upload.seek(0)
        if not head.startswith(_SIGNATURES):
            raise forms.ValidationError(
                _(
                    "This is not an XML file. Choose the .xml file WordPress's"
                    " Tools → Export gives."
                )
            )
        return upload
