"""The guide builder's review list model: groups by kind, check boxes, edits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from trainer.core.guide_cards import drafts_for
from trainer.core.guide_reader import Proposal
from trainer.ui.proposal_tree_model import ProposalTreeModel, summary_line

CHECK = Qt.ItemDataRole.CheckStateRole
PROPOSALS = [
    Proposal("checklist", "**Prep** (1 of 1): Read the memo …", "Read the memo.", (9, 9), "Prep"),
    Proposal("faq", "Is it hard?", "Yes.", (1, 3)),
    Proposal("mistake", "**Hedging**: what is the stronger answer?\n\n> Maybe.", "Yes.", (5, 7)),
    Proposal("faq", "What next?", "Prepare.", (11, 13)),
]


def make_model(qtbot: QtBot) -> ProposalTreeModel:
    model = ProposalTreeModel()
    # parented to the model, so it keeps checking every change the test makes
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
    model.set_drafts(drafts_for(PROPOSALS, "guide.md"))
    return model


def test_the_model_passes_qts_model_checks(qtmodeltester: ModelTester) -> None:
    model = ProposalTreeModel()
    model.set_drafts(drafts_for(PROPOSALS, "guide.md"))
    qtmodeltester.check(model)


def test_groups_follow_kind_order_and_rows_keep_source_order(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    assert model.kinds() == ["faq", "mistake", "checklist"]  # no empty principle group
    faq = model.index(0, 0)
    assert faq.data() == "Questions  ·  2 of 2 kept"
    assert [model.index(r, 0, faq).data() for r in range(2)] == ["Is it hard?", "What next?"]
    assert [model.index(r, 1, faq).data() for r in range(2)] == ["1–3", "11–13"]
    assert model.index(0, 0, model.index(1, 0)).data() == "Hedging — Maybe."
    assert model.index(0, 0, model.index(2, 0)).data() == "Prep (1 of 1): Read the memo …"
    assert [d.proposal for d in model.drafts()] == sorted(PROPOSALS, key=lambda p: p.source_lines)


def test_unchecking_a_card_drops_it_and_marks_the_group_partly_kept(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    faq = model.index(0, 0)
    with qtbot.waitSignal(model.changed):
        assert model.setData(model.index(1, 0, faq), Qt.CheckState.Unchecked.value, CHECK)
    assert faq.data(CHECK) == Qt.CheckState.PartiallyChecked
    assert faq.data() == "Questions  ·  1 of 2 kept"
    assert [card.front for card in model.accepted_cards()] == [
        "Is it hard?",
        "**Hedging**: what is the stronger answer?\n\n> Maybe.",
        "**Prep** (1 of 1): Read the memo …",
    ]
    model.setData(faq, Qt.CheckState.Unchecked, CHECK)
    assert faq.data(CHECK) == Qt.CheckState.Unchecked
    assert len(model.accepted_cards()) == 2
    model.setData(faq, Qt.CheckState.Checked, CHECK)
    assert len(model.accepted_cards()) == 4


def test_set_text_edits_the_card_and_marks_it_edited(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    row = model.index(0, 0, model.index(0, 0))
    model.set_text(row, "Is the loop hard?", "Very.")
    draft = model.draft_at(row)
    assert draft is not None and draft.edited
    assert row.data() == "Is the loop hard?  (edited)"
    assert summary_line(draft) == "Is the loop hard?  (edited)"
    assert model.accepted_cards()[0].back == "Very."
    assert model.draft_at(model.index(0, 0)) is None  # a group row holds no card


def test_only_the_card_column_is_checkable(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    row = model.index(0, 0, model.index(0, 0))
    assert model.flags(row) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(row.siblingAtColumn(1)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(row.siblingAtColumn(1), Qt.CheckState.Unchecked, CHECK)
    assert not model.setData(row, "text", Qt.ItemDataRole.EditRole)
