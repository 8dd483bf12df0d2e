"""The database tables, as SQLAlchemy 2 declarative models. Rows never leave `storage`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from trainer.core.browse import front_sort_key
from trainer.storage.types import Tags, UTCDateTime


class Base(DeclarativeBase):
    pass


# Every table a user adds rows to: ids are never handed out twice (schema v6), so undo can
# put rows back under their own ids.
_NEVER_REUSED = {"sqlite_autoincrement": True}


class DeckRow(Base):
    __tablename__ = "decks"
    __table_args__ = _NEVER_REUSED

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String, default="user")
    new_per_day: Mapped[int] = mapped_column(Integer, default=20)
    reviews_per_day: Mapped[int] = mapped_column(Integer, default=200)
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    # Steps in seconds, space separated: "60 600".
    learning_steps: Mapped[str] = mapped_column(String, default="60 600")
    relearning_steps: Mapped[str] = mapped_column(String, default="600")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _front_key_of_row(context: DefaultExecutionContext) -> str:
    return front_sort_key(context.get_current_parameters()["front"])


class CardRow(Base):
    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"))
    guid: Mapped[str] = mapped_column(String, unique=True)
    front: Mapped[str] = mapped_column(Text)
    # What the browser sorts the front by (migration 6); filled from `front` on insert.
    front_key: Mapped[str] = mapped_column(Text, default=_front_key_of_row)
    back: Mapped[str] = mapped_column(Text)
    tags: Mapped[tuple[str, ...]] = mapped_column(Tags, default=())
    source: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String, default="user")
    edited_by_user: Mapped[bool] = mapped_column(default=False)
    # How the card asks (migration 10): core.model.CardKind, the cloze gap it asks, and
    # the guid its cloze siblings share.
    kind: Mapped[str] = mapped_column(String, default="basic")
    cloze: Mapped[int] = mapped_column(Integer, default=0)
    note_guid: Mapped[str] = mapped_column(String, default="")
    suspended: Mapped[bool] = mapped_column(default=False)
    # FSRS memory, flattened so the due queries are plain indexed SQL.
    state: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int | None] = mapped_column(Integer, default=0)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        # Serves "how many due in each deck" and "the next due cards" without a table scan.
        Index("ix_cards_deck_queue", "deck_id", "suspended", "state", "due"),
        # The browser's default order (migration 7). The browser's full-text index,
        # `card_text`, is an FTS5 table kept by triggers (storage/migrations.py); no model.
        Index("ix_cards_front", "front_key", "state", "suspended", "due"),
        # A cloze text's siblings (migration 10); only cards that have siblings are in it.
        Index("ix_cards_note", "note_guid", sqlite_where=text("note_guid != ''")),
        _NEVER_REUSED,
    )


class ReviewRow(Base):
    """One grade. The card's memory before it is kept so undo restores the card exactly.

    Append-only: a log entry is never updated. It is deleted only with its card (a card or
    deck deleted) or by undoing the grade that made it; undoing that delete puts it back
    whole, under its own id and guid."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String)  # global: "review:<hex>"
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    before_state: Mapped[int] = mapped_column(Integer)
    before_step: Mapped[int | None] = mapped_column(Integer)
    before_stability: Mapped[float | None] = mapped_column(Float)
    before_difficulty: Mapped[float | None] = mapped_column(Float)
    before_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    before_last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    before_reps: Mapped[int] = mapped_column(Integer, default=0)
    before_lapses: Mapped[int] = mapped_column(Integer, default=0)
    after_state: Mapped[int] = mapped_column(Integer)
    after_stability: Mapped[float | None] = mapped_column(Float)
    after_difficulty: Mapped[float | None] = mapped_column(Float)
    after_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The study day it was made on, `date.toordinal()`; a trigger fills it when left out.
    study_day: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_reviews_time", "reviewed_at"),
        Index("ix_reviews_day", "study_day"),
        # Covering for per-deck retention and today's counts (migration 3).
        Index("ix_reviews_card", "card_id", "reviewed_at", "before_state", "rating"),
        Index("ix_reviews_guid", "guid", unique=True),
        _NEVER_REUSED,
    )


class StoryRow(Base):
    __tablename__ = "stories"
    __table_args__ = (Index("ix_stories_guid", "guid", unique=True), _NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String)  # global: "story:<hex>"
    title: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    situation: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    risk: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    post_mortem: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[tuple[str, ...]] = mapped_column(Tags, default=())
    target_seconds: Mapped[int] = mapped_column(Integer, default=120)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SpokenAttemptRow(Base):
    """One spoken rehearsal: its figures, the coach's rule ids (space separated), the timed
    words as JSON, and the recording only if the user keeps audio."""

    __tablename__ = "spoken_attempts"
    __table_args__ = (Index("ix_spoken_attempts_story", "story_id", "recorded_at"), _NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_seconds: Mapped[float] = mapped_column(Float)
    target_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    word_count: Mapped[int] = mapped_column(Integer)
    words_per_minute: Mapped[float] = mapped_column(Float)
    filler_count: Mapped[int] = mapped_column(Integer)
    fillers_per_minute: Mapped[float] = mapped_column(Float)
    longest_pause_seconds: Mapped[float] = mapped_column(Float)
    i_count: Mapped[int] = mapped_column(Integer)
    we_count: Mapped[int] = mapped_column(Integer)
    finding_rules: Mapped[str] = mapped_column(Text)
    words: Mapped[str] = mapped_column(Text)
    audio: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class SettingRow(Base):
    """Small app-wide values (JSON text): FSRS parameters, theme, built-in content version."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
