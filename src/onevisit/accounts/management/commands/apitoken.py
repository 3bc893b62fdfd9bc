import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from onevisit.accounts import services
from onevisit.accounts.models import User, UserKind
from onevisit.core.errors import DomainError


class Command(BaseCommand):
    help = "Issue or revoke API tokens for other systems (accounts of kind 'system')."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="issue a token; it is printed once and only its hash is kept")
        create.add_argument("--username", required=True, help="the system account the token acts as")
        create.add_argument("--name", required=True, help="what the token is for, e.g. the calling platform")
        create.add_argument("--days", type=int, default=None, help="valid for this many days (default: no expiry)")
        create.add_argument("--create-system-user", metavar="FULL_NAME", default=None,
                            help="create the system account with this display name if it does not exist")
        revoke = actions.add_parser("revoke", help="revoke a token by its prefix (the part after ov_)")
        revoke.add_argument("prefix")

    def handle(self, *args, **options):
        try:
            if options["action"] == "create":
                self.create(options)
            else:
                token = services.api_token_revoke(prefix=options["prefix"])
                self.stdout.write(f"revoked {token.prefix} ({token.name}) of {token.user.username}")
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None

    def create(self, options) -> None:
        if options["days"] is not None and options["days"] < 1:
            raise CommandError("--days must be at least 1")
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            if not options["create_system_user"]:
                raise CommandError(
                    f"no account named {options['username']}; add --create-system-user \"<name>\" to create it"
                )
            user = services.system_user_create(username=options["username"], full_name=options["create_system_user"])
            self.stderr.write(f"created system account {user.username} ({user.full_name})")
        elif user.kind != UserKind.SYSTEM:
            raise CommandError(f"{user.username} is a {user.kind} account; API tokens are issued to system accounts")
        expires_at = timezone.now() + datetime.timedelta(days=options["days"]) if options["days"] else None
        token, key = services.api_token_create(user=user, name=options["name"], expires_at=expires_at)
        until = f"until {timezone.localtime(expires_at):%Y-%m-%d %H:%M}" if expires_at else "without expiry"
        self.stderr.write(f"token {token.prefix} for {user.username}, valid {until}. "
                          "Store it now: it is not shown again.")
        # The token alone on stdout, so that TOKEN=$(onevisit apitoken create ...) works.
        self.stdout.write(key)
