"""The ``stk`` command line: arguments in, one library call, human or --json out.

Exit codes: 0 success; 1 a check or gate failed; 2 bad input or usage.
A :class:`~toolkit.errors.ToolkitError` becomes one line on stderr,
``path:line: Category: message``, and so does an OSError of the environment
(disk full, read-only file system, permission denied: ``File error``); any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__, gcpause
from ..errors import FileError, ToolkitError
from . import catalog_commands, import_commands, qa_commands, release_commands, translate_commands

# Each module adds its subcommands; listed explicitly, never discovered.
COMMAND_MODULES = [import_commands, catalog_commands, translate_commands, release_commands, qa_commands]

DESCRIPTION = """\
Publish one statement in several languages from one English source.

  Word / web page --import--> sources/*.md --extract--> locales/<lang>/*.po --translate--> review in any PO editor
               --check--> --build/release--> output/<lang>/*.docx, *.html

Run `stk <command> --help` for the options of each command."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stk",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"statement-toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    sub.required = True
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ToolkitError as exc:
        print(f"stk: {exc}" if exc.location is None else str(exc), file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # disk full, read-only, permission: one line; any other OSError is a bug
        error = FileError.from_os_error(exc, getattr(args, "project", None))
        if error is None:
            raise
        print(f"stk: {error}" if error.location is None else str(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("stk: interrupted (files already written are complete; run the command again to resume)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> int:
    """The ``stk`` program: :func:`main` in a process that ends with the command."""
    gcpause.short_lived()
    return main()


__all__ = ["build_parser", "main", "run"]
