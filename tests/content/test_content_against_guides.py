"""The built-in content against the guides it is made from: facts carry over, sentences
do not. Marked `seeds`: it reads ../shared/seeds, which is not part of the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainer.content.builtin_decks import load_builtin_decks
from trainer.core.cloze import plain

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
GUIDES = ("000_c7f265c2d61c5611.txt", "003_495920ad492b9a48.txt")
RUN = 8  # this many words in a row, the same as in a guide, is a copied sentence
# Illustrative answers: their figures are examples a candidate would give, not facts.
SPELLED = {"fifteen": "15", "ten": "10", "three": "3"}  # as the guides write them
EXAMPLES = ("builtin:mistakes.", "builtin:checklist.spoken.", "builtin:faq.spoken.")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%]+", text.lower().replace("’", "'").replace("'", ""))


def guide_text() -> str:
    texts = []
    for name in GUIDES:
        path = SEEDS / name
        if not path.is_file():
            pytest.fail(f"seed guide missing: {path} (the seeds tests never skip)")
        texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


def card_texts() -> list[tuple[str, str]]:
    return [
        (card.guid, f"{plain(card.front)}\n{card.back}")
        for deck in load_builtin_decks()
        for card in deck.cards
    ]


@pytest.mark.seeds
def test_no_card_copies_a_run_of_words_from_a_guide() -> None:
    guide = words(guide_text())
    runs = {tuple(guide[i : i + RUN]) for i in range(len(guide) - RUN + 1)}
    copied = [
        f"{guid}: {' '.join(said[i : i + RUN])!r}"
        for guid, text in card_texts()
        for said in [words(text)]
        for i in range(len(said) - RUN + 1)
        if tuple(said[i : i + RUN]) in runs
    ]
    assert not copied, "copied from a guide:\n" + "\n".join(copied)


@pytest.mark.seeds
def test_every_figure_a_card_states_is_in_a_guide() -> None:
    guide = guide_text().replace(",", "")
    for spelled, figure in SPELLED.items():
        guide = guide.replace(spelled, figure)
    unknown = [
        f"{guid}: {figure}"
        for guid, text in card_texts()
        if not guid.startswith(EXAMPLES)
        for figure in re.findall(r"\d[\d,]*%?", text)
        if figure.replace(",", "") not in guide
    ]
    assert not unknown, "figures in no guide:\n" + "\n".join(unknown)
