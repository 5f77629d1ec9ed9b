"""Whole-file failures: the file cannot be read at all, so no row-level Problem makes sense."""

from __future__ import annotations

from pathlib import Path

from .shown import escaped


class UnreadableFile(Exception):
    """A file that cannot be read as a whole: empty, binary, truncated, undecodable, wrong columns…

    ``where`` narrows the place when known (``"row 3, byte offset 57"``, ``"line 1, column 412"``). The message
    names the file first so that a command line can print it as the one-line reason. A reader may raise it
    after it has already yielded records (an undecodable byte half-way down a CSV): the loader must then
    discard everything it read from that file.
    """

    def __init__(self, path: str | Path, reason: str, where: str | None = None) -> None:
        self.path = str(path)
        self.file = Path(path).name
        self.reason = reason
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        file = escaped(self.file)
        place = f"{file}, {self.where}" if self.where else file
        return f"{place}: {self.reason}"
