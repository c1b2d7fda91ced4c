"""The request type of views behind login_required, for the type checker."""

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is signed in: a User, never AnonymousUser."""

    user: User
