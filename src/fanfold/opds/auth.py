"""Who reads the catalogue: a guest, or a token holder. E-reader apps speak HTTP Basic (user name
and a token as the password, as OPDS asks clients to support); scripts may send a bearer token."""

import base64
import binascii

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from fanfold.api.tokens import token_for
from fanfold.works.visibility import Viewer


class Unauthorised(Exception):
    """Credentials were sent and did not pass, or a private feed was asked for without them."""


def _basic(value: str) -> tuple[str, str]:
    try:
        login, _, secret = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthorised from None
    return login, secret


def catalogue_viewer(request: HttpRequest) -> Viewer:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return AnonymousUser()
    scheme, _, value = header.partition(" ")
    login = ""
    if scheme.lower() == "basic":
        login, secret = _basic(value.strip())
    elif scheme.lower() == "bearer":
        secret = value.strip()
    else:
        raise Unauthorised
    token = token_for(secret)
    if token is None or not token.allows("read"):
        raise Unauthorised
    if login and login.lower() != token.user.username.lower():
        raise Unauthorised
    return token.user
