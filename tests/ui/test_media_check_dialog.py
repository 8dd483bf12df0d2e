"""Check media from the Cards menu: unused files and missing ones listed; deleting the
unused files is undone by the one undo queue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.media_files import mp3, png
from tests.ui.keys import open_window
from trainer.core.cards import NewCard
from trainer.core.media import image_reference, media_name
from trainer.services.services import Services
from trainer.ui.media_check_dialog import MediaCheckDialog


def test_check_media_lists_and_deletes_unused_files_undoably(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    used = services.media.add(png(4, 4), "used.png")
    unused = services.media.add(mp3(b"old"), "old.mp3")
    missing = media_name(b"gone", "png")
    services.card_edits.add_cards(
        "Media", [NewCard(front=image_reference(used) + image_reference(missing), back="b")]
    )
    window = open_window(qtbot, services, data_dir)
    window.check_media_action.trigger()
    dialog = window.findChild(MediaCheckDialog)
    assert dialog is not None and dialog.isVisible()
    assert [dialog.unused.item(row).text() for row in range(dialog.unused.count())] == [unused]
    assert dialog.missing.item(0).text() == f"{missing}  (1 card)"

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.unused.count() == 0 and not dialog.delete_button.isEnabled()
    assert services.media.read(unused) is None and services.media.read(used) is not None

    dialog.close()
    window.undo_action.trigger()
    assert services.media.read(unused) == mp3(b"old")
