"""The coach on its labelled corpus: the split is the one fixed by the ids' hashes, and the
train split (the only one tuned on) meets the targets. The frozen test split's figures are
reported in docs/coach.md by `python -m tests.core.coach_corpus.evaluate --split test`
and deliberately not asserted here, so no one tunes the coach against them.
"""

from __future__ import annotations

from collections import Counter

from tests.core.coach_corpus.evaluate import coach_rules, load, score, split_of
from trainer.core.coach import RULES_BY_ID


def test_the_corpus_is_big_labelled_with_known_rules_and_split_by_hash() -> None:
    answers = load()
    assert len(answers) >= 300
    assert len({answer.id for answer in answers}) == len(answers)
    assert len({answer.text for answer in answers}) == len(answers)
    assert all(answer.labels <= set(RULES_BY_ID) for answer in answers)
    assert all(answer.split == split_of(answer.id) for answer in answers)
    weak = sum(bool(answer.labels) for answer in answers)
    assert 0.4 <= weak / len(answers) <= 0.6
    assert len({answer.voice for answer in answers}) >= 6
    assert set(Counter(label for a in answers for label in a.labels)) == set(RULES_BY_ID)


def test_the_train_split_meets_the_targets() -> None:
    report = score(load("train"), coach_rules)
    assert report.weak_flagged_rate >= 0.9
    assert report.strong_clean_rate >= 0.9
