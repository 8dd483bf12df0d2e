"""The full-text index with prefix indexes (migration 12) finds what the syntax means.

A search's last word is a prefix; the index answers prefixes of 1-3 characters from lists
of their own. Short prefixes over random texts (accents, case, words that are prefixes of
each other) find exactly what `core.search.matches` finds, and an upgraded collection,
some of its cards still waiting for the deferred index, finds what it found before.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.storage.test_card_query import NOW, python_finds, sql_finds
from trainer.core.cards import NewCard
from trainer.core.clock import FixedClock
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.database import Database, open_database
from trainer.storage.migrations import SCHEMA_VERSION, schema_version
from trainer.storage.migrations.first_release import SEARCH_TRIGGERS

V11 = Path(__file__).parent / "fixtures" / "schema_v11.sqlite3"
LETTERS = "abAéÉèt"  # folded to a, b, e, t: words share their first letters
WORD = st.text(LETTERS, min_size=1, max_size=5)
TEXT = st.lists(WORD, max_size=4).map(" ".join)
CARD = st.tuples(TEXT, TEXT, st.lists(WORD, max_size=2))
PREFIX = st.text(LETTERS, min_size=1, max_size=3)
QUERY = st.one_of(
    PREFIX,
    st.tuples(PREFIX, PREFIX).map(" ".join),
    st.tuples(PREFIX, PREFIX).map(" or ".join),
    st.tuples(WORD, PREFIX).map(lambda pair: f'"{pair[0]} {pair[1]}"'),
    PREFIX.map(lambda prefix: f"-{prefix}"),
    PREFIX.map(lambda prefix: f"tag:{prefix}*"),
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    opened = open_database(tmp_path_factory.mktemp("prefix") / "c.sqlite3")
    with UnitOfWork(opened, FixedClock(NOW))() as collection:
        collection.decks.add("Words")
    yield opened
    opened.close()


def fill(database: Database, cards: list[tuple[str, str, list[str]]]) -> None:
    """The collection's cards replaced by `cards` (the index follows by its triggers)."""
    with UnitOfWork(database, FixedClock(NOW))() as collection:
        collection.cards.remove([card.id for card in collection.cards.all()])
        deck = collection.decks.all()[0]
        collection.cards.add(deck.id, [NewCard(f, b, tuple(t)) for f, b, t in cards])


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cards=st.lists(CARD, min_size=1, max_size=12), queries=st.lists(QUERY, min_size=1))
def test_short_prefixes_find_what_the_syntax_means(
    database: Database, cards: list[tuple[str, str, list[str]]], queries: list[str]
) -> None:
    fill(database, cards)
    for query in queries:
        assert sql_finds(database, query) == python_finds(database, query), query


def test_the_index_has_short_prefix_lists(database: Database) -> None:
    with closing(sqlite3.connect(database.path)) as connection:
        (definition,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'card_text'"
        ).fetchone()
    assert "prefix='1 2 3'" in definition


def index_is_whole(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("INSERT INTO card_text (card_text, rank) VALUES ('integrity-check', 1)")


def test_an_upgraded_collection_with_cards_waiting_finds_what_it_found(tmp_path: Path) -> None:
    path = tmp_path / "collection.sqlite3"
    shutil.copy(V11, path)
    with closing(sqlite3.connect(path)) as connection, connection:  # as an import leaves them
        connection.execute("DROP TRIGGER card_text_insert")
        connection.execute(
            "INSERT INTO cards (deck_id, guid, front, back, tags, source, origin, "
            "edited_by_user, suspended, state, reps, lapses, created_at, modified_at) "
            "SELECT deck_id, guid || '-copy', 'Ã waiting ' || front, back, tags, source, "
            "origin, 0, 0, 0, 0, 0, 0, 0 FROM cards"
        )
        connection.execute(
            "INSERT INTO card_text_pending SELECT id FROM cards WHERE guid LIKE '%-copy'"
        )
        connection.execute(SEARCH_TRIGGERS[0])
    queries = ("a", "wa", "wai", "waiting", "th", "-a", "d or e", "tag:a*", "my")
    database = open_database(path)
    try:
        with closing(sqlite3.connect(path)) as connection:
            assert schema_version(connection) == SCHEMA_VERSION
            assert connection.execute("SELECT count(*) FROM card_text_pending").fetchone() == (0,)
        for query in queries:
            assert sql_finds(database, query) == python_finds(database, query), query
        assert len(sql_finds(database, "wai")) >= 85  # every copy, found by the index now
    finally:
        database.close()
    index_is_whole(path)
