"""Cloze cards from the keyboard: Ctrl+Shift+C makes gaps in the browser's editor, Ctrl+S
adds one card per gap; studying shows the gap hidden, then filled with the extra; E edits
the text of every sibling."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.core.cards import Card
from trainer.core.cloze_cards import cloze_content
from trainer.core.model import CardKind
from trainer.services.services import Services

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = CTRL | SHIFT


def typed(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def cards_of_note(services: Services, note_guid: str) -> list[Card]:
    cards = [services.browse.card(i) for i in services.browse.search("")]
    return sorted((c for c in cards if c and c.note_guid == note_guid), key=lambda c: c.cloze)


def test_ctrl_shift_c_makes_gaps_and_ctrl_s_adds_a_card_per_gap_undone_at_once(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_N, CTRL)
    editor = window.browser.editor
    assert editor.card_kind() is CardKind.BASIC
    typed(qtbot, "Zorblax keeps talent density")
    for _ in "talent density":
        press(qtbot, Qt.Key.Key_Left, SHIFT)
    press(qtbot, Qt.Key.Key_C, CTRL_SHIFT)
    assert editor.card_kind() is CardKind.CLOZE  # the first gap made it a cloze card
    typed(qtbot, " high with the ")
    press(qtbot, Qt.Key.Key_C, CTRL_SHIFT)  # nothing selected: an empty gap, cursor inside
    typed(qtbot, "quux test")
    text = editor.front.toPlainText()
    assert text == "Zorblax keeps {{c1::talent density}} high with the {{c2::quux test}}"
    assert "Zorblax keeps [...] high" in editor.preview.toPlainText()
    press(qtbot, Qt.Key.Key_S, CTRL)

    found = [services.browse.card(i) for i in services.browse.search('"quux test"')]
    assert sorted((c.kind, c.cloze) for c in found if c) == [
        (CardKind.CLOZE, 1), (CardKind.CLOZE, 2),
    ]  # fmt: skip
    assert found[0] is not None and found[0].front == text and found[0].back == ""
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.browse.search('"quux test"') == []


def test_a_cloze_text_without_a_gap_is_refused_with_one_line_and_saves_nothing(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_N, CTRL)
    editor = window.browser.editor
    editor.kind.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # Basic -> Cloze, as the keyboard chooses in a list
    assert editor.card_kind() is CardKind.CLOZE
    editor.front.setFocus()
    typed(qtbot, "Nothing hidden {{c1:here}}")
    before = len(services.browse.search(""))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "has no gap" in editor.error.text() and "\n" not in editor.error.text()
    assert len(services.browse.search("")) == before


def test_studying_a_cloze_card_hides_its_gap_then_shows_it_with_the_extra_and_e_edits_all(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.ui.edit_card_dialog import EditCardDialog

    deck = services.decks.create("Cloze deck")
    text = "The {{c1::keeper test}} asks: would you {{c2::fight to keep}} them?"
    first = services.card_edits.add(deck.id, cloze_content(text, "From the culture memo"))
    window = open_window(qtbot, services, data_dir)
    window.start_study(deck.id)
    study = window.study
    assert study.session.current.id == first
    shown = study.front.toPlainText()
    assert shown == "The [...] asks: would you fight to keep them?"
    assert not study.back.isVisible()
    press(qtbot, Qt.Key.Key_Space)
    assert study.front.toPlainText() == "The keeper test asks: would you fight to keep them?"
    assert 'font-weight:700;">keeper test</span>' in study.front.toHtml()  # the gap stands out
    assert study.back.toPlainText() == "From the culture memo"

    press(qtbot, Qt.Key.Key_E)
    dialog = window.findChild(EditCardDialog)
    assert dialog is not None and dialog.editor.card_kind() is CardKind.CLOZE
    qtbot.waitUntil(dialog.editor.front.hasFocus)
    dialog.editor.front.setPlainText(text + " {{c3::Talent density}} is the aim.")
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    note = services.browse.card(first)
    assert note is not None
    assert [c.cloze for c in cards_of_note(services, note.note_guid)] == [1, 2, 3]
    assert "Talent density is the aim." in study.front.toPlainText()


def test_the_browser_shows_cloze_cards_gaps_filled_with_the_gap_asked_and_finds_by_type(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    deck = services.decks.create("Cloze deck")
    text = "Pay is {{c1::top of market}} since {{c2::2026}}"
    services.card_edits.add(deck.id, cloze_content(text, "The extra"))
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(window.browser.table.hasFocus)
    window.browser.search.setFocus()
    typed(qtbot, 'type:cloze deck:"cloze deck"')
    model = window.browser.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    rows = [
        (model.index(row, 0).data(), model.index(row, 3).data()) for row in range(model.rowCount())
    ]
    assert sorted(rows) == [  # the text with its gaps filled; the gap asked beside the state
        ("Pay is top of market since 2026", "New · Cloze 1"),
        ("Pay is top of market since 2026", "New · Cloze 2"),
    ]
    second = next(row for row in range(2) if model.index(row, 3).data().endswith("2"))
    window.browser.table.setCurrentIndex(model.index(second, 0))
    preview = window.browser.editor.preview.toPlainText()
    assert "Pay is top of market since [...]" in preview
    assert "Pay is top of market since 2026" in preview and "The extra" in preview
