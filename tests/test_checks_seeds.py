"""The QA checks on the reviewed seed statements: silent on them, and loud on a damaged copy.

The damage is what a pile of copy-pasted Word files does to typography: French loses the
no-break spaces before ; : ! ? and inside « », Spanish its opening ¿ ¡, Arabic its own comma, semicolon and question mark.
Every damaged entry must be reported with the right code, and nothing else may be.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib

from toolkit import api
from toolkit.catalogs.pofile import render
from toolkit.checks import check_project

DAMAGE = {
    "fr": ("typography-fr-nbsp", lambda s: re.sub("«[\u00a0\u202f]", "« ", re.sub("[\u00a0\u202f]([;:!?»])", r" \1", s))),
    "es": ("typography-es-inverted", lambda s: s.replace("¿", "").replace("¡", "")),
    "ar": ("typography-ar-punctuation", lambda s: s.replace("،", ",").replace("؛", ";").replace("؟", "?")),
}


def damage(root: Path) -> dict[str, set[tuple[str, str]]]:
    """Damage every catalog; return, per language, the (file, msgid) pairs changed."""
    changed: dict[str, set[tuple[str, str]]] = {}
    for lang, (_, spoil) in DAMAGE.items():
        changed[lang] = set()
        for path in sorted((root / "locales" / lang).glob("*.po")):
            po = polib.pofile(str(path))
            for entry in po:
                if entry.msgid and entry.msgstr and spoil(entry.msgstr) != entry.msgstr:
                    entry.msgstr = spoil(entry.msgstr)
                    changed[lang].add((f"locales/{lang}/{path.name}", entry.msgid))
            path.write_bytes(render(po))
    return changed


def test_the_reviewed_example_has_no_issue(example_with_locales: Path) -> None:
    report = check_project(api.open_project(example_with_locales), release=True)
    assert [str(i) for i in report.issues] == []


def test_a_copy_stripped_of_typography_is_reported_entry_by_entry(example_with_locales: Path) -> None:
    changed = damage(example_with_locales)
    report = check_project(api.open_project(example_with_locales))
    for lang, (code, _) in DAMAGE.items():
        found = {(i.location.path, i.msgid) for i in report.issues if i.lang == lang and i.code == code}
        assert found == changed[lang], lang
        assert changed[lang], lang
    assert {i.code for i in report.issues} == {code for code, _ in DAMAGE.values()}
    per_code = Counter(i.code for i in report.issues)
    print(f"damaged entries reported: {dict(per_code)}, {len(report.issues)} in all")
