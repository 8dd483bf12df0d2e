"""A dialog that lists the decks by name (import, export, the guide builder) opens without
reading the interview plan's counts: with a date set that read took 40-120 ms on the GUI
thread at 100,000 cards, for numbers the list never shows."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.ui import exchange_actions
from trainer.ui.guide_builder_dialog import GuideBuilderDialog


@pytest.fixture
def plan_reads_on_gui_thread(
    services: Services, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """With an interview date set: each read of the plan's counts on the GUI thread."""
    services.plan.set_interview_date(study_date(clock(), services.plan.zone) + timedelta(days=20))
    reads: list[str] = []
    counts = services.plan.todays_counts

    def recorded() -> object:
        if threading.current_thread() is threading.main_thread():
            reads.append("todays_counts")
        return counts()

    monkeypatch.setattr(services.plan, "todays_counts", recorded)
    return reads


def test_the_import_and_export_deck_lists_skip_the_plan(
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    plan_reads_on_gui_thread: list[str],
    tmp_path: Path,
) -> None:
    csv = tmp_path / "cards.csv"
    csv.write_text("front,back\nQ,A\n", encoding="utf-8")
    offered: list[list[str]] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(csv), ""))
    monkeypatch.setattr(
        exchange_actions, "ask_import_deck",
        lambda _parent, _path, decks: offered.append(decks) or exchange_actions.CANCELLED,
    )  # fmt: skip
    monkeypatch.setattr(
        exchange_actions, "ask_export_options",
        lambda _parent, decks: offered.append(decks),
    )  # fmt: skip
    assert exchange_actions.import_with_dialog(None, services) is False
    exchange_actions.export_with_dialog(None, services)
    names = [deck.name for deck in services.study.overview(planned=False)]
    assert offered == [names, names] and names
    assert plan_reads_on_gui_thread == []


def test_the_guide_builders_deck_list_skips_the_plan(
    qtbot: QtBot, services: Services, plan_reads_on_gui_thread: list[str]
) -> None:
    dialog = GuideBuilderDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    names = [dialog.deck.itemText(i) for i in range(dialog.deck.count())]
    assert names == [deck.name for deck in services.study.overview(planned=False)] and names
    assert plan_reads_on_gui_thread == []
