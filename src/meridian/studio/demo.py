"""The demo's practitioners get roles, and passwords to sign in with."""

import secrets

from django.dispatch import receiver

from meridian.journal.demo import demo_loaded

from .roles import AUTHOR, EDITOR, ensure_roles, set_role

# The demo's authors (journal/demo_content.py) by key: one writes, one edits.
DEMO_ROLES = {"mei": AUTHOR, "sam": EDITOR}


@receiver(demo_loaded)
def give_demo_roles(sender, authors: dict, **kwargs) -> list[str]:
    """Return how to sign in as each practitioner whose password was just set."""
    ensure_roles()
    logins = []
    for key, role in DEMO_ROLES.items():
        person = authors.get(key)
        if person is None:
            continue
        set_role(person, role)
        if not person.has_usable_password():
            password = secrets.token_urlsafe(12)
            person.set_password(password)
            person.save(update_fields=["password"])
            logins.append(
                f"{role} login (the Studio, /studio/): username "
                f"{person.username!r}, password {password!r}"
            )
    return logins
