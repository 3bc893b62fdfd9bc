"""Authentication backends. Each serves one realm, so a citizen's password never opens the
workbench and an officer's never opens the portal. django-axes counts failures on ``username``."""

from django.contrib.auth.backends import ModelBackend

from onevisit.accounts.models import User, UserKind
from onevisit.core.errors import ValidationFailed
from onevisit.core.identifiers import normalize_resident_id


class _RealmBackend(ModelBackend):
    realm = ""
    kind = ""

    def lookup(self, username: str) -> User | None:
        return User.objects.filter(kind=self.kind, username=username).first()

    def authenticate(self, request, username=None, password=None, realm=None, **kwargs):
        if realm != self.realm or not username or not password:
            return None
        user = self.lookup(username)
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class CitizenBackend(_RealmBackend):
    realm = "citizen"
    kind = UserKind.CITIZEN

    def lookup(self, username: str) -> User | None:
        try:
            number = normalize_resident_id(username)
        except ValidationFailed:
            return None
        return User.objects.filter(kind=self.kind, id_number=number).first()


class StaffBackend(_RealmBackend):
    realm = "staff"
    kind = UserKind.STAFF
