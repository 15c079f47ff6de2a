"""Regenerate toolkit/data/language_names.tsv: each locale's English name, as Babel gives it.

Catalog headers name their language in English ("Language-Team: French", "French translation of ...").
The toolkit reads the names from this file rather than from Babel at run time: loading Babel's English
locale data costs every `stk extract` about 20 ms, and a Babel upgrade that renamed a language would
rewrite every catalog header. Regenerate with the locked Babel and review the diff.

    python scripts/language_names.py
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from babel.localedata import locale_identifiers

OUT = Path(__file__).resolve().parent.parent / "toolkit" / "data" / "language_names.tsv"


def main() -> None:
    rows = []
    for identifier in sorted(locale_identifiers()):
        name = Locale.parse(identifier).get_display_name("en")
        if name and "\t" not in name and "\n" not in name:
            rows.append(f"{identifier}\t{name}")
    header = "# locale\tEnglish name (Babel's; regenerate with scripts/language_names.py)\n"
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
