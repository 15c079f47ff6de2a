"""The example project after issue 14: one entry per sentence in lists and quotations, memory that finds them,
and catalogs that went through the re-segmentation reviewed, checked and without #~."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from toolkit import api
from toolkit.catalogs.template import NOTE_PREFIXES
from toolkit.document import plain_text

REPO = Path(__file__).resolve().parent.parent

# Hand-judged: every list item or quotation of the example with more than one sentence, and how many it has.
MULTI_SENTENCE = [
    ("icc-judges-sanctions-2025", "Strengthening legal protections", 2),
    ("icc-judges-sanctions-2025", "Urging the United States", 2),
    ("palestinian-ngos-sanctions-2025", "“In these times, silence", 2),
    ("palestinian-ngos-sanctions-2025", "Urge the government of the United States", 2),
    ("palestinian-ngos-sanctions-2025", "Strengthen national frameworks", 2),
    ("palestinian-ngos-sanctions-2025", "Adopt and/or implement", 2),
    ("palestinian-ngos-sanctions-2025", "Anticipate and address new threats", 4),
]

# A sentence end inside a msgid, as a reader would see one: a word, a full stop, a capital.
# (The example has no abbreviation in lowercase before a capital, such as "e.g. The".)
_INNER_END = re.compile(r"[a-z)”’]\.[”’]? [“‘(]?[A-Z]")


@pytest.mark.parametrize(("slug", "opening", "sentences"), MULTI_SENTENCE)
def test_multi_sentence_list_items_and_quotations_are_one_entry_per_sentence(slug: str, opening: str, sentences: int) -> None:
    project = api.open_project(REPO)
    st = next(s for s in project.statements if s.slug == slug)
    pieces = [s for s in st.segments if s.role in ("list-item", "paragraph", "quote")]
    start = next(i for i, s in enumerate(pieces) if plain_text(s.content).startswith(opening))
    group = pieces[start : start + sentences]
    assert len({s.block for s in group}) == 1, "the sentences come from one list item or paragraph"
    assert group[-1].context.endswith(f"sentence {sentences} of {sentences}")
    assert start + sentences == len(pieces) or pieces[start + sentences].block != group[0].block


def test_no_entry_of_the_example_holds_two_sentences() -> None:
    project = api.open_project(REPO)
    two = [
        (st.slug, s.msgid)
        for st in project.statements
        for s in st.segments
        if s.role in ("list-item", "paragraph", "quote") and _INNER_END.search(plain_text(s.content))
    ]
    assert two == []


def test_the_catalogs_went_through_the_resegmentation_reviewed_without_obsolete_entries() -> None:
    for path in sorted((REPO / "locales").glob("*/*.po")):
        po = polib.pofile(str(path))
        assert not po.obsolete_entries(), path
        assert not [e.msgid for e in po if e.fuzzy or not e.msgstr.strip()], path
        assert not [e.msgid for e in po if any(p in " ".join(e.comment.split()) for p in NOTE_PREFIXES)], path
    status = api.status(api.open_project(REPO))
    assert all(row.ready for row in status.rows)
    assert status.total().fuzzy == status.total().untranslated == 0


def test_memory_now_fills_a_list_sentence_another_statement_shares(example_with_locales: Path) -> None:
    """icc-judges' second sentence of a demand repeats (near) word for word in a list of palestinian-ngos:
    with list items cut into sentences, an emptied catalog gets it back from memory."""
    root = example_with_locales
    path = root / "locales" / "fr" / "icc-judges-sanctions-2025.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = ""
    po.save(str(path))
    api.translate(api.open_project(root), ["fr"], ["icc-judges-sanctions-2025"], engine="pseudo")
    filled = polib.pofile(str(path)).find(
        "Blocking statutes and similar instruments can provide the Court and its partners with essential protection "
        "and send a powerful message that ICC member countries will not tolerate efforts to undermine the Court."
    )
    assert filled.fuzzy
    assert re.search(r"translation memory: 9\d% match from palestinian-ngos-sanctions-2025\.po", filled.tcomment)
    assert filled.msgstr.startswith("Les règlements de blocage et les instruments similaires peuvent offrir")
