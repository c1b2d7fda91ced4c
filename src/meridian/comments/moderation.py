"""The moderation policy: allow, hold or reject a new comment.

Every rule is configured in SiteSettings (the "Comments" section of the
admin). Bots are turned away earlier, in the form (honeypot, fill time) and in
throttling.py (rate limits); this policy judges the text and the person.
"""

import ipaddress
import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from meridian.accounts.models import User
from meridian.core.models import SiteSettings

from .models import Comment
from .personal_details import personal_details


class Verdict(StrEnum):
    ALLOW = "allow"
    HOLD = "hold"
    REJECT = "reject"


@dataclass(frozen=True)
class Candidate:
    """What the policy judges: the text, and who sent it from where."""

    body: str
    user: User | AnonymousUser | None = None
    name: str = ""
    email: str = ""
    ip: str = ""


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    # For moderators, in the queue and the notification email.
    reasons: list[str] = field(default_factory=list)
    # For the writer, when they should know why their comment waits.
    notice: str = ""

    @property
    def status(self) -> str:
        return {
            Verdict.ALLOW: Comment.Status.APPROVED,
            Verdict.HOLD: Comment.Status.PENDING,
            Verdict.REJECT: Comment.Status.SPAM,
        }[self.verdict]


_LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


def count_links(text: str) -> int:
    return len(_LINK.findall(text))


def _entries(text: str) -> list[str]:
    return [
        entry.strip().lower()
        for line in text.splitlines()
        for entry in line.split(",")
        if entry.strip()
    ]


def _blocked_ip(ip: str, entries: list[str]) -> bool:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for entry in entries:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def blocklisted(candidate: Candidate, site: SiteSettings) -> str:
    """Return why the candidate matches the blocklist, or an empty string."""
    text = f"{candidate.body}\n{candidate.name}".lower()
    for word in _entries(site.blocklist_words):
        if word in text:
            return str(_("blocked word “%(word)s”") % {"word": word})
    email = candidate.email.lower()
    for entry in _entries(site.blocklist_emails):
        if email and (
            email == entry or (entry.startswith("@") and email.endswith(entry))
        ):
            return str(_("blocked email %(email)s") % {"email": entry})
    if candidate.ip and _blocked_ip(candidate.ip, _entries(site.blocklist_ips)):
        return str(_("blocked IP address"))
    return ""


def is_first_comment(candidate: Candidate) -> bool:
    """Return whether the person has no approved comment yet.

    Only a signed-in person earns trust. A guest's name and email are public
    or guessable, so a guest never counts as known: while the first comment
    is held, every guest comment is (people who want to be published at once
    register and confirm their address).
    """
    user = candidate.user
    if user is None or not user.is_authenticated:
        return True
    return not Comment.objects.approved().filter(author=user).exists()


def moderate(candidate: Candidate, site: SiteSettings | None = None) -> Decision:
    """Decide whether a new comment is published, held or rejected."""
    site = site or SiteSettings.current()
    user = candidate.user
    if user is not None and user.is_authenticated and user.is_staff:
        return Decision(Verdict.ALLOW)
    blocked = blocklisted(candidate, site)
    if blocked:
        verdict = (
            Verdict.REJECT
            if site.blocklist_action == SiteSettings.BlocklistAction.REJECT
            else Verdict.HOLD
        )
        return Decision(verdict, [blocked])
    reasons: list[str] = []
    notice = ""
    links = count_links(candidate.body)
    if links > site.hold_link_threshold:
        reasons.append(str(_("%(count)d links") % {"count": links}))
    if site.hold_personal_details:
        kinds = personal_details(candidate.body)
        if kinds:
            reasons.append(
                str(_("may contain %(kinds)s") % {"kinds": ", ".join(kinds)})
            )
            notice = str(
                _(
                    "Your comment seems to contain %(kinds)s. Comments are public, "
                    "so a moderator will read it before it appears. If you need "
                    "advice about your own health, please contact the clinic "
                    "directly."
                )
                % {"kinds": ", ".join(kinds)}
            )
    if site.hold_first_comment and is_first_comment(candidate):
        signed_in = user is not None and user.is_authenticated
        reasons.append(str(_("first comment") if signed_in else _("guest comment")))
    return Decision(Verdict.HOLD if reasons else Verdict.ALLOW, reasons, notice)
