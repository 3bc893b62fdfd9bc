from ninja.security import HttpBearer, django_auth

from onevisit.accounts.token_cache import token_user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ov_...``: a token issued to a system with `onevisit apitoken`."""

    openapi_description = "Token issued by `onevisit apitoken create`"

    def authenticate(self, request, token):
        user = token_user(token)  # kept per process for a few seconds, see accounts.token_cache
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()
# Browser (session cookie, CSRF-checked on writes) or system (bearer token).
session_or_token = [token_auth, django_auth]
