"""`stk translate --engine libretranslate` against real LibreTranslate servers started by the tests, offline.

The servers run the same tiny copy models as the argos engine's tests
(tests/argos_fixture.py), so a project drafted through a server must come out
exactly as the argos engine drafts it, provenance comments aside.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from argos_fixture import argos_env, argos_home, tiny_packages  # noqa: F401 - fixtures
from helpers import make_project, run_stk, snapshot, statement
from libretranslate_fixture import Server, StartServer, lt_home, lt_second, lt_server, lt_start, ltmanage  # noqa: F401

from toolkit import api
from toolkit.catalogs.draft_record import load_record, record_path
from toolkit.drafting.engines import EngineOptions
from toolkit.drafting.engines.libretranslate import LibreTranslateEngine, LibreTranslateOptions

REPO = Path(__file__).resolve().parent.parent
LT_VERSION = next(
    line.split("==")[1].strip()
    for line in (REPO / "tests/libretranslate-requirements.txt").read_text().splitlines()
    if line.startswith("libretranslate==")
)
PROVENANCE = "# machine translation:"
Msgfmt = Callable[[Path], subprocess.CompletedProcess[str]]

pytestmark = pytest.mark.slow  # starts LibreTranslate servers and runs `stk` in child processes


def translate(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_stk("translate", "--project", str(root), *args, env=env)


def catalogs(root: Path, langs: tuple[str, ...] = ("fr", "ar")) -> dict[str, str]:
    paths = [p for lang in langs for p in sorted((root / "locales" / lang).glob("*.po"))]
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in paths}


def without_provenance(text: str, dates: bool = True) -> str:
    """``text`` without the provenance comments (and, unless ``dates``, the header's creation dates)."""
    skipped = (PROVENANCE,) if dates else (PROVENANCE, '"POT-Creation-Date: ', '"PO-Revision-Date: ')
    return "\n".join(line for line in text.split("\n") if not line.startswith(skipped))


def provenance(text: str) -> set[str]:
    return {line for line in text.split("\n") if line.startswith(PROVENANCE)}


def same_drafts(one: Path, other: Path, langs: tuple[str, ...] = ("fr", "ar"), dates: bool = True) -> None:
    """Every PO file of ``one`` is ``other``'s byte for byte, translator comments saying who translated aside
    (and, unless ``dates``, the header dates of catalogs extracted at another minute)."""
    mine, theirs = catalogs(one, langs), catalogs(other, langs)
    assert mine.keys() == theirs.keys() and mine
    for name, text in mine.items():
        assert without_provenance(text, dates) == without_provenance(theirs[name], dates), name


def only_loopback(log: Path) -> None:
    """The audit hook saw network use only towards 127.0.0.1 (or none)."""
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    assert all("127.0.0.1" in line for line in lines), lines


def one_line(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def live(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and e.msgid]


def entry(path: Path, start: str) -> polib.POEntry:
    return next(e for e in live(polib.pofile(str(path))) if e.msgid.startswith(start))


@pytest.fixture(scope="session")
def lt_drafted(tmp_path_factory: pytest.TempPathFactory, lt_server: Server) -> Path:  # noqa: F811
    """The example project drafted in French by the session's server, once: what other runs must equal."""
    root = tmp_path_factory.mktemp("lt-drafted") / "example"
    root.mkdir()
    shutil.copytree(REPO / "sources", root / "sources")
    for name in ("toolkit.toml", "glossary.csv"):
        shutil.copy(REPO / name, root / name)
    api.extract(api.open_project(root))
    run = translate(root, "--lang", "fr", "--url", lt_server.url)
    assert run.returncode == 0, run.stderr
    return root


def test_a_fresh_project_drafted_through_the_server_is_the_argos_engines_byte_for_byte(
    example: Path,
    tmp_path: Path,
    lt_server: Server,  # noqa: F811
    argos_home: Path,  # noqa: F811
    msgfmt: Msgfmt,
) -> None:
    api.extract(api.open_project(example))
    reference = tmp_path / "reference"
    shutil.copytree(example, reference)
    client_log = tmp_path / "client-net.log"
    run = translate(example, "--url", lt_server.url, "--lang", "fr,ar", env=argos_env(tmp_path / "client", client_log))
    assert run.returncode == 0, run.stderr
    assert f"fr: libretranslate {lt_server.shown} {LT_VERSION}" in run.stdout
    assert translate(reference, "--engine", "argos", "--lang", "fr,ar", env=argos_env(argos_home)).returncode == 0

    same_drafts(example, reference)
    for name, text in catalogs(example).items():
        assert msgfmt(example / name).returncode == 0, name
        assert provenance(text) == {f"{PROVENANCE} libretranslate {lt_server.shown} {LT_VERSION}"}, name
        assert not re.search(r"\bZ\d", text)  # every placeholder restored
        lang, slug = name.split("/")[1], Path(name).stem
        drafts = load_record(record_path(example / "locales", lang, slug), name)
        theirs = load_record(record_path(reference / "locales", lang, slug), name)
        assert {k: (d.text, d.notes) for k, d in drafts.items()} == {k: (d.text, d.notes) for k, d in theirs.items()}
        assert {(d.origin, d.engine, d.model) for d in drafts.values()} == {
            ("mt", "libretranslate", f"libretranslate {LT_VERSION} at {lt_server.shown}")
        }
    assert not list((example / "locales/es").glob("*.mt.json"))  # not asked for

    fr = example / "locales/fr/icc-judges-sanctions-2025.po"
    first = entry(fr, "On 5 June 2025, the United States (U.S.) government sanctioned")
    assert first.msgstr.startswith("On 5 juin 2025, the ")  # dates localised, glossary terms injected
    assert "Cour pénale internationale (CPI), pursuant to décret présidentiel (E.O.) 14203." in first.msgstr
    assert "glossary: International Criminal Court = Cour pénale internationale" in first.comment
    ar = entry(example / "locales/ar/icc-judges-sanctions-2025.po", "On 5 June 2025")
    assert ar.msgstr.startswith("On 5 يونيو 2025,")
    asp = entry(example / "locales/fr/asp23-cooperation-plenary-2024.po", "Fifth, States Parties")
    assert asp.msgstr == (
        "Fifth, États Parties that have yet to do so, should immediately ratify the Court's "
        "**Accord sur les privilèges et immunités** (APIC)."
    )
    only_loopback(client_log)
    assert lt_server.network_uses() == []  # the server downloaded nothing: splitter and models were local

    files = snapshot(example)
    again = translate(example, "--url", lt_server.url, "--lang", "fr,ar")
    assert again.returncode == 0 and "filled 0 entries" in again.stderr
    assert snapshot(example) == files


POST_PROCESSING = """\
STOP THE SANCTIONS AGAINST THE ICC BEFORE 5 JUNE 2025!

the file_name setting and `ARGOS_PACKAGES_DIR` stay as the States Parties wrote them

Write to smallet@asf.be  or see https://example.org/a_b?x=1 … twice  spaced

We call on **all States Parties** to ratify the [Rome Statute][1] by 14 January 2025.

[1]: https://example.org/rome_statute
"""


def test_libretranslate_post_processing_never_breaks_placeholders(
    tmp_path: Path,
    lt_server: Server,  # noqa: F811
    argos_home: Path,  # noqa: F811
    msgfmt: Msgfmt,
) -> None:
    """LibreTranslate upper-cases a shouted text, copies the source's first-letter case and final
    punctuation, turns `_` into a space and unescapes entities: the placeholders still come back."""
    config = '[project]\nname = "T"\ntarget_languages = ["fr", "ar"]\n'
    root = make_project(tmp_path / "lt", {"s": statement(POST_PROCESSING, title="THE ICC AND THE ROME STATUTE")}, config)
    shutil.copy(REPO / "glossary.csv", root / "glossary.csv")
    api.extract(api.open_project(root))
    reference = tmp_path / "argos"
    shutil.copytree(root, reference)
    assert translate(root, "--url", lt_server.url).returncode == 0
    assert translate(reference, "--engine", "argos", env=argos_env(argos_home)).returncode == 0

    for lang in ("fr", "ar"):
        path = root / "locales" / lang / "s.po"
        assert msgfmt(path).returncode == 0
        ours = {e.msgid: e for e in live(polib.pofile(str(path)))}
        theirs = {e.msgid: e for e in live(polib.pofile(str(reference / "locales" / lang / "s.po")))}
        record = load_record(record_path(root / "locales", lang, "s"), "s")
        for msgid, e in ours.items():
            assert e.msgstr and not re.search(r"\b[Zz] ?\d", e.msgstr), e.msgstr
            assert not [n for n in record[msgid].notes if not n.startswith("glossary:")], record[msgid].notes
            # The one difference: LibreTranslate's "_" -> " " in words it translates (not in code or URLs).
            assert e.msgstr == theirs[msgid].msgstr.replace("file_name", "file name"), msgid
    fr = root / "locales/fr/s.po"
    # Shouted: LibreTranslate upper-cases the whole translation; the placeholders (Z1...) do not mind.
    assert entry(fr, "STOP THE").msgstr == "STOP THE sanctions AGAINST THE CPI BEFORE 5 JUNE 2025!"
    assert entry(fr, "the file_name").msgstr == (
        "the file name setting and `ARGOS_PACKAGES_DIR` stay as the États Parties wrote them"
    )
    assert entry(fr, "Write to").msgstr == "Write to smallet@asf.be or see https://example.org/a_b?x=1 ... twice spaced"
    assert entry(fr, "We call on").msgstr == (
        "We call on **all États Parties** to ratify the [Statut de Rome][1] by 14 janvier 2025."
    )


def test_a_pair_the_server_lacks_is_one_line_before_anything_is_written(example: Path, lt_server: Server) -> None:  # noqa: F811
    api.extract(api.open_project(example))
    # A reviewed catalog gives translation memory something to save in the others: it must not be saved either.
    shutil.copy(REPO / "locales/es/us-sanctions-icc-2025.po", example / "locales/es/us-sanctions-icc-2025.po")
    before = snapshot(example)
    line = one_line(translate(example, "--url", lt_server.url))
    assert line == (f"stk: Engine error: LibreTranslate at {lt_server.shown} cannot translate en→es (it offers: en→ar, en→fr)")
    assert snapshot(example) == before
    listing = run_stk("models", "list", "--engine", "libretranslate", "--url", lt_server.url)
    assert listing.returncode == 0, listing.stderr
    assert [line.split() for line in listing.stdout.splitlines()[2:]] == [
        [lt_server.shown, "en→ar", LT_VERSION],
        [lt_server.shown, "en→fr", LT_VERSION],
    ]
    assert f"{lt_server.shown}: 2 pairs, no character limit" in listing.stderr
    data = json.loads(run_stk("models", "list", "--engine", "libretranslate", "--url", lt_server.url, "--json").stdout)
    assert data == {
        "servers": [
            {
                "server": lt_server.shown,
                "version": LT_VERSION,
                "char_limit": None,
                "pairs": [{"source": "en", "target": "ar"}, {"source": "en", "target": "fr"}],
            }
        ]
    }


def test_a_bad_api_key_is_one_line_and_no_key_is_ever_written_or_shown(
    example: Path,
    tmp_path: Path,
    lt_start: StartServer,  # noqa: F811
) -> None:
    database = str(tmp_path / "keys" / "api_keys.db")
    server = lt_start("--api-keys", "--api-keys-db-path", database)
    good = "k-good-7f3a9c"
    assert ltmanage(server, "keys", "--api-keys-db-path", database, "add", "1000", "--key", good) == good
    api.extract(api.open_project(example))
    config = example / "toolkit.toml"
    config.write_text(
        config.read_text() + f'\n[translate]\nengine = "libretranslate"\n\n[translate.libretranslate]\nurl = "{server.url}"\n'
        'api_key_env = "STK_TEST_LT_KEY"\n'
    )
    before = snapshot(example)
    bad = "k-bad-1d2e3f"
    line = one_line(translate(example, "--lang", "fr", env={"STK_TEST_LT_KEY": bad}))
    assert line == (
        f"stk: Engine error: LibreTranslate at {server.shown} refused the API key (Invalid API key): "
        "check api_key or api_key_env in [translate.libretranslate]"
    )
    assert bad not in line and snapshot(example) == before
    unset = one_line(translate(example, "--lang", "fr", env={"STK_TEST_LT_KEY": ""}))
    assert unset.endswith("the environment variable STK_TEST_LT_KEY (translate.libretranslate.api_key_env) is not set or empty")

    run = translate(example, "--lang", "fr", "--json", env={"STK_TEST_LT_KEY": good})
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["engine"] == "libretranslate"
    assert good not in run.stdout + run.stderr
    written = {name: data for name, data in snapshot(example).items() if data != before.get(name)}
    assert written and all(good.encode() not in data for data in written.values())
    assert all(good.encode() not in data for data in snapshot(example).values())

    # The key straight in toolkit.toml works too; it is then in that file, and only there.
    config.write_text(config.read_text().replace('api_key_env = "STK_TEST_LT_KEY"', f'api_key = "{good}"'))
    shutil.rmtree(example / "locales/ar")
    api.extract(api.open_project(example))
    run = translate(example, "--lang", "ar")
    assert run.returncode == 0, run.stderr
    assert good not in run.stdout + run.stderr
    assert [name for name, data in snapshot(example).items() if good.encode() in data] == ["toolkit.toml"]


RATE_LIMITED = """\
We oppose the sanctions.

The Court must be protected.

Justice needs support.

States must cooperate.
"""


def test_a_rate_limited_server_429_is_waited_out_and_the_run_finishes(
    tmp_path: Path,
    lt_start: StartServer,  # noqa: F811
    lt_server: Server,  # noqa: F811
) -> None:
    """--req-limit 3 per minute, and LibreTranslate counts each text of a list: after the key probe (1)
    and the first request (2 texts), the second request is answered 429 until the window moves, a minute."""
    server = lt_start("--req-limit", "3")
    config = '[project]\nname = "T"\ntarget_languages = ["fr"]\n[translate]\nbatch_size = 2\n'
    config += "[translate.libretranslate]\nconcurrency = 1\n"
    root = make_project(tmp_path / "limited", {"s": statement(RATE_LIMITED, title="Stand with the Court")}, config)
    api.extract(api.open_project(root))
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    run = translate(root, "--url", server.url)
    assert run.returncode == 0, run.stderr
    assert "ratelimit 3 per 1 minute (127.0.0.1) exceeded" in server.log_text()  # it did answer 429
    assert translate(reference, "--url", lt_server.url).returncode == 0
    same_drafts(root, reference, ("fr",))
    assert all(e.msgstr for e in live(polib.pofile(str(root / "locales/fr/s.po"))))


def test_a_server_killed_mid_run_stops_it_with_one_line_and_the_next_run_resumes(
    example: Path,
    lt_start: StartServer,  # noqa: F811
    lt_drafted: Path,
    msgfmt: Msgfmt,
) -> None:
    config = example / "toolkit.toml"
    config.write_text(config.read_text() + "\n[translate]\nbatch_size = 1\n")
    api.extract(api.open_project(example))
    server = lt_start()
    command = [sys.executable, "-m", "toolkit", "translate", "--project", str(example), "--lang", "fr", "--url", server.url]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list((example / "locales/fr").glob("*.mt.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    server.stop(signal.SIGKILL)  # a crash of the server: connections refused from now on
    _, stderr = child.communicate(timeout=300)
    assert child.returncode == 2, stderr
    (line,) = stderr.strip().splitlines()
    assert line.startswith(f"stk: Engine error: cannot reach LibreTranslate at {server.shown} (")
    assert line.endswith("attempts); the drafts made so far are saved: run the command again to resume")

    half = catalogs(example, ("fr",))
    filled = sum(1 for text in half.values() for e in live(polib.pofile(text)) if e.msgstr)
    empty = sum(1 for text in half.values() for e in live(polib.pofile(text)) if not e.msgstr)
    assert filled and empty, "the run was not interrupted midway"
    for name in half:
        assert msgfmt(example / name).returncode == 0, name

    restarted = lt_start(port=server.port, name="restarted")
    assert translate(example, "--lang", "fr", "--url", restarted.url).returncode == 0
    same_drafts(example, lt_drafted, ("fr",), dates=False)
    assert {p for text in catalogs(example, ("fr",)).values() for p in provenance(text)} == {
        f"{PROVENANCE} libretranslate {server.shown} {LT_VERSION}"
    }


def test_two_servers_in_a_pool_share_the_work_and_one_may_die(
    example: Path,
    tmp_path: Path,
    lt_server: Server,  # noqa: F811
    lt_second: Server,  # noqa: F811
    lt_start: StartServer,  # noqa: F811
    lt_drafted: Path,
) -> None:
    api.extract(api.open_project(example))
    dying = tmp_path / "dying"
    shutil.copytree(example, dying)
    before = (lt_server.translations(), lt_second.translations())
    run = translate(example, "--lang", "fr", "--url", lt_server.url, "--url", lt_second.url)
    assert run.returncode == 0, run.stderr
    shares = (lt_server.translations() - before[0], lt_second.translations() - before[1])
    assert min(shares) > 20, shares  # both servers translated a good part (about 200 sentences in all)
    same_drafts(example, lt_drafted, ("fr",), dates=False)
    pool = f"{PROVENANCE} libretranslate {lt_server.shown},{lt_second.shown} {LT_VERSION}"
    assert {p for text in catalogs(example, ("fr",)).values() for p in provenance(text)} == {pool}

    # One server of a pool dies mid-run: the other finishes the work, and the run says so.
    config = dying / "toolkit.toml"
    config.write_text(config.read_text() + "\n[translate]\nbatch_size = 1\n")
    mortal = lt_start(name="mortal")
    command = [sys.executable, "-m", "toolkit", "translate", "--project", str(dying), "--lang", "fr"]
    command += ["--url", mortal.url, "--url", lt_second.url]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ})
    deadline = time.monotonic() + 120
    while not list((dying / "locales/fr").glob("*.mt.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    mortal.stop(signal.SIGKILL)
    _, stderr = child.communicate(timeout=300)
    assert child.returncode == 0, stderr
    assert f"giving up on {mortal.shown} for this run" in stderr
    same_drafts(dying, lt_drafted, ("fr",), dates=False)


def test_text_and_batch_limits_of_the_server(example: Path, tmp_path: Path, lt_start: StartServer) -> None:  # noqa: F811
    server = lt_start("--char-limit", "360", "--batch-limit", "2")
    api.extract(api.open_project(example))
    before = snapshot(example)
    line = one_line(translate(example, "--lang", "fr", "--url", server.url))
    assert re.fullmatch(
        r"locales/fr/asp23-cooperation-plenary-2024\.po:\d+: Engine error: a sentence of 379 characters is over the "
        r"LibreTranslate server's limit of 360 \(--char-limit\): split it in the source, or ask for a higher limit",
        line,
    ), line
    assert snapshot(example) == before

    # Under the character limit, more texts per request than --batch-limit allows: learnt from the refusal.
    config = '[project]\nname = "T"\ntarget_languages = ["fr"]\n[translate.libretranslate]\nbatch = 8\nconcurrency = 1\n'
    root = make_project(tmp_path / "short", {"s": statement(RATE_LIMITED, title="Stand with the Court")}, config)
    api.extract(api.open_project(root))
    run = translate(root, "--url", server.url)
    assert run.returncode == 0, run.stderr
    assert all(e.msgstr and e.fuzzy for e in live(polib.pofile(str(root / "locales/fr/s.po"))))
    engine = LibreTranslateEngine(EngineOptions(libretranslate=LibreTranslateOptions((server.url,), batch=8)))
    texts = [f"Sentence number {n} is short." for n in range(12)]
    assert engine.translate_batch(texts, "en", "fr") == texts  # the copy model
    assert engine.request_size == 2
