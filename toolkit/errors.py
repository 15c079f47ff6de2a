"""Typed errors, each with a category and a 1-based location.

The CLI catches :class:`ToolkitError` and prints ``path:line: Category: message``;
anything else is a bug and keeps its traceback.

    ToolkitError
    ├── ErrorList        several errors found in one pass (each printed on its own line)
    ├── ConfigError      toolkit.toml, language codes, folders
    ├── SourceError      sources/*.md: encoding, front matter, unsupported Markdown
    ├── CatalogError     .po/.pot files: syntax, header, language
    ├── GlossaryError    the glossary file
    ├── EngineError      machine translation: missing model, corrupt package, device
    ├── ModelPackageError  .argosmodel archives refused before installation
    ├── BuildError       reassembly and rendering
    ├── FileError        the system refused a write: disk full, read-only, permission (from an OSError)
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class Location:
    """A place in a project file, for messages: ``sources/x.md:12``."""

    path: str
    """Path as the user should see it, relative to the project when possible."""
    line: int | None = None
    """1-based line, or None when the problem concerns the whole file."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class ToolkitError(Exception):
    """A user-facing error: bad input, missing model, refused gate."""

    category = "Error"
    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.category}: {self.message}"


class ErrorList(ToolkitError):
    """Every error one pass found (a config with three mistakes reports three), in file order.

    Raise it through :func:`raise_all`, which raises a lone error as itself.
    """

    def __init__(self, errors: list[ToolkitError]) -> None:
        super().__init__(f"{len(errors)} errors", errors[0].location)
        self.errors = errors
        self.category = errors[0].category
        self.exit_code = max(e.exit_code for e in errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_all(errors: list[ToolkitError]) -> None:
    """Raise nothing, the one error, or all of them together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorList(errors)


@dataclass(frozen=True)
class Notice:
    """A warning: something a command dropped, ignored or could not do well. It never stops the command.

    ``code`` is stable for programs (``config-unknown-key``, ``source-link-dropped``...);
    ``str()`` is the line users read.
    """

    location: Location
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if str(self.location) else self.message

    def as_json(self) -> dict[str, object]:
        return {"file": self.location.path, "line": self.location.line, "code": self.code, "message": self.message}


class ConfigError(ToolkitError):
    category = "Config error"


class SourceError(ToolkitError):
    category = "Source error"


class CatalogError(ToolkitError):
    category = "Catalog error"


class CharsetError(CatalogError):
    """A catalog that is not UTF-8 or does not say so: QA reports it as ``header-charset``."""


class GlossaryError(ToolkitError):
    category = "Glossary error"


class EngineError(ToolkitError):
    category = "Engine error"


class ModelPackageError(ToolkitError):
    category = "Model package error"


class BuildError(ToolkitError):
    category = "Build error"


class FileError(ToolkitError):
    """The system refused to read or write a file: disk full, read-only file system, no permission.

    Not a bug (no traceback) and not bad input either: the environment. Every write of the toolkit
    is atomic, so the message can promise that each file is whole.
    """

    category = "File error"

    HINTS: ClassVar[Mapping[int, str]] = {
        errno.ENOSPC: "free some space, then run the command again",
        errno.EDQUOT: "free some space (a disk quota is full), then run the command again",
        errno.EFBIG: "the file is larger than the file system allows",
        errno.EROFS: "the file system is mounted read-only: run the command where the project can be written",
        errno.EACCES: "check who may write that folder, then run the command again",
        errno.EPERM: "check who may write that folder, then run the command again",
        errno.EIO: "the disk reported an input/output error: check it, then run the command again",
    }
    """The errors of the environment this class stands for, with what to do."""

    @classmethod
    def from_os_error(cls, exc: OSError, root: Path | None = None) -> FileError | None:
        """The one-line error for ``exc``; None when it is not an environment error (a bug keeps its traceback)."""
        hint = cls.HINTS.get(exc.errno or 0)
        if hint is None:
            return None
        where = Location(display_path(Path(os.fsdecode(exc.filename)), root)) if exc.filename is not None else None
        reason = exc.strerror or os.strerror(exc.errno or 0)
        return cls(f"{reason}: every file is whole (as it was, or complete); {hint}", where)


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies inside it, else as given."""
    if root is not None:
        # The path as found inside the project first: a symlinked source is sources/x.md, never
        # the machine path it points to (which would end up in every catalog's #: references).
        for candidate, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), root.resolve())):
            try:
                return candidate.relative_to(base).as_posix()
            except ValueError:
                pass
    return str(path)
