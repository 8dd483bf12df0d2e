"""The per-deck card counts kept by triggers (schema v4) always equal a count of the cards,
whatever writes them: adding, grading, suspending, moving, forgetting, deleting, a whole
deck deleted, an import, and undoing each. The home screen shows these counts."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import START
from trainer.app import open_services
from trainer.core.card_content import card_content
from trainer.core.cards import Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardId
from trainer.services.services import Services

ACTIONS = ("add", "grade", "suspend", "unsuspend", "move", "forget", "delete", "undo",
           "delete_deck", "import_csv")  # fmt: skip


def kept_and_counted(database: Path) -> tuple[set[tuple[int, int, int, int]], ...]:
    with closing(sqlite3.connect(database)) as connection:
        kept = connection.execute(
            "SELECT deck_id, suspended, state, cards FROM deck_card_counts WHERE cards != 0"
        ).fetchall()
        counted = connection.execute(
            "SELECT deck_id, suspended, state, count(*) FROM cards"
            " GROUP BY deck_id, suspended, state"
        ).fetchall()
    return set(kept), set(counted)


def some_cards(services: Services, pick: int, many: int) -> list[CardId]:
    with services.database.reads() as reads:
        ids = [CardId(row[0]) for row in reads.connection.execute("SELECT id FROM cards")]
    return ids[pick % max(len(ids), 1) :][:many] if ids else []


def act(services: Services, action: str, pick: int, data_dir: Path) -> None:
    decks = services.decks.decks()
    deck = decks[pick % len(decks)]
    if action == "add":
        services.card_edits.add(deck.id, card_content(f"Front {pick}", "Back", "t"))
    elif action == "grade":
        session = services.study.start_session()
        if session.current is not None:
            session.reveal()
            services.study.record(session.grade(Rating(1 + pick % 4)))
    elif action in ("suspend", "unsuspend"):
        services.card_edits.set_suspended(some_cards(services, pick, 3), action == "suspend")
    elif action == "move":
        services.card_edits.move(some_cards(services, pick, 4), deck.id)
    elif action == "forget":
        services.card_edits.forget(some_cards(services, pick, 2))
    elif action == "delete":
        services.card_edits.delete(some_cards(services, pick, 2))
    elif action == "undo":
        services.undo.undo()
    elif action == "delete_deck" and len(decks) > 1:
        services.decks.delete(deck.id)
    elif action == "import_csv":
        csv = data_dir / f"import-{pick}.csv"
        csv.write_text(f"front,back,tags\nImported {pick},Answer,x\nOther {pick},Two,y\n")
        services.exchange.import_file(csv, deck=f"Imported {pick % 3}")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 10_000)), max_size=12))
def test_the_kept_counts_equal_the_cards_after_any_sequence_of_actions(
    tmp_path_factory: object, steps: list[tuple[str, int]]
) -> None:
    data_dir = tmp_path_factory.mktemp("counts")  # type: ignore[attr-defined]
    services = open_services(data_dir, FixedClock(START), fuzzing=False)
    try:
        services.decks.create("Second deck")
        for action, pick in [("add", 0), *steps]:
            act(services, action, pick, data_dir)
            kept, counted = kept_and_counted(services.database.path)
            assert kept == counted, f"after {action}"
        home = {row.deck_id: row.cards for row in services.study.overview()}
        assert sum(home.values()) == sum(cards for *_k, cards in counted)
    finally:
        services.close()
