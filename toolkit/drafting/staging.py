"""Installing a model package without ever breaking the installed ones.

The archive (already checked by :func:`toolkit.drafting.packages.validate_archive`) is unpacked into
a staging folder beside the packages folder -- same file system, outside argostranslate's sight --
and validated there: argostranslate reads its metadata, CTranslate2 loads the model, SentencePiece
loads the tokenizer, one sentence is translated by the engine ``stk translate`` uses. Only then is
it swapped in (``renameat2(RENAME_EXCHANGE)``, or two renames undone by the next run if killed in
between), and older packages of the same pair removed. A package whose folder is another pair's
installed package is refused: installing it would remove that pair.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from .. import files
from ..errors import Location, ModelPackageError
from ..languages import base_language
from .packages import Archive, Installed, InstalledModel, _package_problem, installed, packages_dir, require_mt


def install_staged(path: Path, shown: str, archive: Archive) -> Installed:
    """Unpack into a staging folder, validate fully, then swap in; the installed packages change only at the end."""
    require_mt()
    from argostranslate import package as argos_package

    folder = packages_dir()
    folder.mkdir(parents=True, exist_ok=True)
    destination = folder / archive.folder
    source, target = archive.metadata["from_code"], archive.metadata["to_code"]

    def refuse(why: str) -> ModelPackageError:
        return ModelPackageError(f"refused: {why}", Location(shown))

    before = installed()
    occupant = next((m for m in before if m.folder == destination), None)
    if occupant is not None and occupant.package is not None and not _same_pair(occupant, source, target):
        raise refuse(
            f"its folder {archive.folder} is the installed {occupant.source}→{occupant.target} package, and this one is "
            f"{source}→{target}: installing it would remove that package (rename the folder inside the archive)"
        )
    staging = _staging(folder)
    try:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(staging)  # every member was checked by validate_archive
        staged = staging / archive.folder
        problem = _validate_staged(staged, argos_package)
        if problem:
            raise refuse(f"{problem}: the installed packages are unchanged")
        # Swap the new folder in whole (the old one, if any, comes out into the staging folder).
        if destination.exists():
            if not files.exchange(staged, destination):  # two renames; a run killed between them is undone by _staging
                (staging / ".old").mkdir()
                os.rename(destination, staging / ".old" / destination.name)
                os.rename(staged, destination)
        else:
            os.rename(staged, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    replaced = [occupant.label] if occupant is not None else []
    for model in before:  # older packages of the same pair in other folders: only now
        if model.folder != destination and model.package is not None and _same_pair(model, source, target):
            argos_package.uninstall(model.package)
            replaced.append(model.label)
    new = next((m for m in installed() if m.folder == destination), None)
    if new is None or new.problem:  # pragma: no cover - validated above
        raise ModelPackageError(
            f"installed, but argostranslate cannot read it: {new.problem if new else 'missing'}", Location(shown)
        )
    return Installed(new, tuple(replaced))


def _same_pair(model: InstalledModel, source: str, target: str) -> bool:
    return base_language(model.source) == base_language(source) and base_language(model.target) == base_language(target)


def _staging(folder: Path) -> Path:
    """A new staging folder beside the packages folder (same file system: the final rename is atomic).

    Outside it, so that argostranslate never lists a half-made package; those a killed run left
    are removed here.
    """
    for old in folder.parent.glob(f".{folder.name}.staging-*"):
        pid = old.name.rsplit("-", 2)[-2]
        if pid.isdigit() and not files.is_alive(int(pid)):
            for parked in (old / ".old").glob("*"):
                if not (folder / parked.name).exists():
                    os.rename(parked, folder / parked.name)  # killed between two renames: the old package back
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{folder.name}.staging-{os.getpid()}-", dir=folder.parent))


def _validate_staged(staged: Path, argos_package: Any) -> str:
    """Why the unpacked package cannot translate ('' when it can): metadata, files, CTranslate2,
    SentencePiece, and one sentence translated through the engine ``stk translate`` uses."""
    from .engines.argos import try_package

    try:
        pkg = argos_package.Package(staged)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        return f"argostranslate cannot read its metadata.json ({exc})"
    problem = _package_problem(staged, pkg)
    if problem:
        return problem
    model = InstalledModel(
        staged, argos_package.argospm_package_name(pkg), pkg.from_code, pkg.to_code, str(pkg.package_version), 0, "", pkg
    )
    return try_package(model)


__all__ = ["install_staged"]
