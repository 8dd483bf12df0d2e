"""Media at scale (issue 22): start-up and backups with 10,000 pictures (about 1 GB).

    python bench/media_timings.py [--files 10000] [--size-kb 100] [--runs 5]

Makes two collections of the same 10,000 cards, one whose cards each name a picture in the
media store (written straight into `media/`, named by content as the store names them), and
times: opening the collection and building the main window offscreen (the start-up a user
waits for), the first backup (which links every store file into `backups/media/`), a later
backup (nothing new to share) and, for scale, a plain copy of the store.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer.app import open_services  # noqa: E402
from trainer.core.cards import NewCard  # noqa: E402
from trainer.core.media import image_reference, media_name  # noqa: E402

PNG_HEAD = b"\x89PNG\r\n\x1a\n"


def make_collection(folder: Path, files: int, size: int, with_media: bool) -> None:
    services = open_services(folder, fuzzing=False)
    media = folder / "media"
    cards = []
    for index in range(files):
        front = f"Card {index}"
        if with_media:
            data = PNG_HEAD + os.urandom(size - len(PNG_HEAD))
            name = media_name(data, "png")
            media.mkdir(exist_ok=True)
            (media / name).write_bytes(data)
            front += " " + image_reference(name)
        cards.append(NewCard(front=front, back=f"Answer {index}"))
    services.card_edits.add_cards("Pictures", cards)
    services.close()


def start_up(folder: Path) -> float:
    from PySide6.QtWidgets import QApplication

    from trainer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    began = time.perf_counter()
    services = open_services(folder, defer_check=True)
    window = MainWindow(services, folder)
    window.show()
    app.processEvents()
    elapsed = time.perf_counter() - began
    window.close()
    services.close()
    return elapsed


def timed(action: object) -> float:
    began = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--size-kb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        plain, pictures = Path(root) / "plain", Path(root) / "pictures"
        made = timed(lambda: make_collection(plain, args.files, args.size_kb * 1024, False))
        made_media = timed(lambda: make_collection(pictures, args.files, args.size_kb * 1024, True))
        store_bytes = sum(path.stat().st_size for path in (pictures / "media").iterdir())
        print(f"made: {args.files:,} cards in {made:.1f} s; with {args.files:,} pictures "
              f"({store_bytes / 1e9:.2f} GB) in {made_media:.1f} s")  # fmt: skip
        for label, folder in (("without media", plain), ("with media", pictures)):
            start_up(folder)  # warm: the first start pays for imports
            samples = [start_up(folder) for _ in range(args.runs)]
            print(f"start-up {label}: median {statistics.median(samples) * 1000:.0f} ms "
                  f"(min {min(samples) * 1000:.0f}, max {max(samples) * 1000:.0f})")  # fmt: skip
        services = open_services(pictures, fuzzing=False)
        first = timed(lambda: services.backups.create("bench"))
        second = timed(lambda: services.backups.create("bench"))
        services.close()
        shared = pictures / "backups" / "media"
        print(f"first backup (links {len(list(shared.iterdir())):,} files): {first:.2f} s")
        print(f"next backup (nothing new): {second:.2f} s")
        copied = timed(lambda: shutil.copytree(pictures / "media", Path(root) / "copy"))
        print(f"for scale, copying the store: {copied:.2f} s")


if __name__ == "__main__":
    main()
