"""Search compiled to SQL finds exactly what `core.search.matches` says, on a real collection.

Case and accents, every operator, random combinations (hypothesis); the full-text index kept
in step by its triggers; the scan used when SQLite has no FTS5; sorting by every column.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.core.browse import CardSummary, SortColumn
from trainer.core.cards import Memory, NewCard
from trainer.core.clock import FixedClock
from trainer.core.model import CardId, CardKind, CardState, Deck, DeckId
from trainer.core.search import Node, matches, parse
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.card_query import compile_search, has_text_index
from trainer.storage.collection import Collection
from trainer.storage.database import Database, open_database
from trainer.storage.front_order import FrontOrder
from trainer.storage.models import CardRow
from trainer.storage.search_repository import SearchRepository

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)

DECKS = ("Python", "Système Design", "java basics")
CARDS = (
    # deck, front, back, tags
    (0, "What is a **decorator**?", "A function wrapping a function.", ("python", "functions")),
    (0, "Explain the GIL", "Global Interpreter Lock: one thread runs bytecode.", ("python",)),
    (0, "List comprehension vs map()", "Both build lists; -> prefer clarity.", ("style",)),
    (1, "Design a cache", "Use LRU; think about invalidation.", ("system-design", "caching")),
    (1, "Qu'est-ce qu'un CAFÉ?", "Une boisson. Résumé: café noir.", ("français",)),
    (1, "Rate limiter design", "Token bucket or leaky bucket.", ("system-design",)),
    (2, "What is the JVM?", "The Java virtual machine.", ()),
    (2, "Garbage collection", "Mark and sweep; generational GC.", ("memory", "gc")),
    (2, "Naïve string search", "O(n*m) in the worst case.", ("algorithms",)),
)
MEMORIES = {
    1: Memory(CardState.REVIEW, None, 5.0, 5.0, NOW - timedelta(days=1), NOW - timedelta(days=6)),
    3: Memory(CardState.LEARNING, 1, 1.0, 5.0, NOW + timedelta(minutes=10), NOW),
    4: Memory(
        CardState.RELEARNING, 0, 2.0, 6.0, NOW - timedelta(minutes=1), NOW - timedelta(hours=1)
    ),
    6: Memory(
        CardState.REVIEW, None, 30.0, 4.0, NOW + timedelta(days=20), NOW - timedelta(days=10)
    ),
    7: Memory(
        CardState.REVIEW, None, 9.0, 4.0, NOW - timedelta(days=2), NOW - timedelta(days=9), 4, 2
    ),
}
SUSPENDED = {4, 7}
TYPED = [  # added after CARDS: a cloze text's two cards and a spoken prompt
    NewCard("{{c1::Zed}} and {{c2::Yod}}", "", kind=CardKind.CLOZE, cloze=1, note_guid="n"),
    NewCard("{{c1::Zed}} and {{c2::Yod}}", "", kind=CardKind.CLOZE, cloze=2, note_guid="n"),
    NewCard("Say aloud: why Keeper?", "Two minutes", kind=CardKind.SPOKEN),
]

QUERIES = (
    "", "python", "PYTHON", "pyth", "ython", "cafe", "CAFÉ", "resume", "naive", "design",
    "design cache", '"token bucket"', '"bucket token"', '"rate lim"', "function", "->",
    '"->"', "o(n*m)", "c++", "deck:python", "deck:PY*", "deck:*design", "deck:systeme*",
    'deck:"java basics"', "deck:java", "deck:nothing", "tag:python", "tag:PYTHON",
    "tag:system-design", "tag:system*", "tag:*ing", "tag:francais", "tag:français", "tag:*",
    "is:new", "is:learning", "is:review", "is:due", "is:suspended", "-is:new", "-is:due",
    "-python", "python or java", "design or -tag:*", "(cache or jvm) -deck:java*",
    "-(is:new or is:suspended)", "tag:python function", "is:review -is:suspended deck:*",
    'design "cache" or naive tag:algorithms',
)  # fmt: skip
TYPE_QUERIES = (
    "type:cloze", "TYPE:Spoken", "type:basic", "-type:basic", "type:cloze or type:spoken",
    "zed type:cloze", "-type:cloze is:new", "deck:java* type:basic",
)  # fmt: skip


def search_ids(
    session: Session,
    node: Node,
    now: datetime,
    sort: SortColumn = SortColumn.FRONT,
    descending: bool = False,
    front_order: FrontOrder | None = None,
) -> list[CardId]:
    """What the browser's search finds, sorted in SQL unless given the kept front order."""
    return SearchRepository(session, front_order).ids(node, now, sort, descending)


def summaries(session: Session, ids: list[CardId]) -> list[CardSummary]:
    return SearchRepository(session).rows(ids)


def make_collection(folder: Path) -> Database:
    database = open_database(folder / "c.sqlite3")
    uow = UnitOfWork(database, FixedClock(NOW))
    with uow() as collection:
        decks = [collection.decks.add(name) for name in DECKS]
        for deck, front, back, tags in CARDS:
            collection.cards.add(decks[deck].id, [NewCard(front, back, tags)])
        cards = collection.cards.all()
        for index, memory in MEMORIES.items():
            collection.cards.set_memory(cards[index].id, memory)
        collection.cards.set_suspended([cards[index].id for index in SUSPENDED], True)
    return database


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    opened = make_collection(tmp_path_factory.mktemp("query"))
    yield opened
    opened.close()


def sql_finds(database: Database, query: str) -> set[int]:
    with database.transaction() as session:
        return set(search_ids(session, parse(query), NOW))


def python_finds(database: Database, query: str) -> set[int]:
    node = parse(query)
    with database.transaction() as session:
        collection = Collection(session, NOW)
        names = {deck.id: deck.name for deck in collection.decks.all()}
        return {
            int(card.id)
            for card in collection.cards.all()
            if matches(node, card, names[card.deck_id], NOW)
        }


@pytest.fixture(scope="module")
def typed_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The collection with a cloze text's two cards and a spoken prompt added."""
    opened = make_collection(tmp_path_factory.mktemp("typed"))
    with UnitOfWork(opened, FixedClock(NOW))() as collection:
        java = next(deck for deck in collection.decks.all() if deck.name == "java basics")
        collection.cards.add(java.id, TYPED)
    yield opened
    opened.close()


@pytest.mark.parametrize("query", TYPE_QUERIES)
def test_type_searches_find_what_the_syntax_means(typed_database: Database, query: str) -> None:
    assert sql_finds(typed_database, query) == python_finds(typed_database, query)


def test_type_searches_spelled_out(typed_database: Database) -> None:
    with typed_database.transaction() as session:
        cards = {card.id: card for card in Collection(session, NOW).cards.all()}
    cloze = {cards[CardId(i)].cloze for i in sql_finds(typed_database, "type:cloze")}
    spoken = {cards[CardId(i)].front for i in sql_finds(typed_database, "type:spoken")}
    assert (cloze, spoken) == ({1, 2}, {"Say aloud: why Keeper?"})
    assert len(sql_finds(typed_database, "type:basic")) == len(CARDS)


def test_the_collection_has_the_text_index(database: Database) -> None:
    with database.transaction() as session:
        assert has_text_index(session)


@pytest.mark.parametrize("query", QUERIES)
def test_sql_finds_what_the_syntax_means(database: Database, query: str) -> None:
    assert sql_finds(database, query) == python_finds(database, query)


def test_a_few_answers_spelled_out(database: Database) -> None:
    def fronts(query: str) -> set[str]:
        ids = sql_finds(database, query)
        with database.transaction() as session:
            return {card.front for card in Collection(session, NOW).cards.all() if card.id in ids}

    assert fronts("cafe") == {"Qu'est-ce qu'un CAFÉ?"}
    assert fronts("naive") == {"Naïve string search"}
    assert fronts('"token bucket"') == {"Rate limiter design"}
    assert fronts("deck:systeme*") == {
        "Design a cache",
        "Qu'est-ce qu'un CAFÉ?",
        "Rate limiter design",
    }
    assert fronts("tag:system-design") == {"Design a cache", "Rate limiter design"}
    assert fronts("is:due") == {"Explain the GIL"}  # the other due cards are suspended

    # Free words search the front, back and tags, not the deck's name.
    assert fronts("python or jvm") == {
        "What is a **decorator**?", "Explain the GIL", "What is the JVM?",
    }  # fmt: skip


WORDS = ("python", "PYTH", "cafe", "café", "design", "bucket", "gc", "the", "ython", "->")
TERMS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(lambda word: f'"{word} bucket"'),
    st.sampled_from(("py*", "*design", "java basics", "système*", "x")).map(
        lambda name: f'deck:"{name}"'
    ),
    st.sampled_from(("python", "system*", "*ing", "gc", "none")).map(lambda tag: f"tag:{tag}"),
    st.sampled_from(("new", "learning", "review", "due", "suspended")).map(lambda s: f"is:{s}"),
)
QUERY = st.recursive(
    TERMS,
    lambda inner: st.one_of(
        inner.map(lambda q: f"-{q}" if not q.startswith("-") else q),
        st.tuples(inner, inner).map(lambda pair: f"{pair[0]} {pair[1]}"),
        st.tuples(inner, inner).map(lambda pair: f"{pair[0]} or {pair[1]}"),
        inner.map(lambda q: f"({q})"),
    ),
    max_leaves=6,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERY)
def test_random_combinations_agree(database: Database, query: str) -> None:
    assert sql_finds(database, query) == python_finds(database, query)


def test_the_index_follows_edits_deletes_and_raw_inserts(tmp_path: Path) -> None:
    database = make_collection(tmp_path)
    uow = UnitOfWork(database, FixedClock(NOW))
    with uow() as collection:
        cache = next(card for card in collection.cards.all() if card.front == "Design a cache")
        collection.cards.update_content(
            cache.id, NewCard("Design a queue", "FIFO", ()), by_user=True
        )
    assert sql_finds(database, "cache") == set()
    assert sql_finds(database, "queue") == {cache.id}
    with uow() as collection:
        collection.cards.remove([cache.id])
    assert sql_finds(database, "queue") == set()
    with closing(sqlite3.connect(database.path)) as raw, raw:  # e.g. a bulk importer
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute(
            "INSERT INTO cards (deck_id, guid, front, back, tags, source, origin, edited_by_user,"
            " suspended, state, reps, lapses, created_at, modified_at)"
            " VALUES (1, 'raw-1', 'Zebra crossing', 'Stripes', ' road ', '', 'user', 0, 0, 0,"
            " 0, 0, 0, 0)"
        )
        raw.execute("DELETE FROM decks WHERE name = 'java basics'")  # cascades to its cards
    assert len(sql_finds(database, "zebra tag:road")) == 1
    assert sql_finds(database, "jvm") == set()
    with closing(sqlite3.connect(database.path)) as raw:
        assert raw.execute("INSERT INTO card_text (card_text, rank) VALUES ('integrity-check', 1)")
    database.close()


def test_without_fts5_the_text_is_scanned_and_finds_a_superset(database: Database) -> None:
    """A SQLite built without FTS5 skips the index; words then match anywhere in the text."""

    def ids(query: str, text_index: bool) -> set[int]:
        decks = [Deck(DeckId(i), name) for i, name in enumerate(DECKS, start=1)]
        where = compile_search(parse(query), decks, NOW, text_index=text_index)
        with database.transaction() as session:
            return set(session.scalars(select(CardRow.id).where(where)))

    for query in ("python", "design cache", '"token bucket"', "tag:python", "is:due"):
        assert ids(query, True) <= ids(query, False), query
    assert ids("ython", True) == set()
    assert ids("ython", False) == ids("python", True)  # inside a word: only a scan finds it


@pytest.mark.parametrize("column", list(SortColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_in_sql(
    database: Database, column: SortColumn, descending: bool
) -> None:
    with database.transaction() as session:
        ids = search_ids(session, parse(""), NOW, column, descending)
        rows = summaries(session, ids)
    assert [row.id for row in rows] == ids
    assert len(ids) == len(CARDS)
    key = {
        SortColumn.FRONT: lambda row: row.front.lower(),
        SortColumn.DECK: lambda row: row.deck.lower(),
        SortColumn.TAGS: lambda row: " ".join(row.tags).lower(),
        SortColumn.STATE: lambda row: int(row.state),
        SortColumn.DUE: lambda row: row.due,
        SortColumn.INTERVAL: lambda row: row.interval,
        SortColumn.LAPSES: lambda row: row.lapses,
    }[column]
    values = [key(row) for row in rows]
    present = [value for value in values if value is not None]
    assert present == sorted(present, reverse=descending)
    if None in values:  # cards never studied come last either way
        assert values[len(present) :] == [None] * (len(values) - len(present))


def test_front_sort_with_a_filter_matches_the_unfiltered_order(database: Database) -> None:
    with database.transaction() as session:
        everything = search_ids(session, parse(""), NOW, SortColumn.FRONT)
        some = search_ids(session, parse("-is:new"), NOW, SortColumn.FRONT)
    assert some == [card_id for card_id in everything if card_id in set(some)]


def test_summaries_skip_cards_that_are_gone_and_keep_the_order(database: Database) -> None:
    with database.transaction() as session:
        ids = search_ids(session, parse(""), NOW, SortColumn.LAPSES, True)
        rows = summaries(session, [ids[2], CardId(99999), ids[0]])
    assert [row.id for row in rows] == [ids[2], ids[0]]
    assert rows[1].lapses == 2 and rows[1].deck == "java basics"
    assert rows[1].interval == timedelta(days=7)


@pytest.mark.parametrize("query", ["the", "cache", "-cache", "py", "python or garbage"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_filtered_front_order_is_the_unfiltered_one_filtered(
    database: Database, query: str, descending: bool
) -> None:
    with database.transaction() as session:
        everything = search_ids(session, parse(""), NOW, SortColumn.FRONT, descending)
        found = search_ids(session, parse(query), NOW, SortColumn.FRONT, descending)
    assert found == [card_id for card_id in everything if card_id in set(found)]
