"""The Studio's "Email this article to subscribers", ticked when publishing.

The writing screen's publishing panel shows the box (slots/studio_editor.html)
to staff who may send mailings, ticked for an article never emailed; when the
article is published or scheduled from that form, the journal's
`published_by` signal brings the form's choices here, in the publishing
transaction, and the mailing is queued with it (a scheduled article is
emailed at its time).
"""

import logging

from meridian.journal.models import Post

from .mailings import MailingRefused, email_article
from .models import Mailing

FIELD = "email_subscribers"

log = logging.getLogger(__name__)


def email_when_published(sender, post: Post, person, choices, **kwargs) -> None:
    if not choices.get(FIELD) or not person.has_perm("subscribers.add_mailing"):
        return
    if Mailing.objects.filter(post=post, kind=Mailing.Kind.ARTICLE).exists():
        return  # emailed once already: a second send is chosen on its own page
    try:
        email_article(post, by=person)
    except MailingRefused as refusal:
        log.info("Article %s not emailed on publishing: %s", post.pk, refusal)
