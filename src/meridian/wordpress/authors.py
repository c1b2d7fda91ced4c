"""WordPress authors become people with the Author role and no usable password.

They choose a password through "Can't remember your password?". An author map
(`--author-map`) sends WordPress logins to people who already have an account.
"""

import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.text import slugify

from .models import ImportedAuthor, Source
from .wxr import WxrAuthor

AUTHOR_GROUP = "Author"
_USERNAME_UNSAFE = re.compile(r"[^\w.@+-]")


class AuthorMapError(ValueError):
    """The author map cannot be used; nothing was imported."""


def read_author_map(path: str | Path) -> dict[str, object]:
    """Return {WordPress login: existing person} from "login = username" lines."""
    User = get_user_model()
    mapping: dict[str, object] = {}
    text = Path(path).read_text(encoding="utf-8")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        login, sep, person = (part.strip() for part in line.partition("="))
        if not sep:
            login, _space, person = (part.strip() for part in line.partition(" "))
        user = User.objects.filter(Q(username=person) | Q(email__iexact=person)).first()
        if not login or user is None:
            raise AuthorMapError(
                f"{path}, line {number}: no person here with the username or email"
                f" {person!r} (write `wordpress_login = username`)"
            )
        mapping[login] = user
    return mapping


def _author_group() -> Group:
    # The studio app creates the role groups by migration; an older database
    # without them still gets the group by its name.
    group, _created = Group.objects.get_or_create(name=AUTHOR_GROUP)
    return group


def _free_username(login: str) -> str:
    User = get_user_model()
    # Keep the WordPress login where Django allows it, so authors recognise it.
    base = _USERNAME_UNSAFE.sub("-", login.strip())[:140].strip("-")
    base = base or slugify(login, allow_unicode=True)[:140] or "author"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _valid_email(email: str) -> str:
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


class Authors:
    """Find or create the person behind each WordPress login, once per import."""

    def __init__(self, source: Source, author_map: dict | None = None):
        self.source = source
        self.author_map = author_map or {}
        self.by_login: dict[str, object] = {}
        self.by_wp_id: dict[int, object] = {}

    def upsert(self, author: WxrAuthor) -> tuple[object, str]:
        """Return (person, outcome) for an exported author."""
        User = get_user_model()
        mapping = (
            ImportedAuthor.objects.select_related("user")
            .filter(source=self.source, login=author.login)
            .first()
        )
        outcome = "skipped"
        if mapping is None:
            email = _valid_email(author.email)
            user = self.author_map.get(author.login)
            if user is None and email:
                user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User(
                    username=_free_username(author.login),
                    email=email,
                    first_name=author.first_name[:150],
                    last_name=author.last_name[:150],
                    display_name=author.display_name[:100],
                    is_staff=True,
                )
                user.set_unusable_password()
                user.save()
                user.groups.add(_author_group())
            mapping = ImportedAuthor.objects.create(
                source=self.source, login=author.login, user=user, wp_id=author.wp_id
            )
            outcome = "imported"
        elif mapping.user.display_name != author.display_name[:100] and not (
            mapping.user.has_usable_password()
        ):
            # Only people the import made and who never signed in follow the export.
            mapping.user.display_name = author.display_name[:100]
            mapping.user.save(update_fields=["display_name"])
            outcome = "updated"
        self.remember(author.login, author.wp_id, mapping.user)
        return mapping.user, outcome

    def remember(self, login: str, wp_id: int | None, user) -> None:
        self.by_login[login] = user
        if wp_id:
            self.by_wp_id[wp_id] = user

    def for_login(self, login: str):
        """Return the person for a post's dc:creator, creating one if WXR 1.0."""
        login = login or "wordpress"
        if login not in self.by_login:
            self.upsert(WxrAuthor(login=login, line=0, display_name=login))
        return self.by_login[login]
