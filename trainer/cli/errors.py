"""The one error type commands raise: printed as `keeper: error: ...`, exit status 1."""


class CliError(Exception):
    """A problem the user can fix; the message is the whole story (no traceback)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
