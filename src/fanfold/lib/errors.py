"""Exceptions views raise to send the reader somewhere else, handled by middleware."""


class LoginRequired(Exception):
    """The page exists but only for signed-in users; `message` tells the guest why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
