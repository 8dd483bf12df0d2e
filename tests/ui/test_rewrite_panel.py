"""Practise rewriting on the mistakes deck: the box keeps its keys, the coach checks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.core.cards import Card
from trainer.core.model import CardId, DeckId
from trainer.core.session import Phase
from trainer.services.services import Services
from trainer.ui.rewrite_panel import offers_rewrite
from trainer.ui.study_view import StudyView

CTRL = Qt.KeyboardModifier.ControlModifier
WEAK_GUID = "builtin:mistakes.seeking-permission.weak-to-strong"


def open_study(qtbot: QtBot, services: Services) -> StudyView:
    """The study screen on the mistakes deck, whose first card is a weak answer."""
    deck = next(d for d in services.study.overview() if d.name == "Interview mistakes")
    view = StudyView(services.study)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.start(services.study.start_session(DeckId(deck.deck_id)))
    assert view.session is not None and view.session.current is not None
    assert view.session.current.guid == WEAK_GUID
    return view


def tab_into_box(qtbot: QtBot, view: StudyView) -> None:
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.rewrite.edit


def test_only_weak_answer_cards_of_the_mistakes_deck_offer_it() -> None:
    def card(guid: str, front: str) -> Card:
        return Card(id=CardId(1), deck_id=DeckId(1), front=front, back="", guid=guid)

    assert offers_rewrite(card(WEAK_GUID, "**Weak answer:**\n\n> ..."))
    assert not offers_rewrite(card("builtin:mistakes.x.pattern-to-answers", "Mistake pattern"))
    assert not offers_rewrite(card("builtin:faq.x", "**Weak answer:** in another deck"))
    assert not offers_rewrite(None)


def test_the_box_shows_before_the_answer_on_a_weak_answer_card(
    qtbot: QtBot, services: Services
) -> None:
    view = open_study(qtbot, services)
    assert view.rewrite.isVisible() and view.rewrite.edit.isVisible()
    assert not view.rewrite.findings.isVisible()
    assert view.rewrite.edit.placeholderText() == "Your stronger version (optional)"


def test_typing_space_digits_enter_and_ctrl_z_stay_in_the_box(
    qtbot: QtBot, services: Services
) -> None:
    view = open_study(qtbot, services)
    session = view.session
    assert session is not None
    tab_into_box(qtbot, view)
    box = view.rewrite.edit
    qtbot.keyClicks(box, "I changed it 1 2 3 4")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "then told my manager")
    assert box.toPlainText() == "I changed it 1 2 3 4\nthen told my manager"
    assert session.phase is Phase.QUESTION
    assert session.summary().studied == 0
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)  # the text's undo, not the study undo
    assert box.toPlainText() != "I changed it 1 2 3 4\nthen told my manager"
    assert session.phase is Phase.QUESTION


def test_esc_and_ctrl_enter_leave_the_box_without_leaving_the_room(
    qtbot: QtBot, services: Services
) -> None:
    view = open_study(qtbot, services)
    left: list[bool] = []
    view.leave.connect(lambda: left.append(True))
    tab_into_box(qtbot, view)
    qtbot.keyClicks(view.rewrite.edit, "draft")
    qtbot.keyClick(view.rewrite.edit, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view and not left
    tab_into_box(qtbot, view)
    qtbot.keyClick(view.rewrite.edit, Qt.Key.Key_Return, CTRL)
    assert QApplication.focusWidget() is view and not left
    assert view.rewrite.text == "draft"
    qtbot.keyClick(view, Qt.Key.Key_Space)  # now the study keys work again
    assert view.session is not None and view.session.phase is Phase.ANSWER


def test_reveal_coaches_the_version_beside_the_model_answer(
    qtbot: QtBot, services: Services
) -> None:
    view = open_study(qtbot, services)
    tab_into_box(qtbot, view)
    qtbot.keyClicks(view.rewrite.edit, "I think maybe I would check with my manager first.")
    qtbot.keyClick(view.rewrite.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Space)

    assert view.back.isVisible() and view.rewrite.isVisible()
    assert view.rewrite.findings.isVisible()
    assert view.rewrite.edit.isReadOnly()
    rules = {f.rule for f in view.rewrite.findings.findings}
    assert {"hedging", "seeking-permission"} <= rules
    assert "weak pattern" in view.rewrite.caption.text()
    # Not squeezed: the question's lines all show (the box keeps its lines once answered).
    question = view.front.document()
    question.setTextWidth(view.front.viewport().width())
    assert question.size().height() <= view.front.viewport().height() + 1
    block = view.rewrite.edit.document().firstBlock()
    wavy = [
        block.text()[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]
    assert "I think maybe" in wavy

    # Clicking a finding selects its words; the keyboard stays with the study screen.
    row = next(i for i, f in enumerate(view.rewrite.findings.findings) if f.rule == "hedging")
    rect = view.rewrite.findings.visualItemRect(view.rewrite.findings.item(row))
    qtbot.mouseClick(view.rewrite.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.rewrite.edit.textCursor().selectedText() == "I think maybe"
    qtbot.keyClick(view, Qt.Key.Key_3)  # digits grade again once revealed
    assert view.session is not None and view.session.summary().studied == 1


def test_a_strong_version_is_praised_and_an_empty_box_hides(
    qtbot: QtBot, services: Services
) -> None:
    view = open_study(qtbot, services)
    tab_into_box(qtbot, view)
    qtbot.keyClicks(
        view.rewrite.edit,
        "The data says the plan is not working, so I changed it and told my manager "
        "what I changed and the 5% lift I expect.",
    )
    qtbot.keyClick(view.rewrite.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.rewrite.findings.findings == []
    assert view.rewrite.caption.text() == "Your version · nothing weak found"

    qtbot.keyClick(view, Qt.Key.Key_3)  # the next card clears the box
    assert view.session is not None and view.session.current is not None
    if offers_rewrite(view.session.current):
        assert view.rewrite.text == ""
        qtbot.keyClick(view, Qt.Key.Key_Space)  # nothing typed: nothing to coach
        assert not view.rewrite.isVisible()
    else:
        assert not view.rewrite.isVisible()
