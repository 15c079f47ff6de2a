"""Argos Translate model packages: which are installed, and installing one safely.

argostranslate's own machinery does the work -- its settings say where
packages live (``ARGOS_PACKAGES_DIR``), its ``Package`` reads their metadata
and its package index lists what can be downloaded. The toolkit adds what a
user needs around it: an archive is checked before anything is extracted
(argostranslate's ``install_from_path`` extracts any zip it is given into the
packages folder, so a package without its one top-level folder, or with
``../`` paths, would spill files there); a package is installed through a
staging folder and validated fully before the installed one is touched
(:mod:`.staging`); errors are one line; and ``--online`` fails within seconds
when there is no internet instead of hanging or recursing
(``get_available_packages()`` calls itself until a RecursionError when the
index cannot be downloaded).

Importing ``argostranslate.package`` is cheap; ``argostranslate.translate``
(which imports stanza and torch) is never needed to translate.
"""

from __future__ import annotations

import json
import re
import stat
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import EngineError, Location, ModelPackageError
from ..files import atomic_write
from ..languages import base_language

MAX_ARCHIVE_BYTES = 2 * 1024**3
"""Largest .argosmodel accepted (real models are 50-250 MB)."""
MAX_UNPACKED_BYTES = 4 * 1024**3
"""Largest total size of the files inside (declared sizes also bound what extraction writes)."""
MAX_MEMBERS = 10_000
MAX_METADATA_BYTES = 1024**2
INDEX_TIMEOUT = 15.0
"""Seconds to wait for the package index before concluding there is no internet."""

_SAFE_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
"""Argos codes: ISO 639 and a few of its own (``zt`` for Traditional Chinese, ``pb`` for Brazilian Portuguese)."""


@dataclass(frozen=True)
class InstalledModel:
    """One folder in argostranslate's packages folder."""

    folder: Path
    name: str = ""
    """argospm's name for it: ``translate-en_fr``."""
    source: str = ""
    target: str = ""
    version: str = ""
    size: int = 0
    """Bytes on disk."""
    problem: str = ""
    """Why the folder is not a usable package ('' when it is)."""
    package: Any = field(default=None, compare=False, repr=False)
    """argostranslate's ``Package`` (None when broken)."""

    @property
    def label(self) -> str:
        """``translate-en_fr 1.9``: how provenance comments name the model."""
        return f"{self.name} {self.version}".strip()


MT_MODULES = ("argostranslate", "ctranslate2", "sentencepiece", "packaging")
"""What the ``[mt]`` extra brings (packaging comes with argostranslate)."""

MT_INSTALL_HINT = (
    "in this project's .venv: make mt; elsewhere: pip install torch==2.13.0 (the CPU build), "
    "then pip install 'statement-toolkit[mt]'"
)


def require_mt() -> None:
    """Raise one clear error, rather than a traceback, when the ``[mt]`` extra is not installed."""
    from importlib.util import find_spec

    def absent(name: str) -> bool:
        try:
            return find_spec(name) is None
        except (ImportError, ValueError):  # a broken installation is as good as none
            return True

    missing = [name for name in MT_MODULES if absent(name)]
    if missing:
        raise EngineError(
            f"machine translation needs the [mt] extra, and {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not installed: {MT_INSTALL_HINT}"
        )


def packages_dir() -> Path:
    require_mt()
    from argostranslate import settings

    return Path(settings.package_data_dir)


def installed() -> list[InstalledModel]:
    """Every package folder argostranslate would load, the broken ones included (with their problem)."""
    require_mt()
    from argostranslate import package as argos_package
    from argostranslate import settings

    found: list[InstalledModel] = []
    for directory in settings.package_dirs:
        if not Path(directory).is_dir():
            continue
        for folder in sorted(Path(directory).iterdir()):
            if not folder.is_dir():
                continue
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            try:
                pkg = argos_package.Package(folder)
            except (OSError, ValueError, TypeError, AttributeError, RecursionError) as exc:
                found.append(InstalledModel(folder, folder.name, size=size, problem=f"unreadable metadata.json ({exc})"))
                continue
            problem = _package_problem(folder, pkg)
            found.append(
                InstalledModel(
                    folder,
                    argos_package.argospm_package_name(pkg),
                    pkg.from_code or "",
                    pkg.to_code or "",
                    str(pkg.package_version),
                    size,
                    problem,
                    pkg,
                )
            )
    return found


def _package_problem(folder: Path, pkg: Any) -> str:
    if pkg.type != "translate":
        return f"not a translation package (type {pkg.type!r})"
    if not (folder / "model" / "model.bin").is_file():
        return "model/model.bin is missing"
    if not ((folder / "sentencepiece.model").is_file() or (folder / "bpe.model").is_file()):
        return "no sentencepiece.model or bpe.model"
    return ""


def find(source: str, target: str) -> InstalledModel:
    """The installed package for ``source`` -> ``target`` (the highest version when several are)."""
    require_mt()
    from packaging.version import InvalidVersion, Version

    def version(model: InstalledModel) -> tuple[int, Version | str]:
        try:
            return (1, Version(model.version))
        except InvalidVersion:
            return (0, model.version)

    pair = [
        m
        for m in installed()
        if base_language(m.source) == base_language(source) and base_language(m.target) == base_language(target)
    ]
    usable = [m for m in pair if not m.problem]
    if usable:
        return max(usable, key=version)
    where = Location(str(packages_dir()))
    if pair:
        raise EngineError(
            f"the model package for {source}→{target} is corrupt ({pair[0].folder.name}: {pair[0].problem}); "
            "reinstall it: stk models install FILE.argosmodel",
            where,
        )
    raise EngineError(
        f"no model for {source}→{target} installed "
        f"(run: stk models install FILE.argosmodel, or stk models install --online {target})",
        where,
    )


# --- archives -------------------------------------------------------------------


@dataclass(frozen=True)
class Archive:
    """What a validated .argosmodel holds."""

    folder: str
    metadata: dict[str, Any]
    unpacked: int


def validate_archive(path: Path, shown: str) -> Archive:
    """Refuse anything argostranslate should not extract; describe the package otherwise."""
    where = Location(shown)

    def refuse(why: str) -> ModelPackageError:
        return ModelPackageError(f"refused: {why}", where)

    if not path.is_file():
        raise ModelPackageError("no such file", where)
    if path.stat().st_size > MAX_ARCHIVE_BYTES:
        raise refuse(f"larger than {MAX_ARCHIVE_BYTES // 1024**2} MB")
    if not zipfile.is_zipfile(path):
        raise refuse("not a zip archive (an .argosmodel is one)")
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            folder = _check_members(members, refuse)
            names = {m.filename.rstrip("/") for m in members}
            for required in ("metadata.json", "model/model.bin"):
                if f"{folder}/{required}" not in names:
                    raise refuse(f"{folder}/{required} is missing")
                if f"{folder}/{required}/" in {m.filename for m in members} or any(
                    n.startswith(f"{folder}/{required}/") for n in names
                ):
                    raise refuse(f"{folder}/{required} is a folder, not a file")
            if f"{folder}/sentencepiece.model" not in names and f"{folder}/bpe.model" not in names:
                raise refuse(f"{folder}/ has no sentencepiece.model or bpe.model")
            info = zf.getinfo(f"{folder}/metadata.json")
            if info.file_size > MAX_METADATA_BYTES:
                raise refuse("metadata.json is too large")
            metadata = _check_metadata(zf.read(info), refuse)
            bad = zf.testzip()
            if bad is not None:
                raise refuse(f"{bad} is corrupt (CRC mismatch)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise refuse(f"damaged zip archive ({exc})") from None
    return Archive(folder, metadata, sum(m.file_size for m in members))


def _check_members(members: list[zipfile.ZipInfo], refuse: Any) -> str:
    if not members:
        raise refuse("empty archive")
    if len(members) > MAX_MEMBERS:
        raise refuse(f"more than {MAX_MEMBERS} files")
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise refuse(f"unpacks to more than {MAX_UNPACKED_BYTES // 1024**2} MB")
    tops: set[str] = set()
    for member in members:
        name = member.filename
        parts = PurePosixPath(name).parts
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\\" in name:
            raise refuse(f"absolute path {name!r}")
        if ".." in parts or not parts:
            raise refuse(f"path {name!r} leaves the package folder")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise refuse(f"symbolic link {name!r}")
        if member.flag_bits & 0x1:
            raise refuse(f"encrypted member {name!r}")
        if len(parts) == 1 and not member.is_dir():
            raise refuse(f"file {name!r} outside a package folder (a package is one top-level folder)")
        tops.add(parts[0])
    if len(tops) != 1:
        raise refuse(f"{len(tops)} top-level folders ({', '.join(sorted(tops)[:4])}); a package has exactly one")
    folder = tops.pop()
    if not _SAFE_FOLDER.fullmatch(folder):
        raise refuse(f"top-level folder name {folder!r}")
    return folder


def _check_metadata(data: bytes, refuse: Any) -> dict[str, Any]:
    try:
        metadata = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise refuse(f"metadata.json is not valid JSON ({exc})") from None
    except RecursionError:
        raise refuse("metadata.json is not valid JSON (nested too deeply)") from None
    if not isinstance(metadata, dict):
        raise refuse("metadata.json is not a JSON object")
    if metadata.get("type", "translate") != "translate":
        raise refuse(f"not a translation package (type {metadata.get('type')!r})")
    for key in ("from_code", "to_code", "package_version"):
        if not isinstance(metadata.get(key), str) or not metadata[key].strip():
            raise refuse(f"metadata.json has no {key}")
    for key in ("from_code", "to_code"):
        if not _LANGUAGE_CODE.fullmatch(metadata[key]):
            raise refuse(f"metadata.json {key} {metadata[key]!r} is not a language code")
    if base_language(metadata["from_code"]) == base_language(metadata["to_code"]):
        raise refuse(f"metadata.json translates {metadata['from_code']} into {metadata['to_code']}")
    return metadata


# --- installing -------------------------------------------------------------------


@dataclass(frozen=True)
class Installed:
    model: InstalledModel
    replaced: tuple[str, ...] = ()
    """Packages for the same pair that were removed (``translate-en_fr 1.0``)."""


def install_files(paths: list[Path]) -> list[Installed]:
    """Validate every archive first (one bad file installs nothing), then install each."""
    archives = [(path, validate_archive(path, str(path))) for path in paths]
    return [_install(path, str(path), archive) for path, archive in archives]


def install_file(path: Path, shown: str) -> Installed:
    """Validate ``path``, install it with argostranslate, and remove older packages of the same pair."""
    return _install(path, shown, validate_archive(path, shown))


def _install(path: Path, shown: str, archive: Archive) -> Installed:
    from .staging import install_staged  # it uses this module's listing

    return install_staged(path, shown, archive)


def install_online(targets: list[str], source: str = "en", timeout: float = INDEX_TIMEOUT) -> list[Installed]:
    """Download ``source`` -> each target from argostranslate's package index, then install as from a file."""
    require_mt()
    from argostranslate import package as argos_package
    from argostranslate import settings

    index_url = str(settings.remote_package_index)
    data = _fetch(index_url, timeout, 64 * 1024**2, "the Argos package index")
    try:
        if not isinstance(json.loads(data), list):
            raise ValueError("not a list of packages")
    except (ValueError, RecursionError) as exc:
        raise EngineError(f"the Argos package index at {index_url} is not usable ({exc})") from None
    # get_available_packages() reads this copy; with it present it never tries the network itself.
    atomic_write(Path(settings.local_package_index), data)
    available = [p for p in argos_package.get_available_packages() if getattr(p, "type", "translate") == "translate"]
    results: list[Installed] = []
    for target in targets:
        candidates = [
            p
            for p in available
            if base_language(p.from_code or "") == base_language(source)
            and base_language(p.to_code or "") == base_language(target)
        ]
        if not candidates:
            raise EngineError(f"the Argos package index has no {source}→{target} model")
        chosen = max(candidates, key=lambda p: _version_key(str(p.package_version)))
        name = f"{argos_package.argospm_package_name(chosen)}-{chosen.package_version}.argosmodel"
        download = Path(settings.downloads_dir) / name
        errors: list[str] = []
        for link in chosen.links:
            try:
                atomic_write(download, _fetch(link, timeout * 4, MAX_ARCHIVE_BYTES, name))
                break
            except EngineError as exc:
                errors.append(exc.message)
        else:
            raise EngineError(f"could not download {name}: {'; '.join(errors) or 'no download link in the index'}")
        results.append(install_file(download, str(download)))
    return results


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version))


def _fetch(url: str, timeout: float, limit: int, what: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "statement-toolkit"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(limit + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EngineError(
            f"cannot reach {what} at {url} ({reason}): no internet connection? "
            "Download the .argosmodel file elsewhere and run: stk models install FILE.argosmodel"
        ) from None
    if len(data) > limit:
        raise EngineError(f"{what} at {url} is larger than {limit // 1024**2} MB: refused")
    return data


__all__ = [
    "Archive",
    "Installed",
    "InstalledModel",
    "find",
    "install_file",
    "install_files",
    "install_online",
    "installed",
    "packages_dir",
    "require_mt",
    "validate_archive",
]
