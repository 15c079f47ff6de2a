"""Each check with an entry that must pass and one that must fail, in French, Spanish and Arabic.

Every case runs *all* the checks that apply to the entry, as `stk check`
does: the good translation must come out clean (no false positive from any
check) and the bad one must be reported under exactly the code of the case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_project, statement

from toolkit import api
from toolkit.checks import CHECKS, check_project
from toolkit.checks.base import Entry
from toolkit.checks.settings import CheckSettings
from toolkit.glossary import parse_glossary

QA = Path(__file__).resolve().parent / "fixtures" / "qa"
GLOSSARY = parse_glossary((QA / "glossary.csv").read_text(encoding="utf-8"), "glossary.csv", ("en", "fr", "es", "ar"))
SITE = "https://example.org/home"
SETTINGS = CheckSettings(
    links={lang: {SITE: f"https://example.org/{lang}/home"} for lang in ("fr", "es", "ar")},
    digits={"ar": "latn"},
)
NB, NNB = "\u00a0", "\u202f"


def codes(
    lang: str, msgid: str, msgstr: str, links: tuple[str, ...] = (), role: str = "paragraph", **settings: object
) -> set[str]:
    """The codes every applicable entry check reports for one entry."""
    config = CheckSettings(**{**SETTINGS.__dict__, **settings})  # type: ignore[arg-type]
    entry = Entry(lang, "test", msgid, msgstr, links, role, GLOSSARY, config)
    return {
        check.code
        for check in CHECKS.values()
        if check.on_entry is not None and check.applies_to(lang) and (check.names or not entry.is_name) and check.on_entry(entry)
    }


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


@pytest.mark.parametrize(("code", "lang", "msgid", "links", "good", "bad"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_good_passes_every_check_and_bad_fails_exactly_this_one(
    code: str, lang: str, msgid: str, links: tuple[str, ...], good: str, bad: str
) -> None:
    assert codes(lang, msgid, good, links) == set()
    assert codes(lang, msgid, bad, links) == {code}


def test_every_entry_check_has_cases_in_each_language_it_applies_to() -> None:
    covered = {(code, lang) for code, lang, *_ in CASES}
    for check in CHECKS.values():
        if check.on_entry is None:
            continue
        langs = check.languages or ("fr", "es", "ar")
        if check.code == "acronym":
            langs = ("fr", "es")  # Arabic spells unlisted acronyms out: see the next test
        elif check.code == "glossary-case":
            langs = ("fr", "es")  # Arabic script has no capitals
        for lang in langs:
            assert (check.code, lang) in covered, f"no case for {check.code} in {lang}"


def test_acronyms_are_not_required_in_arabic_but_do_not_translate_terms_are() -> None:
    assert codes("ar", "The FIDH and the ICC met.", "اجتمعت الفدرالية الدولية والمحكمة.") == set()
    assert codes("ar", "The CICC and the ICC met.", "اجتمع التحالف والمحكمة.") == {"glossary"}


def test_two_letter_and_dotted_abbreviations_are_translated_freely() -> None:
    assert codes("fr", "US sanctions hit the U.S. allies.", "Les sanctions américaines frappent les alliés des É.-U.") == set()
    assert codes("es", "The ICC and the UN.", "La CPI y la ONU.") == set()


def test_language_specific_checks_leave_other_languages_alone() -> None:
    assert codes("fr", "Who decides?", f"Qui décide{NNB}?") == set()  # no ¿ in French
    assert codes("es", "Our message: act.", "Nuestro mensaje: actuar.") == set()  # no no-break space in Spanish
    assert codes("ar", "Our message: act.", "رسالتنا: تحركوا.") == set()


def test_names_are_checked_for_markup_and_whitespace_only() -> None:
    name = "Human Rights Now"
    assert codes("ar", name, name, role="name") == set()  # a copy, no glossary, no length: fine for a name
    assert codes("fr", name, name + " ", role="name") == {"whitespace"}
    assert codes("es", "Al-Haq (**Palestine**)", "Al-Haq (Palestina)", role="name") == {"markup-emphasis"}


def test_proper_nouns_and_cognates_copied_are_not_untranslated() -> None:
    for text in ("Simon Mallet", "1600 Pennsylvania Avenue NW", "Justice", "Lawyers for Justice in Libya"):
        assert "untranslated-copy" not in codes("fr", text, text), text


def test_salutations_and_abbreviations_end_as_the_language_writes_them() -> None:
    assert codes("fr", "Dear President Biden:", "Monsieur le Président,") == set()
    assert codes("es", "Excellencies, dear colleagues,", "Excelencias, estimados colegas:") == set()
    assert codes("ar", "Joint letter to President Joseph R. Biden, Jr.", "رسالة مشتركة إلى الرئيس جوزيف آر. بايدن الابن") == set()


def test_length_limits_come_from_the_settings() -> None:
    msgid = "Organisations from every region of the world have joined this call."
    assert codes("fr", msgid, "Un appel.", min_ratio=0.1) == set()
    assert codes("fr", "Short text here.", "Oui.") == set()  # under min_chars: never measured


def test_arabic_indic_digits_when_the_project_chooses_them() -> None:
    msgid = "The session opened on 2 December 2024."
    arab = {"ar": "arab"}
    assert codes("ar", msgid, "افتتحت الدورة في ٢ ديسمبر ٢٠٢٤.", digits=arab) == set()
    assert codes("ar", msgid, "افتتحت الدورة في 2 ديسمبر 2024.", digits=arab) == {"typography-digits"}


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
