"""Each check with an entry that must pass and one that must fail, in French, Spanish and Arabic -- through the runner.

Every case is the one paragraph of its own statement in a small project: ``stk extract`` makes its
catalog, the case's msgstr (and translator comment) is written in, and :func:`check_project` runs
*all* the checks over it exactly as ``stk check`` does -- which checks apply to the language and the
role, what the project disables, what ``# noqa`` silences, severities. The good translation must
leave its catalog without a single issue (no false positive from any check), the bad one must raise
exactly the code of the case.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import make_project, statement

from toolkit import api
from toolkit.catalogs.pofile import read, render
from toolkit.checks import CHECKS, check_project

QA = Path(__file__).resolve().parent / "fixtures" / "qa"
SITE = "https://example.org/home"
NB, NNB = "\u00a0", "\u202f"

A, B = "https://a.org/statement", "https://b.org/letter"

# code, lang, msgid, links, good msgstr, bad msgstr
CASES: list[tuple[str, str, str, tuple[str, ...], str, str]] = [
    # markup: links compared as multisets of targets, order free
    ("markup-links", "fr", "Read the [statement][1] now.", (A,), "Lisez la [déclaration][1] maintenant.",
     "Lisez la déclaration maintenant."),
    ("markup-links", "es", "See [this][1] and [that][2].", (A, B), "Vea [aquello][2] y [esto][1].",
     "Vea [esto][1] y [esto][1]."),
    ("markup-links", "ar", "Read the [statement][1] now.", (A,), "اقرؤوا [البيان][1] الآن.", "اقرؤوا [البيان][2] الآن."),
    ("link-target", "fr", "Visit [our website][1].", (SITE,), "Visitez [notre site](https://example.org/fr/home).",
     "Visitez [notre site](https://elsewhere.example/fr)."),
    ("link-target", "es", "Visit [our website][1].", (SITE,), "Visite [nuestro sitio][1].",
     "Visite [nuestro sitio](https://example.org/fr/home)."),
    ("link-target", "ar", "Visit [our website][1].", (SITE,), "زوروا [موقعنا](https://example.org/ar/home).",
     "زوروا [موقعنا](javascript:alert(1))."),
    ("markup-emphasis", "fr", "We call on **all States** to act *now*.", (),
     "Nous appelons *maintenant* **tous les États** à agir.", "Nous appelons **tous les États** à agir maintenant."),
    ("markup-emphasis", "es", "We call on **all States** to act *now*.", (),
     "Pedimos a **todos los Estados** que actúen *ahora*.", "Pedimos a **todos los Estados** que actúen **ahora**."),
    ("markup-emphasis", "ar", "We call on **all States** to act *now*.", (),
     "ندعو **جميع الدول** إلى التحرك *الآن*.", "ندعو **جميع الدول إلى التحرك *الآن*."),
    ("markup-code", "fr", "Run `stk check` first.", (), "Lancez d’abord `stk check`.", "Lancez d’abord `stk vérifier`."),
    ("markup-code", "es", "Run `stk check` first.", (), "Ejecute primero `stk check`.", "Ejecute primero stk check."),
    ("markup-code", "ar", "Run `stk check` first.", (), "شغّلوا `stk check` أولا.", "شغّلوا `stk تحقق` أولا."),
    ("markup-html", "fr", "Contact us.", (), "Contactez-nous.", "<a href='x'>Contactez</a>-nous."),
    ("markup-html", "es", "Contact us.", (), "Contáctenos.", "Contáctenos <img src=x>."),
    ("markup-html", "ar", "Contact us.", (), "اتصلوا بنا.", "<b>اتصلوا</b> بنا."),
    # tokens
    ("urls", "fr", "See www.icc-cpi.int for details.", (), "Voir www.icc-cpi.int pour les détails.",
     "Voir www.icc-cpi.fr pour les détails."),
    ("urls", "es", "See https://icc-cpi.int/news?id=1 today.", (), "Vea https://icc-cpi.int/news?id=1 hoy.",
     "Vea https://icc-cpi.int/noticias?id=1 hoy."),
    ("urls", "ar", "See www.icc-cpi.int for details.", (), "انظروا www.icc-cpi.int للاطلاع على التفاصيل.",
     "انظروا موقع المحكمة للاطلاع على التفاصيل."),
    ("emails", "fr", "Write to press@cicc.org today.", (), "Écrivez à press@cicc.org aujourd’hui.",
     "Écrivez à presse@cicc.org aujourd’hui."),
    ("emails", "es", "Write to press@cicc.org today.", (), "Escriba hoy a press@cicc.org.", "Escriba hoy a prensa@cicc.org."),
    ("emails", "ar", "Write to press@cicc.org today.", (), "راسلوا press@cicc.org اليوم.", "راسلونا اليوم."),
    # a date written the language's way keeps its digit sequences; grouped thousands are one number
    ("numbers", "fr", "On May 22, 2024, 1,250 people signed.", (), f"Le 22 mai 2024, 1{NNB}250 personnes ont signé.",
     f"Le 21 mai 2024, 1{NNB}250 personnes ont signé."),
    ("numbers", "es", "On May 22, 2024, 1,250 people signed.", (), "El 22 de mayo de 2024, 1.250 personas firmaron.",
     "El 22 de mayo de 2024, 125 personas firmaron."),
    ("numbers", "ar", "On May 22, 2024, 1,250 people signed.", (), "في 22 مايو 2024، وقّع 1250 شخصا.",
     "في 22 مايو 2023، وقّع 1250 شخصا."),
    ("acronym", "fr", "The FIDH and the ICC met.", (), "La FIDH et la CPI se sont réunies.",
     "La Fédération et la CPI se sont réunies."),
    ("acronym", "es", "The FIDH and the ICC met.", (), "La FIDH y la CPI se reunieron.", "La Federación y la CPI se reunieron."),
    # glossary: Arabic forms found behind attached prepositions and conjunctions
    ("glossary", "fr", "The Rome Statute protects the victims.", (), "Le Statut de Rome protège les victimes.",
     "Le Traité de Rome protège les victimes."),
    ("glossary", "es", "States Parties must act.", (), "Los Estados Partes deben actuar.", "Los Estados miembros deben actuar."),
    ("glossary", "ar", "The States Parties uphold the Rome Statute.", (), "تلتزم الدولُ الأطراف وبنظام روما الأساسي.",
     "تلتزم الدول الأعضاء بنظام روما الأساسي."),
    ("glossary", "ar", "The CICC welcomes it.", (), "يرحب التحالف (CICC) بذلك.", "يرحب التحالف بذلك."),
    # glossary-case: a decided spelling held to its capitals, except the first letter of a sentence
    ("glossary-case", "fr", "States Parties must act.", (), "États Parties, agissez.", "Les États parties doivent agir."),
    ("glossary-case", "es", "States Parties must act.", (), "Los Estados Partes deben actuar.",
     "Los Estados partes deben actuar."),
    ("untranslated-copy", "fr", "Justice must be done without delay.", (), "Justice doit être rendue sans délai.",
     "Justice must be done without delay."),
    ("untranslated-copy", "es", "Justice must be done without delay.", (), "Debe hacerse justicia sin demora.",
     "Justice must be done without delay."),
    ("untranslated-copy", "ar", "Justice must be done without delay.", (), "يجب تحقيق العدالة دون تأخير.",
     "Justice must be done without delay."),
    # invisible characters: a separator the source has is fine, one it has not is reported
    ("invisible-separator", "fr", "First line\u2028second line.", (), "Première ligne\u2028deuxième ligne.",
     "Première ligne\u2028deuxième\u2028ligne."),
    ("invisible-separator", "es", "The judges must remain independent.", (), "Los jueces deben seguir siendo independientes.",
     "Los jueces deben seguir\u2029siendo independientes."),
    ("invisible-separator", "ar", "The judges must remain independent.", (), "يجب أن يظل القضاة مستقلين.",
     "يجب أن يظل القضاة\x85 مستقلين."),
    ("whitespace", "fr", "The judges must remain independent.", (), "Les juges doivent rester indépendants.",
     "Les juges  doivent rester indépendants."),
    ("whitespace", "es", "The judges must remain independent.", (), "Los jueces deben seguir siendo independientes.",
     "Los jueces deben seguir siendo independientes. "),
    ("whitespace", "ar", "The judges must remain independent.", (), "يجب أن يظل القضاة مستقلين.",
     "يجب أن يظل القضاة\tمستقلين."),
    ("punctuation-end", "fr", "Act now!", (), f"Agissez maintenant{NNB}!", "Agissez maintenant."),
    ("punctuation-end", "es", "Who decides?", (), "¿Quién decide?", "Decide el pueblo."),
    ("punctuation-end", "ar", "Who decides?", (), "من يقرر؟", "من يقرر."),
    ("brackets", "fr", "The Court (in The Hague) responded.", (), "La Cour (à La Haye) a répondu.",
     "La Cour (à La Haye a répondu."),
    ("brackets", "es", "The Court (in The Hague) responded.", (), "La Corte (en La Haya) respondió.",
     "La Corte en La Haya) respondió."),
    ("brackets", "ar", "The Court (in The Hague) responded.", (), "ردت المحكمة (في لاهاي).", "ردت المحكمة (في لاهاي."),
    ("quotes", "fr", "It called them “unacceptable”.", (), f"Elle les a jugées «{NB}inacceptables{NB}».",
     f"Elle les a jugées «{NB}inacceptables."),
    ("quotes", "es", "It called them “unacceptable”.", (), "Las calificó de «inaceptables».", "Las calificó de inaceptables»."),
    ("quotes", "ar", "It called them “unacceptable”.", (), "وصفتها بأنها «غير مقبولة».", "وصفتها بأنها «غير مقبولة."),
    ("length", "fr", "Organisations from every region of the world have joined this call.", (),
     "Des organisations de toutes les régions du monde se sont jointes à cet appel.", "Oui."),
    ("length", "es", "Organisations from every region of the world have joined this call.", (),
     "Organizaciones de todas las regiones del mundo se han sumado a este llamamiento.",
     "Organizaciones de todas las regiones del mundo se han sumado a este llamamiento, " * 4 + "y más."),
    ("length", "ar", "Organisations from every region of the world have joined this call.", (),
     "انضمت منظمات من جميع مناطق العالم إلى هذا النداء.", "نعم."),
    # typography: French
    ("typography-fr-nbsp", "fr", "Why? Because: “never again”!", (), f"Pourquoi{NNB}? Parce que{NB}: «{NB}plus jamais{NB}»{NNB}!",
     f"Pourquoi ? Parce que{NB}: «{NB}plus jamais{NB}»{NNB}!"),
    ("typography-fr-nbsp", "fr", "See https://x.org/a?b=1 at 10:30.", (), "Voir https://x.org/a?b=1 à 10:30.",
     "Voir https://x.org/a?b=1 à 10:30; merci."),
    ("typography-fr-nbsp", "fr", "They said “never again”.", (), f"Ils ont dit «{NB}plus jamais{NB}».",
     "Ils ont dit « plus jamais »."),
    ("typography-fr-quotes", "fr", "They said “never again”.", (), f"Ils ont dit «{NB}plus jamais{NB}».",
     'Ils ont dit "plus jamais".'),
    ("typography-fr-apostrophe", "fr", "It is the hour of justice.", (), "C’est l’heure de la justice.",
     "C'est l’heure de la justice."),
    # typography: Spanish
    ("typography-es-inverted", "es", "Who will protect the victims?", (), "¿Quién protegerá a las víctimas?",
     "Quién protegerá a las víctimas?"),
    ("typography-es-inverted", "es", "Enough!", (), "¡Basta!", "Basta!"),
    ("typography-es-quotes", "es", "They said “never again”.", (), "Dijeron «nunca más».", 'Dijeron "nunca más".'),
    # typography: Arabic (Latin marks stay between digits and inside Latin names)
    ("typography-ar-punctuation", "ar", "The Court, in its statement; what next?", (), "قالت المحكمة، في بيانها؛ ماذا بعد؟",
     "قالت المحكمة, في بيانها؛ ماذا بعد؟"),
    ("typography-ar-punctuation", "ar", "Al-Haq, Al Mezan and 1,000 others signed.", (),
     "وقعت Al-Haq, Al Mezan و1,000 منظمة أخرى.", "وقعت الحق, الميزان و1,000 منظمة أخرى."),
    ("typography-ar-punctuation", "ar", "Who decides?", (), "من يقرر؟", "من يقرر?"),
    ("typography-ar-kashida", "ar", "Justice prevails.", (), "العدالة تنتصر.", "العدالـــة تنتصر."),
    ("typography-ar-quotes", "ar", "They said “never again”.", (), "قالوا «لن يتكرر ذلك أبدا».", 'قالوا "لن يتكرر ذلك أبدا".'),
    ("typography-digits", "ar", "The session opened on 2 December 2024.", (), "افتتحت الدورة في 2 ديسمبر 2024.",
     "افتتحت الدورة في ٢ ديسمبر ٢٠٢٤."),
    ("typography-digits", "fr", "The session opened on 2 December 2024.", (), "La session s’est ouverte le 2 décembre 2024.",
     "La session s’est ouverte le ٢ décembre ٢٠٢٤."),
    ("typography-digits", "es", "The session opened on 2 December 2024.", (), "La sesión se abrió el 2 de diciembre de 2024.",
     "La sesión se abrió el ۲ de diciembre de ۲۰۲۴."),
]  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One translated entry."""

    lang: str
    msgid: str
    msgstr: str
    links: tuple[str, ...] = ()
    role: str = "paragraph"
    """``paragraph``, or ``name``: an entry of a signatory list."""
    comment: str = ""
    """A translator comment (``noqa: numbers the reason``)."""

    def markdown(self) -> str:
        """The Markdown whose one segment is ``msgid``: ``[text][N]`` written with its URL."""
        return re.sub(r"\]\[(\d+)\]", lambda m: f"]({self.links[int(m.group(1)) - 1]})", self.msgid)


# The front matter of every statement, translated so that nothing but the cases can raise an issue.
FRONT = {
    "fr": {"A title": "Un titre", "The Coalition": "La Coalition"},
    "es": {"A title": "Un título", "The Coalition": "La Coalición"},
    "ar": {"A title": "عنوان", "The Coalition": "التحالف"},
}


def config(lang: str, digits: str = "latn", extra: str = "") -> str:
    """One target language; each paragraph one segment (the cases hold "Why? Because: ..."); the QA fixture's
    links table; the project's digits; and ``extra`` tables."""
    return (
        f'[project]\nname = "QA cases"\ntarget_languages = ["{lang}"]\ndigits = {{ {lang} = "{digits}" }}\n'
        f'[segmentation]\nunit = "paragraph"\n[links.{lang}]\n"{SITE}" = "https://example.org/{lang}/home"\n{extra}'
    )


def layers(cases: list[tuple[int, Case]]) -> list[list[tuple[int, Case]]]:
    """The cases in as few statements as can hold them: a msgid once per catalog."""
    out: list[list[tuple[int, Case]]] = []
    for n, case in cases:
        layer = next((layer for layer in out if all(c.msgid != case.msgid for _, c in layer)), None)
        if layer is None:
            out.append(layer := [])
        layer.append((n, case))
    return out


def check_cases(root: Path, cases: Sequence[Case], digits: str = "latn", extra: str = "") -> list[dict[str, str]]:
    """Run the real checks over every case: for each, the code -> severity of every issue of its entry.

    The cases of a language share a small project; each is one paragraph (or one name of a signatory
    list) of a statement that holds no other entry with its msgid, so every issue names its case."""
    found: list[dict[str, str]] = [{} for _ in cases]
    for lang in sorted({c.lang for c in cases}):
        statements = layers([(n, c) for n, c in enumerate(cases) if c.lang == lang])
        sources = {}
        for k, layer in enumerate(statements):
            body = "".join(f"{c.markdown()}\n\n" for _, c in layer if c.role != "name")
            names = "".join(f"- {c.markdown()}\n" for _, c in layer if c.role == "name")
            sources[f"s{k}"] = statement(body + (f"<!-- names -->\n{names}" if names else ""))
        folder = make_project(root / lang, sources, config(lang, digits, extra))
        shutil.copy(QA / "glossary.csv", folder / "glossary.csv")
        api.extract(api.open_project(folder))
        where: dict[tuple[str, str], int] = {}
        for k, layer in enumerate(statements):
            path = folder / f"locales/{lang}/s{k}.po"
            po = read(path, path.name)
            assert {e.msgid for e in po} == {c.msgid for _, c in layer} | set(FRONT[lang]), "a case is not one segment"
            for n, case in layer:
                entry = po.find(case.msgid)
                entry.msgstr, entry.tcomment, entry.flags = case.msgstr, case.comment, []  # type: ignore[union-attr]
                where[(f"s{k}", case.msgid)] = n
            for msgid, msgstr in FRONT[lang].items():
                po.find(msgid).msgstr = msgstr  # type: ignore[union-attr]
            path.write_bytes(render(po))
        report = check_project(api.open_project(folder))
        assert report.checked == len(where) + 2 * len(statements)  # every entry translated and checked
        for issue in report.issues:
            found[where[(issue.slug, issue.msgid)]][issue.code] = issue.severity  # KeyError: an issue of no case
    return found


def family(code: str) -> str:
    return CHECKS[code].family


GOOD = [Case(lang, msgid, good, links) for _, lang, msgid, links, good, _ in CASES]
BAD = [Case(lang, msgid, bad, links) for _, lang, msgid, links, _, bad in CASES]
# The runner's filter: a translator's noqa comment naming the code or its family silences it; one naming
# nothing silences nothing and is itself reported.
NOQA_CODE = [Case(lang, msgid, bad, links, comment=f"noqa: {code} the reason") for code, lang, msgid, links, _, bad in CASES]
NOQA_FAMILY = [Case(lang, msgid, bad, links, comment=f"noqa: {family(code)}") for code, lang, msgid, links, _, bad in CASES]
NOQA_NOTHING = [Case(lang, msgid, bad, links, comment="noqa: everything is fine") for _, lang, msgid, links, _, bad in CASES]

P = "paragraph"

# Cases beyond one good and one bad entry per check: (lang, msgid, msgstr, codes expected, role), by what they show.
MORE: dict[str, list[tuple[str, str, str, set[str], str]]] = {
    "acronyms are not required in Arabic, but do-not-translate terms are": [
        ("ar", "The FIDH and the ICC met.", "اجتمعت الفدرالية الدولية والمحكمة.", set(), P),
        ("ar", "The CICC and the ICC met.", "اجتمع التحالف والمحكمة.", {"glossary"}, P),
    ],
    "two-letter and dotted abbreviations are translated freely": [
        ("fr", "US sanctions hit the U.S. allies.", "Les sanctions américaines frappent les alliés des É.-U.", set(), P),
        ("es", "The ICC and the UN.", "La CPI y la ONU.", set(), P),
    ],
    "language-specific checks leave other languages alone": [
        ("fr", "Who decides?", f"Qui décide{NNB}?", set(), P),  # no ¿ in French
        ("es", "Our message: act.", "Nuestro mensaje: actuar.", set(), P),  # no no-break space in Spanish
        ("ar", "Our message: act.", "رسالتنا: تحركوا.", set(), P),
    ],
    "names are checked for markup and whitespace only": [
        ("ar", "Human Rights Now", "Human Rights Now", set(), "name"),  # a copy, no glossary, no length: fine for a name
        ("fr", "Human Rights Now", "Human Rights Now ", {"whitespace"}, "name"),
        ("es", "Al-Haq (**Palestine**)", "Al-Haq (Palestina)", {"markup-emphasis"}, "name"),
        # an organisation's name keeps its English words: no glossary, while the same words in a sentence must follow it
        ("fr", "Coalition for the Rome Statute", "Coalition for the Rome Statute", set(), "name"),
        ("fr", "Coalition for the Rome Statute", "Coalition pour le Traité de Rome", {"glossary"}, P),
    ],
    "proper nouns and cognates copied are not untranslated": [
        ("fr", text, text, set(), P)
        for text in ("Simon Mallet", "1600 Pennsylvania Avenue NW", "Justice", "Lawyers for Justice in Libya")
    ],
    "salutations and abbreviations end as the language writes them": [
        ("fr", "Dear President Biden:", "Monsieur le Président,", set(), P),
        ("es", "Excellencies, dear colleagues,", "Excelencias, estimados colegas:", set(), P),
        ("ar", "Joint letter to President Joseph R. Biden, Jr.", "رسالة مشتركة إلى الرئيس جوزيف آر. بايدن الابن", set(), P),
    ],
    "sources under min_chars are never measured": [("fr", "Short text here.", "Oui.", set(), P)],
}  # fmt: skip
EXTRA = [Case(lang, msgid, msgstr, role=role) for group in MORE.values() for lang, msgid, msgstr, _, role in group]

ALL = [*GOOD, *BAD, *NOQA_CODE, *NOQA_FAMILY, *NOQA_NOTHING, *EXTRA]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[Case, dict[str, str]]:
    """Every case of this module checked once, in three small projects (one per language)."""
    results = check_cases(tmp_path_factory.mktemp("qa-cases"), ALL)
    return dict(zip(ALL, results, strict=True))


IDS = [f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)]


@pytest.mark.parametrize("n", range(len(CASES)), ids=IDS)
def test_good_passes_every_check_and_bad_fails_exactly_this_one(checked: dict[Case, dict[str, str]], n: int) -> None:
    code = CASES[n][0]
    assert checked[GOOD[n]] == {}
    assert set(checked[BAD[n]]) == {code}
    assert checked[BAD[n]][code] == CHECKS[code].severity


@pytest.mark.parametrize("n", range(len(CASES)), ids=IDS)
def test_noqa_silences_the_code_or_its_family_and_nothing_else(checked: dict[Case, dict[str, str]], n: int) -> None:
    code = CASES[n][0]
    assert checked[NOQA_CODE[n]] == {}
    assert checked[NOQA_FAMILY[n]] == {}
    assert set(checked[NOQA_NOTHING[n]]) == {code, "noqa"}  # the comment names no check: reported, silences nothing


@pytest.mark.parametrize(("group", "n"), [(g, n) for g, cases in MORE.items() for n in range(len(cases))])
def test_more_cases(checked: dict[Case, dict[str, str]], group: str, n: int) -> None:
    lang, msgid, msgstr, expected, role = MORE[group][n]
    assert set(checked[Case(lang, msgid, msgstr, role=role)]) == expected


def test_every_entry_check_has_cases_in_each_language_it_applies_to() -> None:
    covered = {(code, lang) for code, lang, *_ in CASES}
    for check in CHECKS.values():
        if check.on_entry is None:
            continue
        langs = check.languages or ("fr", "es", "ar")
        if check.code == "acronym":
            langs = ("fr", "es")  # Arabic spells unlisted acronyms out: see MORE
        elif check.code == "glossary-case":
            langs = ("fr", "es")  # Arabic script has no capitals
        for lang in langs:
            assert (check.code, lang) in covered, f"no case for {check.code} in {lang}"


# --- what the project's toolkit.toml says -------------------------------------------------------------------------------

DISABLED_CODES = sorted({code for code, *_ in CASES})[::2]
DISABLED_FAMILIES = ["punctuation"]


def test_what_the_project_disables_is_not_reported_and_the_rest_is(tmp_path: Path) -> None:
    """Every other code and one family switched off in [check]: exactly those disappear from the bad cases."""
    disable = ", ".join(f'"{name}"' for name in [*DISABLED_CODES, *DISABLED_FAMILIES])
    found = check_cases(tmp_path, BAD, extra=f"[check]\ndisable = [{disable}]\n")
    for (code, lang, *_), codes in zip(CASES, found, strict=True):
        off = code in DISABLED_CODES or family(code) in DISABLED_FAMILIES
        assert set(codes) == (set() if off else {code}), (code, lang)


def test_severities_the_project_sets_replace_the_checks_own(tmp_path: Path) -> None:
    cases = [BAD[n] for n, (code, *_) in enumerate(CASES) if code in ("acronym", "numbers")]
    found = check_cases(tmp_path, cases, extra='[check]\nseverity = { acronym = "error", numbers = "warning" }\n')
    assert {code: severity for codes in found for code, severity in codes.items()} == {"acronym": "error", "numbers": "warning"}


def test_length_limits_come_from_the_settings(tmp_path: Path) -> None:
    msgid = "Organisations from every region of the world have joined this call."
    cases = [Case("fr", msgid, "Un appel."), Case("es", msgid, "Una llamada.")]
    assert check_cases(tmp_path / "default", cases) == [{"length": "warning"}, {"length": "warning"}]
    assert check_cases(tmp_path / "set", cases, extra="[check.length]\nmin_ratio = 0.1\n") == [{}, {}]


def test_arabic_indic_digits_when_the_project_chooses_them(tmp_path: Path) -> None:
    msgid = "The session opened on 2 December 2024."
    cases = [Case("ar", msgid, "افتتحت الدورة في ٢ ديسمبر ٢٠٢٤."), Case("ar", msgid, "افتتحت الدورة في 2 ديسمبر 2024.")]
    assert check_cases(tmp_path, cases, digits="arab") == [{}, {"typography-digits": "error"}]


@pytest.mark.parametrize(
    ("content_type", "codes_found"),
    [("text/plain; charset=utf8", set()), ("text/plain", {"header-charset"}), (None, {"header-charset"})],
)
def test_charset_problems_are_header_charset_not_syntax(tmp_path: Path, content_type: str | None, codes_found: set[str]) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One.\n")}, '[project]\nname = "T"\ntarget_languages = ["fr"]\n')
    api.extract(api.open_project(root))
    path = root / "locales/fr/s.po"
    line = '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    path.write_text(
        path.read_text(encoding="utf-8").replace(line, f'"Content-Type: {content_type}\\n"\n' if content_type else "")
    )
    report = check_project(api.open_project(root))
    assert {i.code for i in report.issues} - {"untranslated", "fuzzy"} == codes_found
