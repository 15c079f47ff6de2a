"""Running the registered checks over a project's catalogs, with suppression and severities.

Reading never stops at the first bad catalog: a file that is not UTF-8 or
breaks the PO grammar becomes one issue, and the other catalogs are still
checked, so one run shows everything to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import product

import polib

from .. import forking
from ..catalogs import gnu
from ..catalogs.draft_record import is_pseudo
from ..errors import CatalogError, CharsetError, Location
from ..glossary import Glossary
from ..segmentation.segments import Segment
from ..workspace import Project, Statement
from .base import Catalog, CatalogCheck, Check, CheckReport, Entry, EntryCheck, Issue
from .settings import CheckSettings, check_settings

_NOQA = re.compile(r"^\s*noqa\b(:?)(.*)", re.IGNORECASE)


def run_checks(
    project: Project,
    checks: Mapping[str, Check],
    langs: list[str] | None = None,
    slugs: list[str] | None = None,
    *,
    release: bool = False,
) -> CheckReport:
    settings = check_settings(project.config)
    project.load_catalogs(langs, slugs)
    runner = _Runner(checks, settings, project.glossary, release)
    statements = project.select(slugs)
    languages = project.languages(langs)
    mine, theirs = _halves(project, statements, languages)
    if not theirs:
        report = _check_statements(runner, project, statements, languages, 2)
    else:
        with forking.beside(lambda: _check_statements(runner, project, theirs, languages, 1), CheckReport) as helper:
            report = _check_statements(runner, project, mine if helper else statements, languages, 1 if helper else 2)
            other = helper() if helper else CheckReport()
        if other is None:  # the helper process failed: check its half here
            other = _check_statements(runner, project, theirs, languages, 2)
        report.issues += other.issues
        report.checked += other.checked
        # the order one process reads them in: language by language, statements in project order
        rank = {project.catalog(lang, st.slug).shown: i for i, (lang, st) in enumerate(product(languages, statements))}
        report.catalogs = sorted([*report.catalogs, *other.catalogs], key=rank.__getitem__)
    report.issues.sort(key=lambda i: (i.location.path, i.location.line or 0, i.code, i.message))
    return report


def _check_statements(
    runner: _Runner, project: Project, statements: list[Statement], languages: list[str], msgfmts: int
) -> CheckReport:
    report = CheckReport()
    # GNU msgfmt runs as a child process per catalog, ``msgfmts`` at a time in the background, so that
    # another core checks them while this thread runs the Python checks.
    with ThreadPoolExecutor(max_workers=msgfmts) as msgfmt_pool:
        verdicts: dict[tuple[str, str], Future[list[gnu.Problem]]] = {}
        for lang in languages:
            if any(c.code == "msgfmt" for c, _ in runner.for_language(lang)[1]):
                for statement in statements:
                    file = project.catalog(lang, statement.slug)
                    if file.parsed is not None and file.error is None:
                        verdicts[(lang, statement.slug)] = msgfmt_pool.submit(gnu.msgfmt_problems, file.data or b"")
        for lang in languages:
            for statement in statements:
                verdict = verdicts.get((lang, statement.slug))
                runner.catalog(report, project, statement, lang, verdict.result if verdict is not None else None)
    return report


_FORK_ABOVE = 3000
"""Work (see :func:`_halves`) above which a second process takes half (below, forking costs more than it saves)."""


def _halves(project: Project, statements: list[Statement], languages: list[str]) -> tuple[list[Statement], list[Statement]]:
    """The statements split in two of about the same work (whole statements: each side parses its sources once).

    The work is the translated entries that are not names (a signatory list's names skip nearly
    every content check: measured, a name costs a fifth of a sentence).
    """
    sizes = {st.slug: _work(project, st, languages) for st in statements}
    if sum(sizes.values()) < _FORK_ABOVE or len(statements) < 2:
        return statements, []
    sides: tuple[list[Statement], list[Statement]] = ([], [])
    totals = [0, 0]
    for st in sorted(statements, key=lambda st: -sizes[st.slug]):
        side = 0 if totals[0] <= totals[1] else 1
        sides[side].append(st)
        totals[side] += sizes[st.slug]
    order = {st.slug: i for i, st in enumerate(statements)}
    mine, theirs = (sorted(side, key=lambda st: order[st.slug]) for side in sides)
    return mine, theirs


def _work(project: Project, statement: Statement, languages: list[str]) -> int:
    names = {s.msgid for s in statement.segments if s.role == "name"}
    work = 0
    for lang in languages:
        po = project.catalog(lang, statement.slug).parsed
        work += sum(1 if e.msgid in names else 5 for e in po or () if e.msgstr and not e.obsolete)
    return work


class _Runner:
    def __init__(self, checks: Mapping[str, Check], settings: CheckSettings, glossary: Glossary, release: bool) -> None:
        self.checks = checks
        self.settings = settings
        self.glossary = glossary
        self.release = release
        self.names = set(checks) | {c.family for c in checks.values()}
        self._by_language: dict[str, tuple[list[tuple[Check, EntryCheck]], list[tuple[Check, CatalogCheck]]]] = {}

    def for_language(self, lang: str) -> tuple[list[tuple[Check, EntryCheck]], list[tuple[Check, CatalogCheck]]]:
        """The enabled entry and catalog checks for ``lang``, in registry order: decided once per language, not per entry."""
        if lang not in self._by_language:
            enabled = [c for c in self.checks.values() if self.enabled(c, lang)]
            self._by_language[lang] = (
                [(c, c.on_entry) for c in enabled if c.on_entry is not None],
                [(c, c.on_catalog) for c in enabled if c.on_catalog is not None],
            )
        return self._by_language[lang]

    def enabled(self, check: Check, lang: str) -> bool:
        if not check.applies_to(lang):
            return False
        if self.release and check.release_severity:
            return True  # a release never ships untranslated or unreviewed text, whatever the config says
        return check.code not in self.settings.disabled and check.family not in self.settings.disabled

    def severity(self, check: Check) -> str:
        if self.release and check.release_severity:
            return check.release_severity
        return self.settings.severity.get(check.code, check.severity)

    def emit(
        self, report: CheckReport, code: str, location: Location, message: str, lang: str, slug: str, msgid: str = ""
    ) -> None:
        check = self.checks[code]
        report.issues.append(Issue(code, self.severity(check), location, message, lang, slug, msgid))

    def suppressed(self, check: Check, silenced: frozenset[str]) -> bool:
        if self.release and check.release_severity:
            return False
        return check.code in silenced or check.family in silenced

    # --- one catalog ----------------------------------------------------

    def catalog(
        self,
        report: CheckReport,
        project: Project,
        statement: Statement,
        lang: str,
        msgfmt_verdict: Callable[[], list[gnu.Problem]] | None = None,
    ) -> None:
        slug = statement.slug
        file = project.catalog(lang, slug)
        shown = file.shown
        if not file.exists:
            self.emit(report, "untranslated", Location(shown), "no catalog yet: run `stk extract`", lang, slug)
            return
        report.catalogs.append(shown)
        if file.error is not None or file.parsed is None:
            error = file.error or CatalogError("unreadable", Location(shown))
            code = "header-charset" if isinstance(error, CharsetError) else "po-syntax"
            self.emit(report, code, error.location or Location(shown), error.message, lang, slug)
            return
        data, text, po = file.data or b"", file.text, file.parsed
        drafts = dict(file.read_drafts())
        segments: dict[str, Segment] = {}
        for segment in statement.segments:
            segments.setdefault(segment.msgid, segment)
        catalog = Catalog(lang, slug, shown, text, po, tuple(segments), drafts, data, msgfmt_verdict)
        silenced = {msgid: self.noqa(report, catalog, entry) for msgid, entry in catalog.live.items()}

        entry_checks, catalog_checks = self.for_language(lang)
        # Entries first: meanwhile GNU msgfmt checks this catalog in the background, and its verdict
        # (a catalog check) is ready when asked for. The report is sorted at the end.
        for msgid, segment in segments.items():
            entry = catalog.live.get(msgid)
            if entry is None or entry.fuzzy or not entry.msgstr.strip() or is_pseudo(drafts.get(msgid), entry.msgstr):
                continue  # not a translation yet: the state checks below say so
            report.checked += 1
            view = Entry(lang, slug, msgid, entry.msgstr, segment.links, segment.role, self.glossary, self.settings)
            for check, on_entry in entry_checks:
                if (view.is_name and not check.names) or self.suppressed(check, silenced[msgid]):
                    continue
                for message in on_entry(view):
                    self.emit(report, check.code, Location(shown, catalog.line(entry)), message, lang, slug, msgid)

        for check, on_catalog in catalog_checks:
            for finding in on_catalog(catalog):
                if not self.suppressed(check, silenced.get(finding.msgid, frozenset())):
                    location = Location(shown, finding.line)
                    self.emit(report, check.code, location, finding.message, lang, slug, finding.msgid)

    def noqa(self, report: CheckReport, catalog: Catalog, entry: polib.POEntry) -> frozenset[str]:
        """Check codes and families a translator comment ``# noqa: code <reason>`` silences."""
        silenced: set[str] = set()
        for line in (entry.tcomment or "").split("\n"):
            match = _NOQA.match(line)
            if match is None:
                continue
            names = _leading_names(match.group(2), self.names)
            if not match.group(1) or not names:
                message = f"“{line.strip()}” silences nothing: write # noqa: <check or family> <reason> (see `stk check --list`)"
                location = Location(catalog.path, catalog.line(entry))
                self.emit(report, "noqa", location, message, catalog.lang, catalog.slug, entry.msgid)
            silenced.update(names)
        return frozenset(silenced)


def _leading_names(text: str, known: Iterable[str]) -> list[str]:
    """The known check names at the start of ``text`` (``glossary, numbers the reason``)."""
    names: list[str] = []
    known_set = set(known)
    for word in re.split(r"[\s,]+", text.strip()):
        if word not in known_set:
            break
        names.append(word)
    return names


__all__ = ["run_checks"]
