"""The browser's table model: Qt's model contract, lazy pages, sorting and searching in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from trainer.core.browse import CardSummary, FirstRows, SortColumn
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.search import SearchError, parse
from trainer.services.services import Services
from trainer.ui.card_table_model import CARD_ID_ROLE, COLUMNS, CardTableModel, due_text

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


class FakeSource:
    """N cards in memory; counts what the model asks for."""

    def __init__(self, count: int) -> None:
        self.cards = [
            CardSummary(
                id=CardId(n),
                deck_id=DeckId(1 + n % 3),
                deck=f"Deck {n % 3}",
                front=f"Question {n:06d}",
                tags=("t",) if n % 2 else (),
                state=CardState.REVIEW if n % 5 == 0 else CardState.NEW,
                suspended=n % 7 == 0,
                due=NOW + timedelta(days=n % 30) if n % 5 == 0 else None,
                last_review=NOW - timedelta(days=1) if n % 5 == 0 else None,
                lapses=n % 4,
            )
            for n in range(1, count + 1)
        ]
        self.searches: list[tuple[str, SortColumn, bool]] = []
        self.rows_read = 0

    def search(self, query: str, sort: SortColumn, descending: bool) -> list[CardId]:
        parse(query)  # raises SearchError like the service
        self.searches.append((query, sort, descending))
        found = [card for card in self.cards if query in card.front]
        key = {
            SortColumn.FRONT: lambda c: c.front,
            SortColumn.LAPSES: lambda c: (c.lapses, c.id),
        }.get(sort, lambda c: c.id)
        return [card.id for card in sorted(found, key=key, reverse=descending)]

    def first_rows(self, query: str, sort: SortColumn, descending: bool, rows: int) -> FirstRows:
        """Whole when fewer than `rows` are found, else the first rows (the rest on a thread)."""
        found = self.search(query, sort, descending)
        return FirstRows(found[:rows], complete=len(found) < rows)

    def rows(self, ids: Sequence[CardId]) -> list[CardSummary]:
        self.rows_read += len(ids)
        by_id = {card.id: card for card in self.cards}
        return [by_id[card_id] for card_id in ids]


def search_all(qtbot: QtBot, model: CardTableModel) -> None:
    """Search again and wait for the rest of the rows (found on a thread past the first)."""
    with qtbot.waitSignal(model.completed, timeout=10_000):
        model.refresh()


def test_qt_model_contract_on_a_fake_source(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    model = CardTableModel(FakeSource(250))
    search_all(qtbot, model)
    qtmodeltester.check(model)


def test_qt_model_contract_on_the_real_collection(
    qtmodeltester: ModelTester, services: Services
) -> None:
    model = CardTableModel(services.browse)
    model.set_query("tag:faq or is:new")
    assert model.rowCount() > 20
    qtmodeltester.check(model)


def test_only_the_pages_shown_are_read(qtbot: QtBot) -> None:
    source = FakeSource(100_000)
    model = CardTableModel(source)
    search_all(qtbot, model)
    assert model.rowCount() == 100_000
    assert source.rows_read == 0
    model.data(model.index(0, 0))
    model.data(model.index(99, 3))
    assert source.rows_read == CardTableModel.PAGE_SIZE
    model.data(model.index(54_321, 0))
    assert source.rows_read == 2 * CardTableModel.PAGE_SIZE
    assert model.data(model.index(54_321, 0)) == "Question 054322"


def test_the_page_cache_is_bounded(qtbot: QtBot) -> None:
    source = FakeSource(20_000)
    model = CardTableModel(source)
    search_all(qtbot, model)
    for row in range(0, 20_000, CardTableModel.PAGE_SIZE):
        model.data(model.index(row, 0))
    assert len(model._pages) == CardTableModel.MAX_PAGES


def test_cells_show_each_column() -> None:
    model = CardTableModel(FakeSource(10))
    model.refresh()
    row = model.row_of(CardId(5))  # a review card: due, interval, one lapse
    cells = [model.data(model.index(row, column)) for column in range(len(COLUMNS))]
    assert cells[:4] == ["Question 000005", "Deck 2", "t", "Review"]
    assert cells[4] == due_text(NOW + timedelta(days=5), learning=False)
    assert cells[5:] == ["6d", "1"]
    new = model.row_of(CardId(2))
    assert model.data(model.index(new, 4)) == "—" and model.data(model.index(new, 5)) == "—"
    suspended = model.row_of(CardId(7))
    assert model.data(model.index(suspended, 3)) == "Suspended"
    tip = model.data(model.index(suspended, 3), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("A suspended new card")
    assert model.data(model.index(suspended, 0), Qt.ItemDataRole.ForegroundRole) is not None
    # a suspended row stands out by its background too (Anki's yellow), in every column
    tints = [
        model.data(model.index(suspended, c), Qt.ItemDataRole.BackgroundRole)
        for c in range(len(COLUMNS))
    ]
    assert None not in tints and len({tint.name() for tint in tints}) == 1
    assert model.data(model.index(new, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(row, 0), CARD_ID_ROLE) == 5
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Front"


def test_sorting_and_searching_go_to_the_source_and_reset_the_rows(qtbot: QtBot) -> None:
    source = FakeSource(30)
    model = CardTableModel(source)
    model.refresh()
    with qtbot.waitSignal(model.modelReset):
        model.sort(COLUMNS.index(SortColumn.LAPSES), Qt.SortOrder.DescendingOrder)
    assert source.searches[-1] == ("", SortColumn.LAPSES, True)
    rows = [model.summary(row) for row in range(model.rowCount())]
    lapses = [row.lapses for row in rows if row is not None]
    assert lapses == sorted(lapses, reverse=True)
    model.set_query("00001")
    assert model.rowCount() == 11 and source.searches[-1] == ("00001", SortColumn.LAPSES, True)
    with pytest.raises(SearchError):
        model.set_query("is:nonsense")
    assert model.rowCount() == 11 and model.query == "00001"  # the old rows stay


def test_reload_rows_reads_them_again_in_the_same_order(qtbot: QtBot) -> None:
    source = FakeSource(10)
    model = CardTableModel(source)
    model.refresh()
    before = [model.card_id(row) for row in range(10)]
    model.data(model.index(0, 0))
    with qtbot.waitSignal(model.dataChanged):
        model.reload_rows()
    assert source.rows_read == 10
    source.cards[0] = CardSummary(**{**source.cards[0].__dict__, "front": "Changed"})
    assert model.data(model.index(model.row_of(CardId(1)), 0)) == "Changed"
    assert [model.card_id(row) for row in range(10)] == before


def test_rows_and_ids_outside_the_table() -> None:
    model = CardTableModel(FakeSource(3))
    model.refresh()
    assert model.card_id(3) is None and model.card_id(-1) is None
    assert model.row_of(CardId(99)) == -1
    assert model.data(model.index(5, 0)) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_due_dates_are_short() -> None:
    today = NOW.astimezone().date()
    soon = NOW.astimezone().replace(hour=14, minute=30)
    assert due_text(soon, learning=True, today=today) == "14:30"
    assert due_text(soon, learning=False, today=today) == f"{soon.day} {soon:%b}"
    later = soon.replace(year=soon.year + 1)
    assert due_text(later, learning=False, today=today) == f"{later.day} {later:%b} {later.year}"
