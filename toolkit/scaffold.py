"""A new project folder: what ``stk init`` creates (configuration, an example statement, the folders)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_NAME, DEFAULT_CONFIG
from .errors import ConfigError, Location
from .files import write_if_changed

EXAMPLE_SOURCE = """\
---
title: Example statement
date: 2025-01-01
kind: statement
author: Your organisation
---

This is a paragraph with **bold** words and a [link](https://example.org). A second sentence is a second segment.

## Our demands

1. The first demand.
2. The second demand.

## Signatories

<!-- names -->
- First Organisation
- Second Organisation
"""


GITIGNORE = """\
# temporary files of a write or release a crash or kill -9 interrupted (the next run removes them)
.*.tmp
.*.new-*/
.*.old-*/
"""


@dataclass(frozen=True)
class InitResult:
    root: Path
    created: list[str]


def init(root: Path, name: str | None = None) -> InitResult:
    """Scaffold a project: toolkit.toml, sources/ with an example, locales/, templates/, glossary."""
    config_path = root / CONFIG_NAME
    if root.exists() and not root.is_dir():
        raise ConfigError(f"{root} is a file, not a folder: give a new or existing folder for the project")
    if config_path.exists():
        raise ConfigError(
            f"{root} is a project already (it has a {CONFIG_NAME}): nothing created; "
            f"continue with `stk extract --project {root}`, or give a new folder",
            Location(str(config_path)),
        )
    files = {
        CONFIG_NAME: DEFAULT_CONFIG.format(name=(name or root.resolve().name).replace('"', "'")),
        "sources/example-statement.md": EXAMPLE_SOURCE,
        "glossary.csv": "en,fr,es,ar,note,do-not-translate,source\n",
        "locales/.gitkeep": "",
        "templates/.gitkeep": "",
        "output/.gitkeep": "",
        ".gitignore": GITIGNORE,
    }
    created = []
    for rel, text in files.items():
        path = root / rel
        if path.exists():
            continue
        try:
            write_if_changed(path, text.encode("utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot create {path}: {exc.strerror or exc}") from None
        created.append(rel)
    return InitResult(root, created)
