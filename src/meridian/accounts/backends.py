"""allauth's authentication backend, without its extra password check."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """Check a password once per account, whether or not the address is known.

    With both email and username logins, allauth passes an address as the
    username too and tries it as an email twice: a registered address then
    costs one password hash more than an unknown one, which tells it apart.
    """

    def _authenticate(self, request, **credentials):
        if credentials.get("email") and credentials.get("email") == credentials.get(
            "username"
        ):
            # Tried as an email already, as the username.
            credentials.pop("email")
        return super()._authenticate(request, **credentials)
