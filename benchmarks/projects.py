"""Projects the benchmarks run on: a copy of the example project, or the example repeated under new slugs."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def example_copy(target: Path) -> Path:
    """The example project as the repository holds it: sources, catalogs, config and glossary."""
    target.mkdir(parents=True)
    for name in ("sources", "locales"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("toolkit.toml", "glossary.csv"):
        shutil.copy(ROOT / name, target / name)
    return target


def scaled_copy(target: Path, statements: int) -> Path:
    """A project of ``statements`` statements: the example's, repeated under new slugs with their catalogs
    and drafts records, so that every command has the same work per statement as on the example."""
    target.mkdir(parents=True)
    for name in ("toolkit.toml", "glossary.csv"):
        shutil.copy(ROOT / name, target / name)
    sources = sorted((ROOT / "sources").glob("*.md"))
    (target / "sources").mkdir()
    langs = [p.name for p in (ROOT / "locales").iterdir() if p.is_dir() and p.name != "templates"]
    for lang in [*langs, "templates"]:
        (target / "locales" / lang).mkdir(parents=True)
    for n in range(statements):
        source = sources[n % len(sources)]
        slug = f"{source.stem}-{n:04d}"
        shutil.copy(source, target / "sources" / f"{slug}.md")
        for lang in langs:
            for suffix in (".po", ".mt.json"):
                found = ROOT / "locales" / lang / f"{source.stem}{suffix}"
                if found.exists():
                    shutil.copy(found, target / "locales" / lang / f"{slug}{suffix}")
    return target
