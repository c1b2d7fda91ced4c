"""How allauth fits this site: open or closed signup, branded queued email."""

import html
import re
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from meridian.core.email import send_email, site_sender
from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import on_site

from . import login_limits

_URL = re.compile(r"https?://[^\s<>\"']+")


def site_identity() -> SimpleNamespace:
    """Return the site's name and domain, standing in for contrib.sites."""
    return SimpleNamespace(
        name=SiteSettings.current().name,
        domain=urlsplit(settings.SITE_URL).netloc,
    )


def text_to_html(text: str) -> str:
    """Turn a plain-text email body into paragraphs with clickable links."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = html.escape(block)
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return "\n".join(paragraphs)


def _typed_login(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return SiteSettings.current().registration_open

    def save_user(self, request, user, form, commit=True):
        # Known before allauth makes the username from it (populate_username).
        user.display_name = form.cleaned_data.get("display_name", user.display_name)
        return super().save_user(request, user, form, commit)

    def populate_username(self, request, user) -> None:
        """Make a username from the display name or email when none was asked."""
        if not user.username:
            user.username = self.generate_unique_username(
                [user.display_name, user.email, "reader"]
            )

    def pre_authenticate(self, request, **credentials) -> None:
        """Refuse the attempt when this account's failures, from this address or
        in all, reached their limit (login_limits), instead of allauth's count
        per typed login."""
        if not login_limits.may_attempt(request, _typed_login(credentials)):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials) -> None:
        """Count the wrong password against the account (login_limits)."""
        login_limits.count_failure(request, _typed_login(credentials))

    def format_email_subject(self, subject: str) -> str:
        return f"{site_identity().name}: {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render now, send through the task layer once the transaction commits."""
        ctx = {
            "request": allauth_context.request,
            "email": email,
            "current_site": site_identity(),
            "site_url": settings.SITE_URL,
        }
        # allauth builds its links (confirm, reset, sign up) from the request's
        # Host and port: every link in every email names the site's address.
        ctx.update(
            {
                key: on_site(value) if isinstance(value, str) else value
                for key, value in context.items()
            }
        )
        message = self.render_mail(template_prefix, email, ctx)
        message.from_email = site_sender()  # the clinic's name, not "Meridian"
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            # Every email goes out in HTML too, in the site's one email layout.
            message.attach_alternative(
                render_to_string(
                    "account/email/base_message.html",
                    {
                        **ctx,
                        "generated_body": mark_safe(text_to_html(str(message.body))),
                    },
                ),
                "text/html",
            )
        send_email(message)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        """Name the site in authenticator apps as the clinic calls it."""
        return site_identity().name
