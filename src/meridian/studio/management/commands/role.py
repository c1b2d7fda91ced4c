"""`meridian role`: give people a role in the clinic's team, or take it away."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from meridian.studio.roles import ROLES, ensure_roles, role_of, set_role


class Command(BaseCommand):
    help = "Set, clear or list the roles (Author, Editor, Administrator)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        give = actions.add_parser("set", help="give USER exactly this role")
        give.add_argument("user", help="username or email address")
        give.add_argument("role", choices=ROLES)
        clear = actions.add_parser("clear", help="take USER's role away")
        clear.add_argument("user", help="username or email address")
        actions.add_parser("list", help="list the people who have a role")

    def handle(self, *args, action: str, **options):
        if action == "list":
            ensure_roles()
            people = get_user_model().objects.filter(groups__name__in=ROLES)
            for person in people.distinct().order_by("username"):
                self.stdout.write(f"{person.username}\t{role_of(person)}")
            return
        person = self._person(options["user"])
        role = options.get("role")
        set_role(person, role)
        if role:
            self.stdout.write(f"{person.username} is now {role}.")
        else:
            self.stdout.write(f"{person.username} has no role now.")

    @staticmethod
    def _person(identifier: str):
        people = get_user_model().objects.filter(
            Q(username=identifier) | Q(email__iexact=identifier)
        )
        if people.count() != 1:
            raise CommandError(f"No single person is known as {identifier!r}.")
        return people.get()
