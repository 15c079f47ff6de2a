"""Re-segmentation keeps translations: splits, joins, count mismatches, Arabic, and a unit switch on the example project."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
from helpers import make_project, statement

from toolkit import api
from toolkit.catalogs.resegment import JOIN_NOTE, SPLIT_NOTE
from toolkit.document import plain_text
from toolkit.publishing.reassemble import reassemble
from toolkit.workspace import source_rules


def config(unit: str, lang: str = "fr") -> str:
    return f'[project]\nname = "T"\ntarget_languages = ["{lang}"]\n\n[segmentation]\nunit = "{unit}"\n'


def translated(tmp_path: Path, body: str, unit: str, translations: dict[str, str], lang: str = "fr") -> Path:
    """A project whose catalog holds ``translations`` (msgid -> msgstr), reviewed, for ``body`` cut by ``unit``."""
    root = make_project(tmp_path / "p", {"s": statement(body, title="T")}, config(unit, lang))
    api.extract(api.open_project(root))
    path = root / "locales" / lang / "s.po"
    po = polib.pofile(str(path))
    missing = set(translations) - {e.msgid for e in po}
    assert not missing, missing
    for entry in po:
        entry.msgstr = translations.get(entry.msgid, entry.msgid)
    po.save(str(path))
    return root


def switch(root: Path, unit: str, lang: str = "fr", body: str | None = None) -> dict[str, polib.POEntry]:
    """Change the unit (and the source, if given), extract, and return the live entries by msgid."""
    (root / "toolkit.toml").write_text(config(unit, lang), encoding="utf-8")
    if body is not None:
        (root / "sources" / "s.md").write_text(statement(body, title="T"), encoding="utf-8")
    api.extract(api.open_project(root))
    po = polib.pofile(str(root / "locales" / lang / "s.po"))
    assert not po.obsolete_entries(), [e.msgid for e in po.obsolete_entries()]
    return {e.msgid: e for e in po}


def test_split_gives_each_sentence_its_part_fuzzy_with_the_old_msgid(tmp_path: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    root = translated(
        tmp_path,
        "The Court is independent. It must stay so.",
        "paragraph",
        {"The Court is independent. It must stay so.": "La Cour est indépendante. Elle doit le rester."},
    )
    live = switch(root, "sentence")
    first, second = live["The Court is independent."], live["It must stay so."]
    assert (first.msgstr, second.msgstr) == ("La Cour est indépendante.", "Elle doit le rester.")
    for entry in (first, second):
        assert entry.fuzzy
        assert entry.previous_msgid == "The Court is independent. It must stay so."
        assert SPLIT_NOTE in " ".join(entry.comment.split())
    assert "paragraph 1 of 1, sentence 2 of 2" in second.comment
    assert msgfmt(root / "locales/fr/s.po").returncode == 0


def test_a_split_note_stays_until_review_then_goes(tmp_path: Path) -> None:
    root = translated(tmp_path, "One thing. Another thing.", "paragraph", {"One thing. Another thing.": "Une chose. Une autre."})
    switch(root, "sentence")
    again = switch(root, "sentence")  # a second extract: nothing new, the note is kept while fuzzy
    assert SPLIT_NOTE in again["One thing."].comment and again["One thing."].fuzzy
    path = root / "locales/fr/s.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid == "One thing.":
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.save(str(path))
    reviewed = switch(root, "sentence")
    assert SPLIT_NOTE not in reviewed["One thing."].comment and not reviewed["One thing."].fuzzy
    assert SPLIT_NOTE in reviewed["Another thing."].comment


def test_split_with_links_renumbers_them_per_sentence(tmp_path: Path) -> None:
    body = "Read [the report](https://a.org/r). Sign [the letter](https://a.org/l) now."
    old = "Read [the report][1]. Sign [the letter][2] now."
    root = translated(tmp_path, body, "paragraph", {old: "Lisez [le rapport][1]. Signez [la lettre][2] maintenant."})
    live = switch(root, "sentence")
    assert live["Read [the report][1]."].msgstr == "Lisez [le rapport][1]."
    assert live["Sign [the letter][1] now."].msgstr == "Signez [la lettre][1] maintenant."


def test_count_mismatch_gives_the_whole_translation_to_the_first_and_a_note_to_the_rest(tmp_path: Path) -> None:
    root = translated(
        tmp_path,
        "Sanctions harm victims. They must end. Now.",
        "paragraph",
        {"Sanctions harm victims. They must end. Now.": "Les sanctions nuisent aux victimes et doivent cesser immédiatement."},
    )
    live = switch(root, "sentence")
    first = live["Sanctions harm victims."]
    assert first.msgstr == "Les sanctions nuisent aux victimes et doivent cesser immédiatement."
    assert first.fuzzy and first.previous_msgid == "Sanctions harm victims. They must end. Now."
    for msgid in ("They must end.", "Now."):
        assert live[msgid].msgstr == "" and not live[msgid].fuzzy
        assert "its translation is still all in “Sanctions harm victims.”" in " ".join(live[msgid].comment.split())


def test_join_of_reviewed_sentences_stays_reviewed(tmp_path: Path) -> None:
    root = translated(
        tmp_path,
        "The Court is independent. It must stay so.",
        "sentence",
        {"The Court is independent.": "La Cour est indépendante.", "It must stay so.": "Elle doit le rester."},
    )
    live = switch(root, "paragraph")
    joined = live["The Court is independent. It must stay so."]
    assert joined.msgstr == "La Cour est indépendante. Elle doit le rester."
    assert not joined.fuzzy and joined.previous_msgid is None


def test_join_with_a_fuzzy_part_is_fuzzy_with_a_note(tmp_path: Path) -> None:
    root = translated(
        tmp_path,
        "The Court is independent. It must stay so.",
        "sentence",
        {"The Court is independent.": "La Cour est indépendante.", "It must stay so.": "Elle doit le rester."},
    )
    path = root / "locales/fr/s.po"
    po = polib.pofile(str(path))
    po.find("It must stay so.").flags.append("fuzzy")
    po.save(str(path))
    joined = switch(root, "paragraph")["The Court is independent. It must stay so."]
    assert joined.fuzzy and joined.msgstr == "La Cour est indépendante. Elle doit le rester."
    assert joined.previous_msgid == "The Court is independent. It must stay so."
    assert JOIN_NOTE.format(count=2) in joined.comment


def test_an_author_joining_two_sentences_while_editing(tmp_path: Path) -> None:
    """A join that is an edit too ("." -> ";"): both old translations, joined, fuzzy; neither goes to #~."""
    root = translated(
        tmp_path,
        "Every action matters. Time is short.",
        "sentence",
        {"Every action matters.": "Chaque action compte.", "Time is short.": "Le temps presse."},
    )
    joined = switch(root, "sentence", body="Every action matters; time is short.")["Every action matters; time is short."]
    assert joined.fuzzy and joined.msgstr == "Chaque action compte. Le temps presse."
    assert joined.previous_msgid == "Every action matters. Time is short."


def test_an_author_splitting_a_sentence_while_editing(tmp_path: Path) -> None:
    """A split that is an edit too: the translation cannot be cut in two, so the first sentence gets all of it."""
    root = translated(
        tmp_path,
        "Every action matters, and time is short.",
        "sentence",
        {"Every action matters, and time is short.": "Chaque action compte, et le temps presse."},
    )
    live = switch(root, "sentence", body="Every action matters. Time is short.")
    assert live["Every action matters."].fuzzy
    assert live["Every action matters."].msgstr == "Chaque action compte, et le temps presse."
    assert live["Every action matters."].previous_msgid == "Every action matters, and time is short."
    assert live["Time is short."].msgstr == ""


def test_unrelated_sentences_are_not_joined(tmp_path: Path) -> None:
    """A new sentence is never filled from old ones it merely resembles in part: that is the fuzzy matcher's job."""
    root = translated(
        tmp_path,
        "The Court is independent. Sanctions harm victims.",
        "sentence",
        {"The Court is independent.": "La Cour est indépendante.", "Sanctions harm victims.": "Les sanctions nuisent."},
    )
    (root / "sources" / "s.md").write_text(statement("A wholly new paragraph about other things.", title="T"))
    api.extract(api.open_project(root))
    po = polib.pofile(str(root / "locales/fr/s.po"))
    assert po.find("A wholly new paragraph about other things.").msgstr == ""
    assert {e.msgid for e in po.obsolete_entries()} == {"The Court is independent.", "Sanctions harm victims."}


def test_new_rules_joining_a_citation_and_splitting_a_list_item(tmp_path: Path) -> None:
    """Old boundaries that cross the new ones (a citation cut after "No.", now whole): translations joined, then cut again."""
    root = translated(tmp_path, "Intro.", "sentence", {"Intro.": "Intro."})
    path = root / "locales/fr/s.po"
    po = polib.pofile(str(path))
    # What an older splitter made of "See Case No. ICC-01/04. It was decided. Read it.": three pieces, cut wrongly.
    for msgid, msgstr in [
        ("See Case No.", "Voir l’affaire n°"),
        ("ICC-01/04. It was decided.", "ICC-01/04. Elle a été tranchée."),
    ]:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[("sources/s.md", "7")]))
    po.save(str(path))
    live = switch(root, "sentence", body="Intro.\n\nSee Case No. ICC-01/04. It was decided.")
    assert live["See Case No. ICC-01/04."].msgstr == "Voir l’affaire n° ICC-01/04."
    assert live["It was decided."].msgstr == "Elle a été tranchée."
    assert live["It was decided."].previous_msgid == "See Case No. ICC-01/04. It was decided."


def test_arabic_split_at_the_arabic_question_mark_and_full_stop(tmp_path: Path) -> None:
    body = "Will States act? They must act now. The Court waits."
    root = translated(
        tmp_path,
        body,
        "paragraph",
        {body: "هل ستتحرك الدول؟ يجب أن تتحرك الآن، دون تأخير. والمحكمة تنتظر."},
        lang="ar",
    )
    live = switch(root, "sentence", lang="ar")
    assert live["Will States act?"].msgstr == "هل ستتحرك الدول؟"
    assert live["They must act now."].msgstr == "يجب أن تتحرك الآن، دون تأخير."
    assert live["The Court waits."].msgstr == "والمحكمة تنتظر."
    assert all(live[m].fuzzy for m in ("Will States act?", "They must act now.", "The Court waits."))


def test_list_item_split_by_the_new_rules(tmp_path: Path) -> None:
    """An old catalog made when list items were whole: the item's translation follows its sentences."""
    root = translated(tmp_path, "Intro.", "sentence", {"Intro.": "Introduction."})
    path = root / "locales/fr/s.po"
    po = polib.pofile(str(path))
    po.append(
        polib.POEntry(
            msgid="Urge the United States to rescind the sanctions. The U.S. must halt all measures.",
            msgstr="Exhorter les États-Unis à lever les sanctions. Les États-Unis doivent mettre fin à toutes les mesures.",
            comment="numbered list item 1 of 1",
            occurrences=[("sources/s.md", "9")],
        )
    )
    po.save(str(path))
    body = "Intro.\n\n1. Urge the United States to rescind the sanctions. The U.S. must halt all measures."
    live = switch(root, "sentence", body=body)
    entry = live["The U.S. must halt all measures."]
    assert entry.msgstr == "Les États-Unis doivent mettre fin à toutes les mesures."
    assert "numbered list item 1 of 1, sentence 2 of 2" in entry.comment


# --- the example project: paragraph -> sentence -> paragraph loses no word ----


def translated_text(root: Path) -> dict[tuple[str, str], str]:
    """Each statement as each language's readers see it (fuzzy drafts included), as plain text."""
    project = api.open_project(root)
    project.load_catalogs()
    out = {}
    for st in project.statements:
        for lang in project.config.target_languages:
            po = project.catalog(lang, st.slug).read()
            edition = reassemble(st, lang, po, unit=project.config.segment_unit, rules=source_rules(project.config))
            parts: list[str] = []
            for block in edition.doc.blocks:
                parts.append(_block_text(block))
            out[(st.slug, lang)] = " ".join(" ".join(parts).split())
    return out


def _block_text(block: object) -> str:
    from toolkit.document import Heading, ListBlock, Paragraph, Quote

    if isinstance(block, (Paragraph, Heading)):
        return plain_text(block.content)
    if isinstance(block, ListBlock):
        return " ".join(_block_text(b) for item in block.items for b in item.blocks)
    if isinstance(block, Quote):
        return " ".join(_block_text(b) for b in block.blocks)
    return ""


def set_unit(root: Path, unit: str) -> None:
    path = root / "toolkit.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^unit = "\w+"$', f'unit = "{unit}"', text), encoding="utf-8")


def test_paragraph_sentence_paragraph_on_the_reviewed_example_loses_no_translated_word(example_with_locales: Path) -> None:
    root = example_with_locales
    shown = translated_text(root)
    start = api.status(api.open_project(root))
    assert start.total().untranslated == 0 and start.total().fuzzy == 0
    words = sum(len(text.split()) for text in shown.values())

    for unit in ("paragraph", "sentence", "paragraph"):
        set_unit(root, unit)
        api.extract(api.open_project(root))
        # Every translated word is still there for readers to see, and no entry went to #~.
        now = translated_text(root)
        lost = {key: Counter(text.split()) - Counter(now[key].split()) for key, text in shown.items()}
        assert not any(lost.values()), (unit, {key: words for key, words in lost.items() if words})
        for po_path in sorted((root / "locales").glob("*/*.po")):
            po = polib.pofile(str(po_path))
            assert not po.obsolete_entries(), (unit, po_path.name)
    assert words > 10000
