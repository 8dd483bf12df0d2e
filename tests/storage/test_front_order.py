"""The kept front order: every card as SQL's sort lists them, never an old order after a
commit (from this process or another); and a search's first rows, the head of its list."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from trainer.core.browse import FIRST_ROWS, WHOLE_LIST_BELOW, FirstRows, SortColumn
from trainer.core.cards import Memory, NewCard
from trainer.core.clock import FixedClock
from trainer.core.model import CardId, CardState
from trainer.core.search import parse
from trainer.services.browse_service import BrowseService
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage import search_repository
from trainer.storage.database import Database, open_database
from trainer.storage.rows import driver

from .test_card_query import NOW, QUERIES, make_collection, search_ids


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = make_collection(tmp_path)
    with UnitOfWork(opened, FixedClock(NOW))() as collection:  # equal fronts, other states
        deck = collection.decks.all()[0].id
        collection.cards.add(deck, [NewCard("Explain the GIL", f"again {n}", ()) for n in (1, 2)])
        twin = collection.cards.all()[-1]
        collection.cards.set_memory(twin.id, Memory(CardState.REVIEW, None, 3.0, 5.0, NOW, NOW))
    yield opened
    opened.close()


def sorted_by_sql(database: Database, query: str, descending: bool) -> list[CardId]:
    with database.transaction() as session:
        return search_ids(session, parse(query), NOW, SortColumn.FRONT, descending)


def fronts(browse: BrowseService, query: str) -> list[str]:
    return [row.front for row in browse.rows(browse.search(query))]


@pytest.mark.parametrize("descending", [False, True])
def test_searches_sorted_with_the_kept_order_list_what_sql_sorts(
    database: Database, descending: bool
) -> None:
    order = database.front_order
    assert len(order.ids()) == 11  # read: every card
    for query in QUERIES:
        with database.transaction() as session:
            kept = search_ids(
                session, parse(query), NOW, SortColumn.FRONT, descending, database.front_order
            )
        assert kept == sorted_by_sql(database, query, descending), query


def test_equal_fronts_keep_the_index_order_on_every_path(database: Database) -> None:
    """Three 'Explain the GIL' cards: the new one (id 10) first, then the two in review by
    due date (id 2 due yesterday, id 11 now), whichever path sorts them."""
    gil = sorted_by_sql(database, '"explain the gil"', False)
    assert gil == [10, 2, 11]
    with database.transaction() as session:
        everything = search_ids(session, parse(""), NOW, SortColumn.FRONT)  # the index walk
    assert [card_id for card_id in everything if card_id in set(gil)] == gil
    database.front_order.ids()
    with database.transaction() as session:
        kept = search_ids(session, parse("gil"), NOW, SortColumn.FRONT, False,
                          database.front_order)  # fmt: skip
    assert kept == gil


def test_an_edit_in_this_process_is_sorted_in_at_once(database: Database) -> None:
    uow = UnitOfWork(database, FixedClock(NOW))
    browse = BrowseService(uow, FixedClock(NOW))
    design = "tag:system-design"
    assert fronts(browse, design) == ["Design a cache", "Rate limiter design"]
    with uow() as collection:
        cache = next(card for card in collection.cards.all() if card.front == "Design a cache")
        collection.cards.update_content(
            cache.id, NewCard("Zoned cache", "LRU", cache.tags), by_user=True
        )
    assert fronts(browse, design) == ["Rate limiter design", "Zoned cache"]
    assert fronts(browse, "")[-1] == "Zoned cache"


def test_another_process_adding_renaming_and_deleting_is_seen(database: Database) -> None:
    """As `keeper add` or an import would, while the app shows the browser."""
    browse = BrowseService(UnitOfWork(database, FixedClock(NOW)), FixedClock(NOW))
    first = fronts(browse, "")
    assert first[0] == "Design a cache"
    other = open_database(database.path)
    try:
        with UnitOfWork(other, FixedClock(NOW))() as collection:
            deck = collection.decks.all()[0].id
            collection.cards.add(deck, [NewCard("Aardvark facts", "Ants", ("python",))])
        assert fronts(browse, "python") == [
            "Aardvark facts", "Explain the GIL", "What is a decorator?",
        ]  # fmt: skip
        with closing(sqlite3.connect(database.path)) as raw, raw:
            raw.execute(  # as another Keeper writes it: the front and its sort key
                "UPDATE cards SET front = 'Zzz last', front_key = 'zzz last'"
                " WHERE front = 'Aardvark facts'"
            )
        assert fronts(browse, "python")[-1] == "Zzz last"
        with UnitOfWork(other, FixedClock(NOW))() as collection:
            gone = [card.id for card in collection.cards.all() if card.front == "Zzz last"]
            collection.cards.remove(gone)
        assert "Zzz last" not in fronts(browse, "python or design")
        assert fronts(browse, "") == first
    finally:
        other.close()


def test_released_connections_take_the_kept_order_with_them(database: Database) -> None:
    kept = database.front_order
    kept.ids()
    database.release_connections()  # a restored file: its cards may be others
    assert database.front_order is not kept
    assert len(database.front_order.ids()) == 11


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SortColumn))
def test_the_first_rows_of_a_search_are_the_head_of_its_whole_list(
    database: Database, sort: SortColumn, descending: bool
) -> None:
    """The browser shows a search's first rows at once and adds the rest below when the
    whole list lands, or shows the whole list at once when the search finds few cards: the
    two must agree, whichever way the search was judged."""
    judged = set()
    for query in QUERIES:
        with database.transaction() as session:
            repository = search_repository.SearchRepository(session, database.front_order)
            whole = repository.ids(parse(query), NOW, sort, descending)
            for rows in (1, 3):
                # what the thread lands first when the GUI thread shows no rows
                assert repository.ids(parse(query), NOW, sort, descending, rows) == whole[:rows]
                for whole_list_below in (1, 5, 10_000):  # the head: every card, a few, one
                    first = repository.first_rows(
                        parse(query), NOW, sort, descending, rows, whole_list_below
                    )
                    shown = whole if first.complete else whole[: len(first.ids)]
                    assert first.ids == shown and len(first.ids) in (0, rows, len(whole)), query
                    judged.add(first.complete)
                    if whole_list_below == 1:  # every card in the head: judged by its count
                        assert first.complete == (len(whole) < rows), query
    assert judged == {True, False}


def test_a_search_finding_few_cards_comes_whole_and_a_broad_one_in_its_first_rows(
    database: Database,
) -> None:
    with database.transaction() as session:
        repository = search_repository.SearchRepository(session, database.front_order)
        every = repository.ids(parse(""), NOW)
        assert len(every) == 11
        narrow = repository.first_rows(parse(""), NOW, rows=3, whole_list_below=100)
        assert narrow.complete and narrow.ids == every  # 11 cards: few, past the first 3
        broad = repository.first_rows(parse(""), NOW, rows=3, whole_list_below=11)
        assert not broad.complete and broad.ids == every[:3]


def test_a_big_search_whose_cards_all_sort_late_is_left_whole_to_the_thread(
    tmp_path: Path,
) -> None:
    """The head of the front order is only a sample: a search finding more than
    WHOLE_LIST_BELOW cards, none of them in the head (a big deck whose fronts all start
    with 'z'), is broad after all: no rows at once, its whole list found on the browser's
    thread; sorted by another column, so is any broad search."""
    database = open_database(tmp_path / "c.sqlite3")
    try:
        uow = UnitOfWork(database, FixedClock(NOW))
        with uow() as collection:
            early = collection.decks.add("Early")
            late = collection.decks.add("Late")
            collection.cards.add(early.id, [NewCard(f"a{n:04}", "", ()) for n in range(300)])
            many = WHOLE_LIST_BELOW + 100
            collection.cards.add(late.id, [NewCard(f"z{n:04}", "", ()) for n in range(many)])
        browse = BrowseService(uow, FixedClock(NOW))
        assert len(browse.search("deck:Late")) == many
        for sort in (SortColumn.FRONT, SortColumn.DUE):
            assert browse.first_rows("deck:Late", sort) == FirstRows([], complete=False)
        assert browse.first_rows("", SortColumn.DECK) == FirstRows([], complete=False)
        assert browse.first_rows("").ids == browse.search("")[:FIRST_ROWS]
        few = browse.first_rows("deck:Late z00*")  # 100 of them: found whole at once
        assert few.complete and few.ids == browse.search("deck:Late z00*")
    finally:
        database.close()


@pytest.mark.parametrize("sort", [SortColumn.FRONT, SortColumn.LAPSES])
def test_the_first_rows_of_a_late_search_cost_no_more_for_more_cards(
    tmp_path: Path, sort: SortColumn
) -> None:
    """The GUI thread never sorts more than whole_list_below + 1 found cards: deciding that a
    search whose cards all sort past the head is too big to show at once takes no more
    steps of SQLite's engine for 1,200 cards than for 300 (sorting them all took 3 times
    as many)."""
    database = open_database(tmp_path / "c.sqlite3")
    try:
        uow = UnitOfWork(database, FixedClock(NOW))
        with uow() as collection:
            early = collection.decks.add("Early")
            collection.cards.add(early.id, [NewCard(f"a{n:04}", "", ()) for n in range(300)])
            for name, count in (("Big", 1_200), ("Small", 300)):  # both sort past the head
                deck = collection.decks.add(name)
                fronts = [NewCard(f"z {name} {n:04}", "", ()) for n in range(count)]
                collection.cards.add(deck.id, fronts)

        def steps(query: str) -> int:
            counted = [0]

            def step() -> int:
                counted[0] += 1
                return 0  # go on

            with database.transaction() as session:
                repository = search_repository.SearchRepository(session, database.front_order)
                driver(session).set_progress_handler(step, 1)
                first = repository.first_rows(parse(query), NOW, sort, rows=3, whole_list_below=50)
                driver(session).set_progress_handler(None, 1)
            assert not first.complete
            return counted[0]

        assert steps("deck:Big") <= steps("deck:Small")
    finally:
        database.close()
