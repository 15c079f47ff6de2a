"""The release view of a project: per statement and language, what is translated, reviewed and ready."""

from __future__ import annotations

from dataclasses import dataclass

from .. import catalogs
from ..catalogs import Counts, draft_record
from ..workspace import Project
from . import CHECKS, check_project


@dataclass(frozen=True)
class StatusRow:
    slug: str
    lang: str
    counts: Counts
    catalog: str
    """Path of the PO file ('' when it does not exist yet)."""
    mt_unreviewed: int = 0
    """Entries still holding exactly their machine, pseudo or fuzzy-memory draft (fuzzy or not)."""
    words_mt_unreviewed: int = 0
    qa_errors: int = 0
    """Errors of the content checks (``stk check``), fuzzy and untranslated entries aside."""
    qa_warnings: int = 0
    ready: bool = False
    """Every segment translated and reviewed, and no QA error: ``stk release`` will ship it."""


@dataclass
class StatusResult:
    rows: list[StatusRow]

    def total(self, lang: str | None = None) -> Counts:
        total = Counts()
        for row in self.rows:
            if lang is None or row.lang == lang:
                total = total + row.counts
        return total

    def summary(self, lang: str | None = None) -> StatusRow:
        """The rows of ``lang`` (all when None) added up; ready when every one of them is."""
        rows = [r for r in self.rows if lang is None or r.lang == lang]
        return StatusRow(
            "TOTAL",
            lang or "all",
            self.total(lang),
            "",
            sum(r.mt_unreviewed for r in rows),
            sum(r.words_mt_unreviewed for r in rows),
            sum(r.qa_errors for r in rows),
            sum(r.qa_warnings for r in rows),
            bool(rows) and all(r.ready for r in rows),
        )


def status(project: Project, langs: list[str] | None = None, slugs: list[str] | None = None) -> StatusResult:
    """Per statement and language: segments and words translated, fuzzy, untranslated, unreviewed drafts, QA.

    Counted against the current sources, so a catalog that has not been
    updated since a source changed shows the new segments as untranslated.
    A pseudo-translation never counts as translated, even with its fuzzy flag
    removed. "Ready" is what the release gate decides: the checks run with
    ``release=True`` find no error.
    """
    rows: list[StatusRow] = []
    statements = project.select(slugs)
    project.load_catalogs(langs, slugs)
    catalogs_ = {(lang, st.slug): project.catalog(lang, st.slug).read() for st in statements for lang in project.languages(langs)}
    qa = check_project(project, langs, slugs, release=True)
    for st in statements:
        ids = st.msgids
        for lang in project.languages(langs):
            po = catalogs_[(lang, st.slug)]
            drafts = project.catalog(lang, st.slug).read_drafts()
            entries = {e.msgid: e for e in po if not e.obsolete} if po is not None else {}
            states = [draft_record.as_counted(entries.get(m), m, drafts) for m in ids]
            unreviewed = [m for m in ids if m in entries and draft_record.is_unreviewed(drafts.get(m), entries[m].msgstr)]
            errors = qa.errors(lang, st.slug)
            rows.append(
                StatusRow(
                    st.slug,
                    lang,
                    catalogs.count(states),
                    project.shown(project.catalog_path(lang, st.slug)) if po is not None else "",
                    mt_unreviewed=len(unreviewed),
                    words_mt_unreviewed=sum(catalogs.word_count(m) for m in unreviewed),
                    qa_errors=sum(1 for i in errors if not CHECKS[i.code].release_severity),
                    qa_warnings=len(qa.warnings(lang, st.slug)),
                    ready=po is not None and not errors,
                )
            )
    return StatusResult(rows)
