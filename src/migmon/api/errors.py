"""API errors: every failure is JSON naming what went wrong and, when a parameter caused it, which one."""

from __future__ import annotations


class ApiError(Exception):
    """A client error answered as ``{"message": …, "parameter": …}`` with ``status``."""

    def __init__(self, message: str, *, parameter: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.status = status

    def as_dict(self) -> dict[str, str | None]:
        return {"message": self.message, "parameter": self.parameter}
