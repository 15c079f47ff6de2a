"""Render built statements as pictures, to look at them as a reader would.

DOCX -> PDF with LibreOffice (``soffice --headless --convert-to pdf``, run as the
PDF renderer runs it: toolkit.publishing.renderers.pdf, with the toolkit's font rules) -> PNG
per page with ``pdftoppm``; HTML -> PNG with headless Chromium (a desktop and a
phone-sized screenshot). Everything goes to preview/ (git-ignored).

    python scripts/preview.py                        # build, then French and Arabic, every statement
    python scripts/preview.py --lang fr,ar,es,en us-sanctions-icc-2025
    python scripts/preview.py --project DIR --out DIR --pages 2

Needs the Debian packages libreoffice-writer-nogui, poppler-utils, chromium
and fonts-noto-core (Arabic): `make preview` checks them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import api  # noqa: E402
from toolkit.publishing.renderers.pdf import run_libreoffice  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def find(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(f"preview: none of {', '.join(names)} is installed (see `make preview`)")


def docx_to_png(files: list[Path], out: Path, pages: int, resolution: int) -> list[Path]:
    """One LibreOffice run converts every file (its start-up is most of the cost)."""
    soffice = find("soffice", "libreoffice")
    pdf_dir = out / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    pngs: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="stk-lo-") as scratch:
        for lang_files in _by_language(files).values():
            lang = lang_files[0].parent.name
            target = pdf_dir / lang
            run_libreoffice(soffice, lang_files, target, Path(scratch))
            for f in lang_files:
                pngs.extend(pdf_to_png(target / f"{f.stem}.pdf", out / lang / f"{f.stem}-docx", pages, resolution))
    return pngs


def pdf_to_png(pdf: Path, stem: Path, pages: int, resolution: int) -> list[Path]:
    """The first ``pages`` pages of ``pdf`` as ``<stem>-1.png``..."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [find("pdftoppm"), "-png", "-r", str(resolution), "-f", "1", "-l", str(pages), str(pdf), str(stem)],
        check=True,
        timeout=120,
    )
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def screenshot(page: Path, png: Path, size: str, profile: str, scale: float = 1.0) -> None:
    """One headless Chromium screenshot of ``page`` at window ``size`` ("W,H" CSS pixels)."""
    flags = [f for f in CHROMIUM_FLAGS if not f.startswith("--force-device-scale-factor")]
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            find("chromium", "chromium-browser", "google-chrome"),
            *flags,
            f"--force-device-scale-factor={scale}",
            f"--user-data-dir={profile}",
            f"--window-size={size}",
            f"--screenshot={png}",
            page.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def html_to_png(files: list[Path], out: Path) -> list[Path]:
    pngs: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="stk-chromium-") as profile:
        for f in files:
            for label, size in (("html", "1200,1700"), ("phone", "420,900")):
                png = out / f.parent.name / f"{f.stem}-{label}.png"
                screenshot(f, png, size, profile)
                pngs.append(png)
    return pngs


def _by_language(files: list[Path]) -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = {}
    for f in files:
        groups.setdefault(f.parent.name, []).append(f)
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("slugs", nargs="*", help="statements (default: all)")
    parser.add_argument("--project", type=Path, default=ROOT, help="project folder (default: this repository)")
    parser.add_argument("--lang", default="fr,ar", help="comma-separated languages (default: fr,ar)")
    parser.add_argument("--out", type=Path, default=ROOT / "preview", help="where the pictures go (default: preview/)")
    parser.add_argument("--pages", type=int, default=2, help="DOCX pages per statement (default: 2)")
    parser.add_argument("--resolution", type=int, default=80, help="DOCX pictures, dots per inch (default: 80)")
    args = parser.parse_args(argv)

    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    project = api.open_project(args.project)
    api.build(project, langs, args.slugs or None)
    output = project.config.output
    slugs = args.slugs or [s.slug for s in project.statements]
    docx_files = [output / lang / f"{slug}.docx" for lang in langs for slug in slugs]
    html_files = [output / lang / f"{slug}.html" for lang in langs for slug in slugs]
    pictures = docx_to_png(docx_files, args.out, args.pages, args.resolution) + html_to_png(html_files, args.out)
    for png in pictures:
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
