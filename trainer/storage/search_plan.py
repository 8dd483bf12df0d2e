"""How to put a search's results in front order: sort what was found, or walk the index.

Sorting costs about a microsecond per card found (each is looked up for its front), so it
wins for the usual search that finds a few thousand cards; walking `ix_cards_front` costs
about the same whatever is found, so it wins once a search finds a third of the collection
(every card, cards by state, a first letter typed, `-word`). The number of cards a word is
in comes from the full-text index's own vocabulary, in a millisecond or two.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from trainer.core.search import (
    And,
    Everything,
    HasStatus,
    Node,
    Not,
    Or,
    Text,
    text_query,
)

BROAD = 0.3  # walk the index once a search may find this share of the cards
SHORT_PREFIX = 2  # a word start this short is in most cards: no need to count

_VOCABULARY = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.card_words USING fts5vocab(main, card_text, row)"
)


def walks_front_index(session: Session, node: Node, *, text_index: bool) -> bool:
    """Whether ordering `node`'s cards by front is cheaper by walking ix_cards_front."""
    if states_only(node):
        return True
    if not text_index:
        return False
    total = int(session.execute(text("SELECT coalesce(max(id), 0) FROM cards")).scalar() or 0)
    if total == 0:
        return False
    session.execute(text(_VOCABULARY))
    return _estimate(session, node, total, int(BROAD * total)) > BROAD * total


def states_only(node: Node) -> bool:
    """Whether `node` tests nothing but the columns ix_cards_front holds (state, due...)."""
    if isinstance(node, Everything | HasStatus):
        return True
    if isinstance(node, Not):
        return states_only(node.node)
    if isinstance(node, And | Or):
        return all(states_only(child) for child in node.nodes)
    return False


def _estimate(session: Session, node: Node, total: int, enough: int) -> int:
    """About how many cards `node` finds (0 when unknown: deck: and tag: are sorted).
    Stops counting once the answer cannot go over `enough`."""
    if isinstance(node, Everything | HasStatus):
        return total
    if isinstance(node, Text):
        return _cards_with(session, node.value, total)
    if isinstance(node, Not):
        inner = node.node
        return total - _estimate(session, inner, total, 0) if isinstance(inner, Text) else 0
    if isinstance(node, And):  # as if the terms were independent, like most planners
        share = 1.0
        for child in sorted(node.nodes, key=lambda child: isinstance(child, Text)):
            share *= _estimate(session, child, total, enough) / total
            if share * total <= enough:
                break  # the cheap terms first; stop once it is narrow
        return int(share * total)
    if isinstance(node, Or):
        return min(total, sum(_estimate(session, child, total, enough) for child in node.nodes))
    return 0


def _cards_with(session: Session, value: str, total: int) -> int:
    """How many cards hold the word (a word start counts every word it starts). A phrase
    counts as narrow: its words together are far rarer than each alone."""
    words, prefix = text_query(value)
    if len(words) != 1:
        return 0  # a phrase, or punctuation only (scanned, and rare)
    word = words[0]
    if not prefix:
        where, params = "term = :a", {"a": word}
    elif len(word) <= SHORT_PREFIX:
        return total
    else:
        after = word[:-1] + chr(ord(word[-1]) + 1)
        where, params = "term >= :a AND term < :b", {"a": word, "b": after}
    query = text(f"SELECT coalesce(sum(doc), 0) FROM temp.card_words WHERE {where}")
    return int(session.execute(query, params).scalar() or 0)
