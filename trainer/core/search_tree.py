"""The search tree that core/search.py parses a query into: one node per kind of term.

Plain data: the storage layer compiles a tree to SQL, `core.search.matches` gives its
reference meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trainer.core.model import CardKind


class SearchError(ValueError):
    """The query cannot be understood; the message says which part and what is allowed."""


class Status(StrEnum):
    """The values of `is:`."""

    NEW = "new"
    LEARNING = "learning"  # learning or relearning: on the short clock
    REVIEW = "review"  # graduated to day-long intervals
    DUE = "due"  # studied before and due now (suspended cards are never due)
    SUSPENDED = "suspended"


@dataclass(frozen=True)
class Everything:
    """The empty query: every card."""


@dataclass(frozen=True)
class Text:
    """A free word or a quoted phrase, as typed (case and accents are ignored when matching)."""

    value: str


@dataclass(frozen=True)
class InDeck:
    pattern: str  # whole deck name, `*` matches any characters


@dataclass(frozen=True)
class HasTag:
    pattern: str  # whole tag, `*` matches any characters


@dataclass(frozen=True)
class HasStatus:
    status: Status


@dataclass(frozen=True)
class HasKind:
    kind: CardKind  # `type:cloze`: how the card asks


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


Node = Everything | Text | InDeck | HasTag | HasStatus | HasKind | Not | And | Or
