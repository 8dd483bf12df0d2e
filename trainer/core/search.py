"""The search syntax shared by the browser and `keeper cards`, parsed into a small tree.

    design "system design" deck:python* tag:behavioral is:due -is:suspended (star or story)

Free words must all match, each at the start of a word, ignoring case and accents;
`"quoted phrases"` match consecutive words; `deck:` and `tag:` match a whole name with `*`
as a wildcard; `is:` picks a state; `type:` a card type (basic, cloze, spoken); `-`
negates; `or` between terms; parentheses group.
The storage layer compiles the tree to SQL; `matches` here is the reference meaning that
SQL must agree with (the tests hold the two together). Plain Python, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from trainer.core.cards import Card
from trainer.core.model import CardKind, CardState
from trainer.core.search_tree import (
    And,
    Everything,
    HasKind,
    HasStatus,
    HasTag,
    InDeck,
    Node,
    Not,
    Or,
    SearchError,
    Status,
    Text,
)

_KEYS = ("deck", "tag", "is", "type")

# Bounds no search a person writes comes near; past them, a clear error instead of a
# recursion error, SQLite's "expression tree is too large", or seconds of work.
MAX_CHARS = 2000
MAX_DEPTH = 10  # parentheses inside parentheses; SQLite's parser gives out near 17
MAX_TERMS = 200


# Parsing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "term", "or", "not", "(", ")"
    node: Node | None = None


def parse(query: str) -> Node:
    """The tree for `query`. Lenient with half-typed input (an open quote or parenthesis,
    a dangling `or`, a lone `-`); raises `SearchError` for an unknown `is:` value, text
    that is not valid Unicode, and a search past MAX_CHARS, MAX_DEPTH or MAX_TERMS."""
    _check_size(query)
    tokens = list(_tokenize(query.replace("\x00", " ")))  # SQLite ends a string at a NUL
    terms = sum(token.kind == "term" for token in tokens)
    if terms > MAX_TERMS:
        raise SearchError(f"the search has {terms:,} terms; at most {MAX_TERMS} are allowed")
    return _Parser(tokens).parse_all()


def _check_size(query: str) -> None:
    if len(query) > MAX_CHARS:
        raise SearchError(
            f"the search is {len(query):,} characters long; at most {MAX_CHARS:,} are allowed"
        )
    for at, char in enumerate(query):
        if "\ud800" <= char <= "\udfff":  # a lone surrogate: an undecodable byte in argv
            raise SearchError(f"character {at + 1} of the search is not valid text")


class _Parser:
    """Recursive descent: or_expr := and_expr ("or" and_expr)*; and_expr := unary+;
    unary := "-" unary | "(" or_expr ")" | term."""

    def __init__(self, tokens: Sequence[_Token]) -> None:
        self._tokens = tokens
        self._at = 0

    def parse_all(self) -> Node:
        nodes = [self.parse_or()]
        while self._peek() is not None:  # a stray ")" cannot stop the query
            self._take()
            nodes.append(self.parse_or())
        return both(nodes)

    def parse_or(self) -> Node:
        alternatives = [self.parse_and()]
        while self._peek() == "or":
            self._take()
            alternatives.append(self.parse_and())
        # A dangling `or` ("a or", "or b") is ignored rather than matching everything.
        return either([node for node in alternatives if node != Everything()])

    def parse_and(self) -> Node:
        terms: list[Node] = []
        while self._peek() not in (None, "or", ")"):
            terms.append(self.parse_unary())
        return both(terms)

    def parse_unary(self) -> Node:
        negated = False
        while self._peek() == "not":  # a loop: "----a" must not recurse once per "-"
            self._take()
            if self._peek() in (None, "or", ")"):
                return Everything()  # a lone "-" while typing
            negated = not negated
        token = self._take()
        if token.kind == "(":
            node = self.parse_or()
            if self._peek() == ")":
                self._take()
        else:
            assert token.node is not None
            node = token.node
        return negate(node) if negated and node != Everything() else node

    def _peek(self) -> str | None:
        return self._tokens[self._at].kind if self._at < len(self._tokens) else None

    def _take(self) -> _Token:
        token = self._tokens[self._at]
        self._at += 1
        return token


def both(nodes: Sequence[Node]) -> Node:
    """All of `nodes`, flattened; no node at all is Everything."""
    flat: list[Node] = []
    for node in nodes:
        if isinstance(node, And):
            flat.extend(node.nodes)
        elif node != Everything():
            flat.append(node)
    if not flat:
        return Everything()
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def either(nodes: Sequence[Node]) -> Node:
    """Any of `nodes`, flattened; no node at all is Everything."""
    flat: list[Node] = []
    for node in nodes:
        flat.extend(node.nodes if isinstance(node, Or) else (node,))
    if not flat:
        return Everything()
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def negate(node: Node) -> Node:
    return node.node if isinstance(node, Not) else Not(node)


def _tokenize(query: str) -> Iterator[_Token]:
    at, depth, end = 0, 0, len(query)
    while at < end:
        char = query[at]
        if char.isspace():
            at += 1
        elif char == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise SearchError(f"parentheses nest more than {MAX_DEPTH} deep")
            at += 1
            yield _Token("(")
        elif char == ")" and depth > 0:
            depth -= 1
            at += 1
            yield _Token(")")
        elif char == "-":
            at += 1
            if at < end and not query[at].isspace():
                yield _Token("not")
            # a lone "-" (still typing, or a dash between words) is ignored
        elif char == '"':
            value, at = _quoted(query, at)
            if value.strip():
                yield _Token("term", Text(" ".join(value.split())))
        else:
            word, at = _word(query, at, depth)
            token = _term(word)
            if token is not None:
                yield token


def _quoted(query: str, at: int) -> tuple[str, int]:
    """The text between a quote at `at` and the next one (or the end), and where it stops."""
    close = query.find('"', at + 1)
    if close < 0:
        return query[at + 1 :], len(query)
    return query[at + 1 : close], close + 1


def _word(query: str, at: int, depth: int) -> tuple[str, int]:
    """A bare word: up to a space, or a `)` closing an open group. `key:"a b"` keeps its
    quoted value whole, and `f(x)` keeps its own parentheses."""
    start, inner = at, 0
    while at < len(query):
        char = query[at]
        if char.isspace():
            break
        if char == '"' and _is_key(query[start:at]):
            _, at = _quoted(query, at)
            continue
        if char == "(":
            inner += 1
        elif char == ")":
            if inner == 0 and depth > 0:
                break
            inner = max(0, inner - 1)
        at += 1
    return query[start:at], at


def _is_key(prefix: str) -> bool:
    key, colon, rest = prefix.partition(":")
    return bool(colon) and not rest and key.lower() in _KEYS


def _term(word: str) -> _Token | None:
    if word.lower() == "or":
        return _Token("or")
    if word.lower() == "and":
        return None  # terms are joined by "and" anyway
    key, colon, value = word.partition(":")
    key = key.lower()
    if colon and key in _KEYS:
        if value.startswith('"'):
            value = value[1:-1] if value.endswith('"') and len(value) > 1 else value[1:]
        value = value.strip()
        if not value:
            return None  # "deck:" while the name is still being typed
        if key == "deck":
            return _Token("term", InDeck(value))
        if key == "tag":
            return _Token("term", HasTag(value))
        if key == "type":
            return _Token("term", HasKind(_kind(value)))
        return _Token("term", HasStatus(_status(value)))
    return _Token("term", Text(word))


# Anki's spellings, for people who search by habit.
_STATUS_ALIASES = {"learn": Status.LEARNING, "susp": Status.SUSPENDED}


def _status(value: str) -> Status:
    alias = _STATUS_ALIASES.get(value.lower())
    if alias is not None:
        return alias
    try:
        return Status(value.lower())
    except ValueError:
        *rest, last = (f"is:{status.value}" for status in Status)
        raise SearchError(f"is:{value} is not known; use {', '.join(rest)} or {last}") from None


def _kind(value: str) -> CardKind:
    try:
        return CardKind(value.lower())
    except ValueError:
        *rest, last = (f"type:{kind.value}" for kind in CardKind)
        raise SearchError(f"type:{value} is not known; use {', '.join(rest)} or {last}") from None


# Matching: the reference meaning --------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: 'Ébauche' -> 'ebauche'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_TOKEN = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words search sees in `text`: runs of letters and digits, folded.

    Mirrors SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer, which the storage
    layer indexes card text with."""
    return _TOKEN.findall(fold(text))


def text_query(value: str) -> tuple[tuple[str, ...], bool]:
    """The words of a free word or phrase, and whether the last one may be the start of a
    word: it may unless the text ends in punctuation (`design` finds 'designer', `c++` finds
    the word 'c' only). A trailing `*` is allowed and changes nothing."""
    value = value.rstrip("*")
    found = tuple(words(value))
    return found, bool(found) and bool(_TOKEN.search(fold(value[-1:])))


def matches(node: Node, card: Card, deck_name: str, now: datetime) -> bool:
    """Whether `card` (in deck `deck_name`) is found by `node` at time `now`."""
    if isinstance(node, Everything):
        return True
    if isinstance(node, Text):
        return _text_matches(node.value, card)
    if isinstance(node, InDeck):
        return wildcard_regex(fold(node.pattern)).fullmatch(fold(deck_name)) is not None
    if isinstance(node, HasTag):
        joined = f" {' '.join(card.tags)} " if card.tags else ""  # stored so: ' a b c '
        return tag_regex(node.pattern).search(joined) is not None
    if isinstance(node, HasStatus):
        return _has_status(node.status, card, now)
    if isinstance(node, HasKind):
        return card.kind is node.kind
    if isinstance(node, Not):
        return not matches(node.node, card, deck_name, now)
    if isinstance(node, And):
        return all(matches(child, card, deck_name, now) for child in node.nodes)
    return any(matches(child, card, deck_name, now) for child in node.nodes)


def _text_matches(value: str, card: Card) -> bool:
    wanted, prefix = text_query(value)
    if not wanted:  # only punctuation, like "->": a plain substring of the front or back
        needle = ascii_lower(value.rstrip("*"))
        return any(needle in ascii_lower(field) for field in (card.front, card.back))
    fields = (card.front, card.back, " ".join(card.tags))
    return any(_phrase_in(wanted, prefix, words(field)) for field in fields)


def ascii_lower(text: str) -> str:
    """Lower case for A-Z only, as SQL's LIKE compares."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def _phrase_in(wanted: tuple[str, ...], prefix: bool, found: list[str]) -> bool:
    size = len(wanted)
    for start in range(len(found) - size + 1):
        window = found[start : start + size]
        if window[:-1] != list(wanted[:-1]):
            continue
        last = window[-1]
        if last == wanted[-1] or (prefix and last.startswith(wanted[-1])):
            return True
    return False


def _has_status(status: Status, card: Card, now: datetime) -> bool:
    state = card.memory.state
    if status is Status.NEW:
        return state is CardState.NEW
    if status is Status.LEARNING:
        return state in (CardState.LEARNING, CardState.RELEARNING)
    if status is Status.REVIEW:
        return state is CardState.REVIEW
    if status is Status.SUSPENDED:
        return card.suspended
    due = card.memory.due
    return state is not CardState.NEW and not card.suspended and due is not None and due <= now


@lru_cache(maxsize=256)
def wildcard_regex(pattern: str) -> re.Pattern[str]:
    """`*` matches any characters; everything else is literal."""
    return re.compile(_glob(pattern), re.DOTALL)


@lru_cache(maxsize=256)
def tag_regex(pattern: str) -> re.Pattern[str]:
    """A whole tag inside ' a b c ', ignoring ASCII case (as SQL's LIKE does)."""
    return re.compile(_glob(f" {pattern} "), re.DOTALL | re.IGNORECASE | re.ASCII)


def _glob(pattern: str) -> str:
    """A regex for `pattern`, `*` matching any characters. Each part between two stars is
    taken where it first fits, in an atomic group: taking it later never helps, and plain
    `.*` between many parts backtracks exponentially (`deck:*a*a*a...*b` hung Keeper)."""
    first, *rest = (re.escape(part) for part in pattern.split("*"))
    if not rest:
        return first
    *middle, last = rest
    return first + "".join(f"(?>.*?{part})" for part in middle) + f".*{last}"
