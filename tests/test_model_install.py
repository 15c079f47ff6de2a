"""`stk models install` never destroys a working model (issue 12, finding 5).

A package is unpacked into a staging folder and validated fully -- CTranslate2 loads the model,
SentencePiece loads the tokenizer, one sentence is translated -- before the installed one is
touched; then it is swapped in at once. A folder named like another pair's package never
uninstalls that package; metadata.json's language codes are checked.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from argos_fixture import argos_env, tiny_packages, zip_package  # noqa: F401 - fixtures
from helpers import make_project, run_stk, statement

from toolkit.drafting import packages
from toolkit.errors import ModelPackageError

pytestmark = pytest.mark.slow


def unpacked(archive: Path, into: Path) -> Path:
    """The package folder inside ``archive``, extracted under ``into``."""
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(into)
        top = zf.namelist()[0].split("/")[0]
    return into / top


def repacked(package: Path, archive: Path, rename: str | None = None) -> Path:
    if rename:
        package = package.rename(package.with_name(rename))
    return zip_package(package, archive)


@pytest.fixture
def home(tmp_path: Path, tiny_packages: dict[str, Path]) -> Path:  # noqa: F811
    """An argostranslate home with the working en->fr and en->es copy models installed."""
    home = tmp_path / "argos"
    run = run_stk("models", "install", str(tiny_packages["copy-fr"]), str(tiny_packages["copy-es"]), env=argos_env(home))
    assert run.returncode == 0, run.stderr
    return home


def installed(home: Path) -> dict[str, bytes]:
    """Every file of every installed package, with its bytes."""
    root = home / "packages"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def translates(home: Path, tmp_path: Path, lang: str = "fr") -> str:
    """What `stk translate` drafts with the installed model (the copy model gives the English back)."""
    root = make_project(tmp_path / f"project-{lang}", {"s": statement("The Court is independent.\n")}, CONFIG)
    assert run_stk("extract", "--project", str(root)).returncode == 0
    run = run_stk("translate", "--project", str(root), "--lang", lang, env=argos_env(home))
    assert run.returncode == 0, run.stderr
    text = (root / f"locales/{lang}/s.po").read_text(encoding="utf-8")
    return text.split('msgid "The Court is independent."\nmsgstr "', 1)[1].split('"', 1)[0]


CONFIG = '[project]\nname = "M"\ntarget_languages = ["fr", "es"]\n'


def test_a_corrupt_model_bin_leaves_the_working_model_installed_and_usable(
    tmp_path: Path,
    home: Path,
    tiny_packages: dict[str, Path],  # noqa: F811
) -> None:
    package = unpacked(tiny_packages["copy-fr"], tmp_path / "bad")
    (package / "model" / "model.bin").write_bytes(b"\x00garbage, not a CTranslate2 model" * 100)
    archive = repacked(package, tmp_path / "corrupt.argosmodel")
    before = installed(home)
    run = run_stk("models", "install", str(archive), env=argos_env(home))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"{archive}: Model package error: refused: CTranslate2 cannot load its model (")
    assert line.endswith("): the installed packages are unchanged")
    assert installed(home) == before
    assert translates(home, tmp_path) == "The Court is independent."


def test_model_bin_as_a_folder_is_refused_before_anything_is_touched(
    tmp_path: Path,
    home: Path,
    tiny_packages: dict[str, Path],  # noqa: F811
) -> None:
    package = unpacked(tiny_packages["copy-fr"], tmp_path / "bad")
    (package / "model" / "model.bin").unlink()
    (package / "model" / "model.bin").mkdir()
    (package / "model" / "model.bin" / "x").write_text("x")
    archive = repacked(package, tmp_path / "folder.argosmodel")
    before = installed(home)
    run = run_stk("models", "install", str(archive), env=argos_env(home))
    assert (run.returncode, run.stderr.strip().splitlines()) == (
        2,
        [f"{archive}: Model package error: refused: translate-en_fr-copy/model/model.bin is a folder, not a file"],
    )
    assert installed(home) == before


def test_a_broken_sentencepiece_model_is_refused(tmp_path: Path, home: Path, tiny_packages: dict[str, Path]) -> None:  # noqa: F811
    package = unpacked(tiny_packages["copy-fr"], tmp_path / "bad")
    (package / "sentencepiece.model").write_bytes(b"not a sentencepiece model")
    archive = repacked(package, tmp_path / "spm.argosmodel")
    before = installed(home)
    run = run_stk("models", "install", str(archive), env=argos_env(home))
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"{archive}: Model package error: refused: SentencePiece cannot load sentencepiece.model (")
    assert installed(home) == before
    assert translates(home, tmp_path) == "The Court is independent."


def test_a_folder_named_like_another_pairs_package_never_uninstalls_it(
    tmp_path: Path,
    home: Path,
    tiny_packages: dict[str, Path],  # noqa: F811
) -> None:
    """An en->fr package whose folder is the installed en->es package's folder."""
    package = unpacked(tiny_packages["random-fr"], tmp_path / "other")
    archive = repacked(package, tmp_path / "misnamed.argosmodel", rename="translate-en_es-copy")
    before = installed(home)
    run = run_stk("models", "install", str(archive), env=argos_env(home))
    assert (run.returncode, run.stderr.strip().splitlines()) == (
        2,
        [
            f"{archive}: Model package error: refused: its folder translate-en_es-copy is the installed en→es package, "
            "and this one is en→fr: installing it would remove that package (rename the folder inside the archive)"
        ],
    )
    assert installed(home) == before
    assert translates(home, tmp_path, "es") == "The Court is independent."


@pytest.mark.parametrize(
    ("metadata", "reason"),
    [
        ({"from_code": "en", "to_code": "en"}, "metadata.json translates en into en"),
        ({"from_code": "en", "to_code": "../fr"}, "metadata.json to_code '../fr' is not a language code"),
        ({"from_code": "English", "to_code": "fr"}, "metadata.json from_code 'English' is not a language code"),
    ],
)
def test_metadata_language_codes_are_validated(tmp_path: Path, metadata: dict[str, str], reason: str) -> None:
    members = {"translate-en_fr/model/model.bin": b"x", "translate-en_fr/sentencepiece.model": b"y"}
    data = json.dumps({"package_version": "1.0", "type": "translate", **metadata}).encode()
    archive = tmp_path / "codes.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, body in {**members, "translate-en_fr/metadata.json": data}.items():
            zf.writestr(name, body)
    with pytest.raises(ModelPackageError) as caught:
        packages.validate_archive(archive, "codes.argosmodel")
    assert str(caught.value) == f"codes.argosmodel: Model package error: refused: {reason}"


def test_a_good_package_replaces_the_old_one_of_its_pair_at_once(
    tmp_path: Path,
    home: Path,
    tiny_packages: dict[str, Path],  # noqa: F811
) -> None:
    """A new version in the same folder: swapped in whole, nothing left beside it."""
    package = unpacked(tiny_packages["random-fr"], tmp_path / "new")
    archive = repacked(package, tmp_path / "new.argosmodel", rename="translate-en_fr-copy")
    run = run_stk("models", "install", str(archive), env=argos_env(home))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "installed translate-en_fr 0.1: en→fr (replaces translate-en_fr 1.0)"
    assert sorted(p.name for p in (home / "packages").iterdir()) == ["translate-en_es-copy", "translate-en_fr-copy"]
    assert sorted(p.name for p in home.iterdir() if p.name.startswith(".")) == []
    assert translates(home, tmp_path) != "The Court is independent."  # the random model now
