"""Render resources/icons/keeper.svg to PNGs, a Windows .ico and a macOS .icns.

    python packaging/render_icons.py          # only if the SVG changed or an output is missing
    python packaging/render_icons.py --force  # always

Rendering uses Qt's SVG renderer (offscreen, no display needed); Pillow writes ICO and ICNS.
The outputs are committed, so the app and the Linux installer never render at runtime.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "keeper.svg"
PNG_DIR = ICONS / "png"
ICO = ICONS / "keeper.ico"
ICNS = ICONS / "keeper.icns"
STAMP = ICONS / "rendered.sha256"  # sha256 of the SVG the committed outputs came from

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_EXTRA = (1024,)  # ICNS wants 1024 px (512@2x); rendered but not kept as PNG


def png_path(size: int) -> Path:
    return PNG_DIR / f"keeper-{size}.png"


def outputs() -> list[Path]:
    return [png_path(size) for size in SIZES] + [ICO, ICNS, STAMP]


def svg_digest() -> str:
    return hashlib.sha256(SVG.read_bytes()).hexdigest()


def needs_render() -> bool:
    """True when an output is missing or the SVG is not the one they were rendered from."""
    if any(not path.is_file() for path in outputs()):
        return True
    return STAMP.read_text(encoding="ascii").strip() != svg_digest()


def _render_pngs(sizes: tuple[int, ...], out_dir: Path) -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - Qt needs one
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot parse {SVG}")
    written = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        path = out_dir / f"keeper-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"render_icons: cannot write {path}")
        written[size] = path
    return written


def render() -> None:
    try:
        from PIL import Image
    except ImportError:
        raise SystemExit("render_icons: Pillow is missing: pip install -e '.[package]'") from None
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    pngs = _render_pngs(SIZES, PNG_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        pngs.update(_render_pngs(ICNS_EXTRA, Path(tmp)))
        images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
        largest_ico = max(ICO_SIZES)
        images[largest_ico].save(
            ICO,
            format="ICO",
            sizes=[(size, size) for size in ICO_SIZES],
            append_images=[images[size] for size in ICO_SIZES if size != largest_ico],
        )
        images[1024].save(
            ICNS, format="ICNS", append_images=[images[size] for size in (32, 64, 128, 256, 512)]
        )
    STAMP.write_text(svg_digest() + "\n", encoding="ascii")
    for path in outputs():
        print(f"render_icons: wrote {path.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="render even if up to date")
    args = parser.parse_args(argv)
    if not args.force and not needs_render():
        print("render_icons: icons are up to date")
        return 0
    render()
    return 0


if __name__ == "__main__":
    sys.exit(main())
