"""What the commands print and build on the example project, reduced to digests: the before/after of a speed-up.

Speed work (issue 11) must not change a byte of what users see. :func:`outputs` runs ``stk status --json``,
``stk check --json`` (and ``--release``) and ``stk build --format docx,html`` on a copy of the example project, and
the same checks on a copy damaged in every way the checks look for (:func:`damage`: swapped, emptied, copied
and fuzzy translations, changed numbers, straight quotes, stray spaces, lost typography, noqa comments, a BOM,
a c-format mismatch only GNU msgfmt reports); it returns each output's SHA-256 (and the issue count per code,
to tell what moved when one differs).

``tests/fixtures/outputs/example.json`` holds these digests as recorded by the code *before* the speed-ups::

    python tests/example_outputs.py --record     # only when a change of output is intended

``tests/test_same_outputs.py`` compares a fresh run with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import polib

REPO = Path(__file__).resolve().parent.parent
RECORD = Path(__file__).resolve().parent / "fixtures" / "outputs" / "example.json"
EPOCH = "1700000000"
"""SOURCE_DATE_EPOCH for the builds (the caller sets it): the same bytes on every run."""


def example_copy(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("sources", "locales"):
        shutil.copytree(REPO / name, target / name)
    for name in ("toolkit.toml", "glossary.csv"):
        shutil.copy(REPO / name, target / name)
    return target


_TYPOGRAPHY = {
    "fr": lambda s: re.sub("«[\u00a0\u202f]", "« ", re.sub("[\u00a0\u202f]([;:!?»])", r" \1", s)),
    "es": lambda s: s.replace("¿", "").replace("¡", ""),
    "ar": lambda s: s.replace("،", ",").replace("؛", ";").replace("؟", "?"),
}


def _spoil(entry: polib.POEntry, index: int, following: str) -> None:
    """One of nine kinds of damage, by the entry's position: every check gets something to find."""
    kind = index % 9
    if kind == 0:
        entry.msgstr = following  # another sentence's links, numbers and terms
    elif kind == 1:
        entry.flags.append("fuzzy")
    elif kind == 2:
        entry.msgstr = ""
    elif kind == 3:
        entry.msgstr = entry.msgid
    elif kind == 4:
        entry.msgstr = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), entry.msgstr, count=1) + " 7"
    elif kind == 5:
        entry.msgstr = " " + entry.msgstr.replace(" ", "  ", 1) + " "
    elif kind == 6:
        entry.msgstr = entry.msgstr.replace("«\u00a0", '"').replace("\u00a0»", '"') + ' "ICC" (see https://example.org/x'
    elif kind == 7:
        entry.tcomment = "noqa: glossary the quotation keeps the Statute's wording" if index % 2 else "noqa nothing"
        entry.msgstr = entry.msgstr.replace("CPI", "ICC").replace("Cour", "Court")
    else:
        entry.msgstr = entry.msgstr.rstrip(".") + "!"


def damage(root: Path) -> None:
    """Damage every catalog of the copy at ``root`` deterministically (see the module's docstring)."""
    from toolkit.catalogs.pofile import render

    for lang, spoil_typography in _TYPOGRAPHY.items():
        for number, path in enumerate(sorted((root / "locales" / lang).glob("*.po"))):
            po = polib.pofile(str(path))
            live = [e for e in po if e.msgid and not e.obsolete and e.msgstr]
            for index, entry in enumerate(live):
                entry.msgstr = spoil_typography(entry.msgstr)
                _spoil(entry, index + number, live[(index + 1) % len(live)].msgstr)
            if number == 1:
                spoiled = live[7]  # position 8 of nine: a translation msgfmt reads (not fuzzy, not empty)
                spoiled.flags.append("c-format")  # GNU msgfmt -c: the msgstr lacks the msgid's %d
                spoiled.msgid += " %d"
            data = render(po)
            path.write_bytes(b"\xef\xbb\xbf" + data if number == 2 and lang == "es" else data)


def _digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def _codes(check_json: str) -> dict[str, int]:
    return dict(sorted(Counter(i["code"] for i in json.loads(check_json)["issues"]).items()))


def outputs(workdir: Path) -> dict[str, Any]:
    """Digests of what the commands print and build, on the example and on its damaged copy, under ``workdir``."""
    from helpers import stk

    found: dict[str, Any] = {}
    for name in ("example", "damaged"):
        root = example_copy(workdir / name)
        if name == "damaged":
            damage(root)
        project = ["--project", str(root)]
        for command in (["status", "--json"], ["check", "--json"], ["check", "--json", "--release"]):
            ran = stk(*command, *project)
            key = f"{name}: stk {' '.join(command)}"
            found[key] = {"exit": ran.returncode, "sha256": _digest(ran.stdout)}
            if command[0] == "check":
                found[key]["codes"] = _codes(ran.stdout)
    root = workdir / "example"
    ran = stk("build", "--project", str(root), "--format", "docx,html")
    assert ran.returncode == 0, ran.stderr
    built = sorted(p for p in (root / "output").rglob("*") if p.suffix in (".docx", ".html"))
    found["example: stk build --format docx,html"] = {str(p.relative_to(root)): _digest(p.read_bytes()) for p in built}
    return found


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help=f"write the digests to {RECORD.relative_to(REPO)}")
    args = parser.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.TemporaryDirectory() as tmp:
        found = outputs(Path(tmp))
    text = json.dumps(found, indent=2, ensure_ascii=False) + "\n"
    if args.record:
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
