"""File > Build cards from a guide: paste, propose, review (keep, drop, edit), choose a deck, add.

Driven with real clicks and key presses; what was added is read back through a freshly
opened collection, the way the next start of the app would see it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.app import open_services
from trainer.core.cards import Card
from trainer.core.clock import FixedClock
from trainer.core.guide_cards import proposal_guid, proposals_to_new_cards
from trainer.core.guide_reader import propose_cards
from trainer.services.services import Services
from trainer.ui import messages
from trainer.ui.guide_builder_dialog import PASTED_SOURCE, GuideBuilderDialog
from trainer.ui.main_window import MainWindow

GUIDE = """\
# Interview guide

## FAQ

### How long is the loop?

About four weeks.

## Mistakes to avoid

BAD: "We shipped it."
GOOD: "I shipped it, and retention rose 4%."

## Our values

**Candor**: Say what you think, with care.

## Preparation checklist

- Reread the culture memo twice.
- Write three stories about decisions you owned.

Subscribe to our newsletter →
"""
DECK = "Guide cards"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def open_dialog(qtbot: QtBot, services: Services) -> GuideBuilderDialog:
    dialog = GuideBuilderDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def paste_and_propose(qtbot: QtBot, dialog: GuideBuilderDialog, text: str = GUIDE) -> None:
    dialog.source.setPlainText(text)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)


def row_of(dialog: GuideBuilderDialog, group: int, row: int) -> QModelIndex:
    return dialog.model.index(row, 0, dialog.model.index(group, 0))


def texts(index: QModelIndex) -> list[str]:
    model = index.model()
    return [model.index(row, 0, index).data() for row in range(model.rowCount(index))]


def deck_cards(data_dir: Path, clock: FixedClock, deck_name: str) -> list[Card]:
    """The deck's cards as a NEW services instance on the same folder sees them."""
    reopened = open_services(data_dir, clock, fuzzing=False)
    try:
        with reopened.uow() as collection:
            deck = collection.decks.named(deck_name)
            assert deck is not None, f"no deck named {deck_name!r}"
            return collection.cards.all(deck.id)
    finally:
        reopened.close()


def test_proposals_appear_grouped_by_kind_with_their_lines(
    qtbot: QtBot, services: Services
) -> None:
    dialog = open_dialog(qtbot, services)
    for line in ("### Is it hard?", "", "Yes.", ""):  # typed, not pasted
        qtbot.keyClicks(dialog.source, line)
        qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    paste_and_propose(qtbot, dialog, dialog.source.toPlainText() + "\n" + GUIDE)
    model = dialog.model
    assert model.kinds() == ["faq", "mistake", "principle", "checklist"]
    groups = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert groups == [
        "Questions  ·  2 of 2 kept",
        "Mistakes: weak answer → strong answer  ·  1 of 1 kept",
        "Principles and values  ·  1 of 1 kept",
        "Checklist items  ·  2 of 2 kept",
    ]
    assert texts(model.index(0, 0)) == ["Is it hard?", "How long is the loop?"]
    assert texts(model.index(1, 0)) == ["We shipped it."]
    assert texts(model.index(2, 0)) == ["Candor (Our values)"]  # the value keeps its section
    assert row_of(dialog, 0, 0).siblingAtColumn(1).data() == "1–3"
    assert row_of(dialog, 1, 0).siblingAtColumn(1).data() == "16–17"  # 5 lines above GUIDE
    assert all(dialog.tree.isExpanded(model.index(row, 0)) for row in range(4))
    checks = [row_of(dialog, g, 0).data(Qt.ItemDataRole.CheckStateRole) for g in range(4)]
    assert checks == [Qt.CheckState.Checked] * 4
    assert dialog.add_button.text() == "Add 6 cards"
    assert not dialog.add_button.isEnabled()  # no deck chosen yet
    assert dialog.status.text() == (
        "6 cards proposed (2 questions, 1 mistake, 1 principle, 2 checklist items)."
    )
    assert dialog.source.isReadOnly()
    assert "Subscribe" not in str([d.card for d in model.drafts()])


def test_selecting_a_proposal_highlights_its_source_lines_and_fills_the_fields(
    qtbot: QtBot, services: Services
) -> None:
    dialog = open_dialog(qtbot, services)
    paste_and_propose(qtbot, dialog)
    assert dialog.front.toPlainText() == "How long is the loop?"  # the first card is selected
    dialog.tree.setCurrentIndex(row_of(dialog, 1, 0))
    assert dialog.front.toPlainText() == "What is the stronger answer?\n\n> We shipped it."
    assert dialog.back.toPlainText() == "I shipped it, and retention rose 4%."
    [shade] = dialog.source.extraSelections()
    start = shade.cursor.document().findBlock(shade.cursor.selectionStart()).blockNumber()
    end = shade.cursor.document().findBlock(shade.cursor.selectionEnd() - 1).blockNumber()
    assert (start + 1, end + 1) == (11, 12)
    assert "We shipped it." in shade.cursor.selectedText()
    dialog.tree.setCurrentIndex(dialog.model.index(0, 0))  # a group: nothing to edit
    assert not dialog.front.isEnabled() and dialog.front.toPlainText() == ""
    assert dialog.source.extraSelections() == []


def test_review_then_add_puts_exactly_the_kept_cards_with_the_edit_in_a_new_deck(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    dialog = open_dialog(qtbot, services)
    added: list[tuple[int, int]] = []
    dialog.cards_added.connect(lambda *counts: added.append(counts))
    paste_and_propose(qtbot, dialog)
    proposals = propose_cards(GUIDE)

    # drop the second checklist item with the space bar
    dialog.tree.setCurrentIndex(row_of(dialog, 3, 1))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert row_of(dialog, 3, 1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert dialog.model.index(3, 0).data() == "Checklist items  ·  1 of 2 kept"
    assert dialog.add_button.text() == "Add 4 cards"

    # rewrite the principle's front by typing
    dialog.tree.setCurrentIndex(row_of(dialog, 2, 0))
    qtbot.mouseClick(dialog.front.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.front, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.front, "What does Candor ask of you?")
    assert row_of(dialog, 2, 0).data() == "What does Candor ask of you?  (edited)"

    # a new deck, typed into the deck box
    assert not dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.deck.lineEdit(), DECK)
    assert dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    assert added == [(4, 0)]
    assert dialog.status.text() == f"Added 4 cards to “{DECK}”."
    assert DECK in [dialog.deck.itemText(i) for i in range(dialog.deck.count())]
    kept = [proposals[i] for i in (0, 1, 2, 3)]
    expected = {
        (
            "What does Candor ask of you?" if p.kind == "principle" else p.front,
            p.back,
            (p.kind,),
            f"{PASTED_SOURCE} lines {p.source_lines[0]}-{p.source_lines[1]}",
            proposal_guid(p, PASTED_SOURCE),
        )
        for p in kept
    }
    cards = deck_cards(data_dir, clock, DECK)
    assert {(c.front, c.back, c.tags, c.source, c.guid) for c in cards} == expected
    assert len(cards) == 4


def test_adding_the_same_guide_again_skips_the_cards_already_added(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    dialog = open_dialog(qtbot, services)
    paste_and_propose(qtbot, dialog)
    dialog.deck.setEditText(DECK)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == f"Added 5 cards to “{DECK}”."

    again = open_dialog(qtbot, services)
    paste_and_propose(qtbot, again)
    again.tree.setCurrentIndex(row_of(again, 0, 0))
    again.front.setPlainText("How long is the whole loop?")  # an edit keeps the card's guid
    again.deck.setEditText(DECK)
    qtbot.mouseClick(again.add_button, Qt.MouseButton.LeftButton)
    assert (
        again.status.text() == f"Added 0 cards to “{DECK}”. Skipped 5 already in your collection."
    )
    assert len(deck_cards(data_dir, clock, DECK)) == 5


def test_an_existing_deck_can_be_chosen_from_the_list(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    names = [deck.name for deck in services.study.overview()]
    dialog = open_dialog(qtbot, services)
    assert [dialog.deck.itemText(i) for i in range(dialog.deck.count())] == names
    assert dialog.deck.currentText() == ""
    paste_and_propose(qtbot, dialog)
    before = len(deck_cards(data_dir, clock, names[0]))
    dialog.deck.setCurrentIndex(0)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert len(deck_cards(data_dir, clock, names[0])) == before + 5


def test_a_group_check_box_drops_and_keeps_the_whole_group(
    qtbot: QtBot, services: Services
) -> None:
    dialog = open_dialog(qtbot, services)
    paste_and_propose(qtbot, dialog)
    checklist = dialog.model.index(3, 0)
    dialog.tree.setCurrentIndex(checklist)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert checklist.data() == "Checklist items  ·  0 of 2 kept"
    assert dialog.add_button.text() == "Add 3 cards"
    dialog.model.setData(
        row_of(dialog, 3, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert checklist.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert checklist.data() == "Checklist items  ·  2 of 2 kept"


def test_edit_the_guide_clears_the_proposals_and_unlocks_the_text(
    qtbot: QtBot, services: Services
) -> None:
    dialog = open_dialog(qtbot, services)
    paste_and_propose(qtbot, dialog)
    assert dialog.edit_button.isVisible() and not dialog.propose_button.isVisible()
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert not dialog.source.isReadOnly()
    assert dialog.propose_button.isVisible()
    assert dialog.add_button.text() == "Add 0 cards"


def test_text_without_cards_says_so(qtbot: QtBot, services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Paste a guide or open a file first."
    paste_and_propose(qtbot, dialog, "Just a paragraph of prose with nothing to learn.")
    assert dialog.model.rowCount() == 0
    assert dialog.status.text().startswith("No cards found.")


def test_opening_a_file_proposes_its_cards_named_after_it(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "prep.md"
    path.write_bytes(GUIDE.encode("utf-8-sig"))
    dialog = open_dialog(qtbot, services)
    assert dialog.load_file(path)
    assert dialog.source_name == "prep.md"
    assert dialog.source.toPlainText() == GUIDE
    assert dialog.add_button.text() == "Add 5 cards"
    assert dialog.model.drafts()[0].card.source == "prep.md lines 5-7"


@pytest.mark.parametrize(
    ("content", "reason"), [(b"", "is empty"), ("Caf\xe9?".encode("latin-1"), "not UTF-8")]
)
def test_an_unusable_file_is_refused_with_the_reason(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    reason: str,
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    warnings: list[str] = []
    monkeypatch.setattr(messages, "warning", lambda _parent, _title, text: warnings.append(text))
    dialog = open_dialog(qtbot, services)
    assert not dialog.load_file(path)
    assert len(warnings) == 1 and reason in warnings[0] and "bad.txt" in warnings[0]
    assert dialog.model.rowCount() == 0


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("name", "kinds", "counts"),
    [
        ("000_c7f265c2d61c5611.txt", ["faq", "mistake", "checklist"], [7, 3, 6]),
        ("003_495920ad492b9a48.txt", ["faq", "principle"], [3, 9]),
    ],
)
def test_a_seed_guide_fills_the_review_list_as_the_command_line_would(
    qtbot: QtBot, services: Services, name: str, kinds: list[str], counts: list[int]
) -> None:
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed guide missing: {path}")
    dialog = open_dialog(qtbot, services)
    assert dialog.load_file(path)
    model = dialog.model
    assert model.kinds() == kinds
    assert [model.rowCount(model.index(row, 0)) for row in range(len(kinds))] == counts
    assert dialog.add_button.text() == f"Add {sum(counts)} cards"
    # the same cards, with the same guids, as `keeper build-cards` makes from the file
    file_cards = proposals_to_new_cards(propose_cards(path.read_text(encoding="utf-8")), name)
    assert model.accepted_cards() == file_cards


def test_file_menu_opens_the_builder_and_the_home_screen_shows_the_new_deck(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = window.build_cards_action
    assert action in window.file_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+B"
    action.trigger()
    dialog = window.findChild(GuideBuilderDialog)
    assert dialog is not None and dialog.isVisible()
    paste_and_propose(qtbot, dialog)
    dialog.deck.setEditText(DECK)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    home = window.home.model
    decks = {home.index(row, 0).data(): home.index(row, 1).data() for row in range(home.rowCount())}
    assert decks[DECK] == 5
    dialog.close()
    QApplication.processEvents()
