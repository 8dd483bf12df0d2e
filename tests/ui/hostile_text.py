"""Text that names local files every way Qt's rich text could be tempted to open them.

The `bait` fixture writes the files (real pictures and a stylesheet, so that Qt would
succeed in reading them), moves the working folder there (for the relative name), watches
it with `OpenWatch`, and gives the text two ways: as card text and as one line. A test
shows the text and checks that nothing in the folder was opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.ui.open_watch import OpenWatch

QRC_PICTURE = "qrc:/qt-project.org/styles/commonstyle/images/file-16.png"


MARKDOWN_FORMS = (
    "![markdown path]({folder}/md-path.png)",
    "![markdown url](file://{folder}/md-url.png)",
)
HTML_FORMS = (
    '<span style="background-image: url({folder}/css-bg.png)">css</span>',
    '<table background="{folder}/table-bg.png"><tr><td>cell</td></tr></table>',
    '<img src="{folder}/html-img.png">',
    '<img src="relative.png">',
    '<link rel="stylesheet" href="{folder}/linked.css">',
    f'<img src="{QRC_PICTURE}">',
    '<img src="http://127.0.0.1:9/remote.png">',
)


def card_text(folder: Path) -> str:
    """Markdown pictures, then each HTML form inside a paragraph (Qt's Markdown reader
    drops an HTML block that stands alone)."""
    markdown = [form.format(folder=folder) for form in MARKDOWN_FORMS]
    html = [f"x {form.format(folder=folder)}" for form in HTML_FORMS]
    return "\n\n".join(markdown + html)


def one_line(folder: Path) -> str:
    """Every form on one line starting with a tag: Qt takes such a line for HTML."""
    return " ".join(form.format(folder=folder) for form in HTML_FORMS + MARKDOWN_FORMS)


BAIT_PICTURES = ("html-img", "md-path", "md-url", "relative", "css-bg", "table-bg")


def write_bait(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    for name in BAIT_PICTURES:
        assert picture.save(str(folder / f"{name}.png"))
    (folder / "linked.css").write_text("p { color: red; }", encoding="utf-8")


@dataclass
class Bait:
    folder: Path
    text: str  # card text
    line: str  # a name, a title, a query
    watch: OpenWatch


@pytest.fixture
def bait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bait]:
    folder = tmp_path / "bait"
    write_bait(folder)
    monkeypatch.chdir(folder)
    watch = OpenWatch(folder)
    yield Bait(folder, card_text(folder), one_line(folder), watch)
    watch.close()
