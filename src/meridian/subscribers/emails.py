"""The subscribers' emails: plain text and accessible HTML from one context.

No open or click tracking of any kind: links point straight at the site and
images carry no per-reader address.
"""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import absolute_url, file_url

SUBJECTS = {
    "confirm": _("Confirm your subscription to %(site)s"),
    "already": _("Your subscription to %(site)s"),
}


def one_line(text: str) -> str:
    """Return text on one line: a subject must never carry a line break."""
    return " ".join(str(text).split())


def site_context() -> dict:
    site = SiteSettings.current()
    return {
        "site": site,
        "site_url": absolute_url("/"),
        "logo_url": file_url(site.logo.url) if site.logo else "",
    }


def render(name: str, context: dict) -> tuple[str, str]:
    """Return the (text, html) bodies of email `name`."""
    text = render_to_string(f"subscribers/email/{name}.txt", context)
    html = render_to_string(f"subscribers/email/{name}.html", context)
    return text, html


def compose(
    name: str, to: str, context: dict, *, subject: str = "", headers=None
) -> EmailMultiAlternatives:
    context = {**site_context(), **context}
    subject = subject or SUBJECTS[name] % {"site": context["site"].name}
    text, html = render(name, context)
    message = EmailMultiAlternatives(
        one_line(subject), text, to=[to], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message
