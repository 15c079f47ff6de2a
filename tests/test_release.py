"""stk release: gating with counts, exit codes, --allow-draft, thresholds, QA, manifest and zip."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import make_project, run_stk, snapshot, statement, stk
from release_helpers import fill_catalogs, set_msgstr

from toolkit import api
from toolkit.cli import main
from toolkit.errors import BuildError, ConfigError

BODY = "First sentence. Second sentence.\n\n- A demand.\n"
FORMATS = ("docx", "html")
"""The gate, manifest and zip are these tests' business; PDF editions are tests/test_pdf.py's (LibreOffice is slow)."""


def release(project: api.Project, *args: object, **kwargs: object) -> api.ReleaseResult:
    return api.release(project, *args, formats=FORMATS, **kwargs)  # type: ignore[arg-type]


CONFIG = '[project]\nname = "T"\norganisation = "The Coalition"\ntarget_languages = ["fr", "es", "ar"]\n'


def project(tmp_path: Path, unreviewed_fr: int = 0, extra: str = "") -> Path:
    """fr has ``unreviewed_fr`` unreviewed segments in statement ``s`` (fuzzy, then untranslated)."""
    root = make_project(tmp_path / "p", {"s": statement(BODY), "t": statement("Other.", date="2025-03-01")}, CONFIG + extra)
    unreviewed = ["First sentence.", "Second sentence.", "A demand."][:unreviewed_fr]

    def state(lang: str, entry: object) -> str:
        msgid = getattr(entry, "msgid", "")
        if lang != "fr" or msgid not in unreviewed:
            return "translated"
        return "fuzzy" if msgid == unreviewed[0] else "untranslated"

    fill_catalogs(root, state=state)
    return root


def test_a_reviewed_release_has_files_manifest_and_zip(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = release(api.open_project(root), "spring")
    assert result.ok and result.folder == "output/releases/spring"
    folder = root / "output/releases/spring"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in manifest["files"]}
    assert set(files) == {"index.html"} | {
        f"{lang}/{slug}.{ext}" for lang in ("en", "fr", "es", "ar") for slug in "st" for ext in ("docx", "html")
    }
    for rel, info in files.items():
        data = (folder / rel).read_bytes()
        assert info["sha256"] == hashlib.sha256(data).hexdigest() and info["bytes"] == len(data)
    fr = manifest["statements"][0]["languages"]["fr"]
    assert (
        fr["state"] == "reviewed"
        and fr["released"]
        and fr["counts"]["segments"] == 5
        and fr["counts"]["percent_translated"] == 100.0
    )
    with zipfile.ZipFile(folder / "spring.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names) and "spring/manifest.json" in names and len(names) == len(files) + 1
        assert archive.read("spring/fr/s.html") == (folder / "fr/s.html").read_bytes()


def test_release_is_byte_identical_whenever_it_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    release(api.open_project(root), "r")
    first = snapshot(root / "output/releases")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 400 * 86400)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for path in (root / "output/releases").rglob("*.*"):
        path.unlink()
    release(api.open_project(root), "r")
    assert snapshot(root / "output/releases") == first


def test_two_machines_make_the_same_release_bytes(tmp_path: Path) -> None:
    """Determinism where it matters: two fresh interpreters (other hash seeds, so any set iterated shows), in other
    time zones and locales, on copies of the project in other folders, write the same release, byte for byte."""
    first = project(tmp_path)
    second = tmp_path / "elsewhere" / "copy"
    shutil.copytree(first, second)
    machines = [
        (first, {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}),
        (second, {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "ar_EG.UTF-8"}),
    ]
    children = [  # both at once
        subprocess.Popen(
            [sys.executable, "-m", "toolkit", "release", "--project", str(root), "--name", "r", "--format", "docx,html"],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for root, env in machines
    ]
    outputs = [child.communicate(timeout=300) for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    assert outputs[0] == outputs[1]  # what they said, too
    made = [snapshot(root / "output/releases") for root, _ in machines]
    assert len(made[0]) == 1 + 2 * 2 * 4 + 2 and made[0] == made[1]  # index, 2 statements x 2 formats x 4 languages...


def test_unreviewed_language_is_refused_with_counts_and_exit_1(tmp_path: Path) -> None:
    """A real process: what a release script sees (exit 1, the released editions on stdout, refusals on stderr)."""
    root = project(tmp_path, unreviewed_fr=2)
    run = run_stk("release", "--project", str(root), "--name", "r", "--format", "docx,html")
    assert run.returncode == 1
    assert run.stdout.endswith("released 7 editions to output/releases/r/ (output/releases/r/r.zip)\n")
    assert "fr/s" not in run.stdout and run.stderr.count("\n") == 2
    assert "locales/fr/s.po: Release refused: fr/s: 2 of 5 segments unreviewed (1 fuzzy, 1 untranslated)" in run.stderr
    assert "--allow-draft" in run.stderr
    folder = root / "output/releases/r"
    assert not (folder / "fr/s.html").exists() and (folder / "fr/t.html").exists() and (folder / "es/s.html").exists()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    fr = manifest["statements"][0]["languages"]["fr"]
    assert fr["released"] is False and fr["files"] == [] and fr["refused"].startswith("2 of 5 segments unreviewed")
    assert manifest["refused"] == [f"fr/s: {fr['refused']}"]
    # pages of the other languages no longer offer the refused one
    english = (folder / "en/s.html").read_text(encoding="utf-8")
    assert 'hreflang="fr"' not in english and 'hreflang="es"' in english
    assert 'hreflang="fr"' in (folder / "en/t.html").read_text(encoding="utf-8")


def test_allow_draft_releases_it_with_the_draft_mark(tmp_path: Path) -> None:
    root = project(tmp_path, unreviewed_fr=1)
    assert main(["release", "--project", str(root), "--name", "r", "--allow-draft", "--format", "docx,html"]) == 0
    folder = root / "output/releases/r"
    assert '<p class="draft-banner" role="note"><strong>PROJET</strong>' in (folder / "fr/s.html").read_text(encoding="utf-8")
    assert docx.Document(str(folder / "fr/s.docx")).sections[0].header.paragraphs[0].text.startswith("PROJET")
    assert 'draft-banner"' not in (folder / "es/s.html").read_text(encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["allow_draft"] and manifest["statements"][0]["languages"]["fr"]["state"] == "draft"


def test_allow_draft_with_fallback_source_is_still_marked_draft(tmp_path: Path) -> None:
    root = project(tmp_path, unreviewed_fr=1)
    result = release(api.open_project(root), "r", allow_draft=True, fallback="source")
    fr = next(e for e in result.released if (e.slug, e.lang) == ("s", "fr"))
    assert fr.state == "draft"


def test_a_threshold_lets_a_language_through_mixed_or_draft(tmp_path: Path) -> None:
    root = project(tmp_path, unreviewed_fr=1, extra="\n[release]\nthreshold = { fr = 80 }\n")
    result = release(api.open_project(root), "r", fallback="source")
    assert result.ok
    manifest = json.loads((root / "output/releases/r/manifest.json").read_text(encoding="utf-8"))
    fr = manifest["statements"][0]["languages"]["fr"]
    assert fr["state"] == "mixed" and "complete, but the source language is shown for 1" in fr["note"]
    root2 = project(tmp_path / "b", unreviewed_fr=2, extra="\n[release]\nthreshold = { fr = 80 }\n")
    refused = release(api.open_project(root2), "r").refused
    assert [str(r) for r in refused] == [
        "locales/fr/s.po: Release refused: fr/s: 2 of 5 segments unreviewed (1 fuzzy, 1 untranslated); "
        "60% reviewed, the threshold for fr is 80%; --allow-draft releases it marked DRAFT"
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("threshold = 120", "release.threshold must be a percentage from 0 to 100, not 120"),
        ("threshold = { de = 90 }", "release.threshold.de: de is not a target language of this project"),
        ('threshold = "high"', "release.threshold must be a percentage from 0 to 100, not 'high'"),
    ],
)
def test_bad_release_config(tmp_path: Path, table: str, message: str) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One.")}, CONFIG + "\n[release]\n" + table + "\n")
    with pytest.raises(ConfigError) as info:
        api.release(api.open_project(root))
    assert str(info.value) == f"toolkit.toml:7: Config error: {message}"


def test_an_unknown_release_key_is_a_warning_like_any_other(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One.")}, CONFIG + "\n[release]\nthreshhold = 90\n")
    notices = api.open_project(root).config.notices
    assert [str(n) for n in notices] == ["toolkit.toml:7: unknown key release.threshhold ignored (did you mean 'threshold'?)"]


def test_release_names(tmp_path: Path) -> None:
    root = project(tmp_path)
    proj = api.open_project(root)
    assert release(proj, slugs=["s"]).name == "s"
    assert release(proj).name == "release-2025-03-01"
    for bad in ("../x", "a/b", "", ".hidden"):
        with pytest.raises(BuildError):
            release(proj, bad)


def test_stale_files_of_an_earlier_release_are_removed(tmp_path: Path) -> None:
    root = project(tmp_path, unreviewed_fr=1)
    release(api.open_project(root), "r", allow_draft=True)
    assert (root / "output/releases/r/fr/s.html").exists()
    result = release(api.open_project(root), "r")
    assert "output/releases/r/fr/s.html" in result.removed and not (root / "output/releases/r/fr/s.html").exists()


def test_qa_errors_refuse_a_language(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("We act **now**.")}, CONFIG)
    fill_catalogs(root, state=lambda lang, e: "fuzzy" if lang == "fr" and e.msgid == "A title" else "translated")
    line = set_msgstr(root / "locales/ar/s.po", "We act **now**.", "نتحرك الآن.")
    result = release(api.open_project(root), "r", allow_draft=True)
    assert [str(r) for r in result.refused] == [
        f"locales/ar/s.po:{line}: Release refused: ar/s: 1 QA error: [markup-emphasis] "
        "bold: 1 in the source, 0 in the translation"
    ]
    # fuzzy entries are QA errors for a release too, but review state is the gate's business: allowed as a draft
    assert [(e.lang, e.state) for e in result.released] == [("en", "source"), ("fr", "draft"), ("es", "reviewed")]


def test_build_and_release_commands(tmp_path: Path) -> None:
    root = project(tmp_path)
    run = stk("build", "--project", str(root), "--format", "html", "--lang", "en,ar")
    assert run.returncode == 0, run.stderr
    assert "wrote output/ar/s.html" in run.stdout and "wrote output/index.html" in run.stdout
    assert not (root / "output/fr").exists() and not (root / "output/ar/s.docx").exists()
    files = snapshot(root)
    assert stk("build", "--project", str(root), "--format", "rtf").returncode == 2
    assert snapshot(root) == files
    run = stk("release", "--project", str(root), "--json", "--format", "docx,html")
    data = json.loads(run.stdout)
    assert run.returncode == 0 and data["ok"] and data["name"] == "release-2025-03-01" and len(data["released"]) == 8


def test_example_project_releases_with_its_catalogs(example_with_locales: Path) -> None:
    result = release(api.open_project(example_with_locales))
    assert result.ok, [str(r) for r in result.refused]
    assert len(result.released) == 20 and result.name == "release-2025-09-04"


def test_a_pseudo_translation_marked_reviewed_is_still_unreviewed_in_builds_and_manifests(tmp_path: Path) -> None:
    from toolkit.drafting.pretranslate import translate

    root = project(tmp_path)
    path = root / "locales/fr/s.po"
    set_msgstr(path, "First sentence.", "")
    translate(api.open_project(root), ["fr"], ["s"], engine="pseudo")
    text = path.read_text(encoding="utf-8").replace("#, fuzzy\n", "")  # a reviewer un-fuzzies the pseudo draft
    path.write_text(text, encoding="utf-8")
    proj = api.open_project(root)
    assert next(r for r in api.status(proj).rows if r.lang == "fr" and r.slug == "s").counts.untranslated == 1
    assert release(proj, "r").ok is False
    manifest = json.loads((root / "output/releases/r/manifest.json").read_text(encoding="utf-8"))
    fr = manifest["statements"][0]["languages"]["fr"]
    assert fr["state"] == "draft" and fr["counts"]["untranslated"] == 1 and fr["released"] is False
    api.build(api.open_project(root), ["fr"], formats=["html"], fallback="source")
    assert "First sentence." in (root / "output/fr/s.html").read_text(encoding="utf-8")


def test_a_refused_release_keeps_the_previous_one_byte_for_byte(tmp_path: Path) -> None:
    # The report: a full release, then fr fails QA, then `stk release --lang fr` released
    # 0 editions and replaced the 4-language folder with an index and a manifest.
    root = project(tmp_path, unreviewed_fr=1)
    assert main(["release", "--project", str(root), "--allow-draft", "--format", "docx,html"]) == 0
    releases = root / "output/releases"
    before = snapshot(releases)
    assert "release-2025-03-01/release-2025-03-01.zip" in before and "release-2025-03-01/fr/s.docx" in before
    set_msgstr(root / "locales/fr/s.po", "First sentence.", "PREMIÈRE PHRASE 42.")  # [numbers]
    set_msgstr(root / "locales/fr/t.po", "Other.", "AUTRE (1.")  # [numbers], [brackets]
    run = stk("release", "--project", str(root), "--lang", "fr", "--allow-draft", "--format", "docx,html")
    assert run.returncode == 1
    assert "Release refused: no edition passed the gate" in run.stderr and "released 0" not in run.stdout
    assert snapshot(releases) == before
    # Fixed, but with fewer languages than the release it would replace: still kept, unless --force.
    set_msgstr(root / "locales/fr/s.po", "First sentence.", "PREMIÈRE PHRASE.")
    set_msgstr(root / "locales/fr/t.po", "Other.", "AUTRE.")
    run = stk("release", "--project", str(root), "--lang", "fr", "--allow-draft", "--format", "docx,html")
    assert run.returncode == 1 and "holds en, es, ar, which this release would drop" in run.stderr, run.stderr
    assert snapshot(releases) == before
    result = release(api.open_project(root), langs=["fr"], allow_draft=True, force=True)
    assert result.ok and [(e.lang, e.slug) for e in result.released] == [("fr", "s"), ("fr", "t")]
    assert sorted(p.name for p in (releases / "release-2025-03-01").iterdir()) == [
        "fr",
        "index.html",
        "manifest.json",
        "release-2025-03-01.zip",
    ]
    assert [p.name for p in releases.iterdir()] == ["release-2025-03-01"]  # no temporary folder left


def test_one_edition_is_released_with_singular_wording(tmp_path: Path) -> None:
    root = project(tmp_path)
    run = stk("release", "--project", str(root), "--lang", "fr", "--format", "docx,html", "t")
    assert run.returncode == 0, run.stderr
    assert "released 1 edition to output/releases/t/" in run.stdout


def test_a_crash_while_writing_a_release_leaves_the_previous_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    root = project(tmp_path, unreviewed_fr=1)
    release(api.open_project(root), "r", allow_draft=True)
    before = snapshot(root / "output/releases")
    real_fsync = os.fsync
    calls = {"n": 0}

    def full_disk(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        release(api.open_project(root), "r")  # fr/s now refused: a different folder would be written
    assert snapshot(root / "output/releases") == before
