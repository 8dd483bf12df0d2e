"""Score the coach on the labelled corpus: per-rule precision and recall, and per answer.

    python -m tests.core.coach_corpus.evaluate              # the train split (tune on this)
    python -m tests.core.coach_corpus.evaluate --split test # the frozen split: report only

A weak answer is "flagged" when the coach finds anything in it; a strong answer is "clean"
when it finds nothing. Per rule, a finding of a rule the answer is labelled with is a hit,
one it is not labelled with a false alarm, a label with no finding a miss.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.coach import coach

CORPUS = Path(__file__).with_name("answers.jsonl")
TRAIN_SHARE = 6  # of 10: sha256(id) % 10 < 6 is train, the rest the frozen test split


@dataclass(frozen=True)
class Answer:
    id: str
    split: str
    labels: frozenset[str]
    voice: str
    text: str


def split_of(answer_id: str) -> str:
    """The split an id belongs to, fixed by its hash so no one can choose it."""
    digest = int(hashlib.sha256(answer_id.encode()).hexdigest(), 16)
    return "train" if digest % 10 < TRAIN_SHARE else "test"


def load(split: str | None = None) -> list[Answer]:
    answers = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        answer = Answer(
            row["id"], row["split"], frozenset(row["labels"]), row["voice"], row["text"]
        )
        if split is None or answer.split == split:
            answers.append(answer)
    return answers


@dataclass
class Score:
    hits: int = 0
    false_alarms: int = 0
    misses: int = 0

    @property
    def precision(self) -> float:
        found = self.hits + self.false_alarms
        return self.hits / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.hits + self.misses
        return self.hits / expected if expected else 1.0


@dataclass
class Report:
    weak: int = 0
    weak_flagged: int = 0
    strong: int = 0
    strong_clean: int = 0
    per_rule: dict[str, Score] = field(default_factory=dict)
    mistakes: list[tuple[Answer, frozenset[str]]] = field(default_factory=list)

    @property
    def weak_flagged_rate(self) -> float:
        return self.weak_flagged / self.weak if self.weak else 1.0

    @property
    def strong_clean_rate(self) -> float:
        return self.strong_clean / self.strong if self.strong else 1.0


def score(answers: Iterable[Answer], rules_of: Callable[[str], set[str]]) -> Report:
    report = Report()
    for answer in answers:
        found = frozenset(rules_of(answer.text))
        if answer.labels:
            report.weak += 1
            report.weak_flagged += bool(found)
        else:
            report.strong += 1
            report.strong_clean += not found
        for rule in answer.labels | found:
            rule_score = report.per_rule.setdefault(rule, Score())
            if rule in answer.labels and rule in found:
                rule_score.hits += 1
            elif rule in found:
                rule_score.false_alarms += 1
            else:
                rule_score.misses += 1
        if found != answer.labels:
            report.mistakes.append((answer, found))
    return report


def coach_rules(text: str) -> set[str]:
    return {finding.rule for finding in coach(text)}


def three_hundred_words() -> str:
    """A 300-word answer made of the corpus's long answers, weak and strong mixed."""
    words: list[str] = []
    for answer in load():
        if answer.voice == "long":
            words.extend(answer.text.split())
    return " ".join(words[:300])


def median_ms(text: str, runs: int = 50, clock: Callable[[], float] = time.process_time) -> float:
    """Median milliseconds per call: CPU time by default, since wall time on a shared,
    loaded machine mostly measures the wait for a core."""
    timings = []
    for _ in range(runs):
        start = clock()
        coach(text)
        timings.append((clock() - start) * 1000)
    return statistics.median(timings)


def _table(report: Report) -> str:
    lines = [
        "| rule | labelled | found | precision | recall |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for rule in sorted(report.per_rule):
        s = report.per_rule[rule]
        lines.append(
            f"| {rule} | {s.hits + s.misses} | {s.hits + s.false_alarms} "
            f"| {s.precision:.2f} | {s.recall:.2f} |"
        )
    lines.append(
        f"\nweak answers flagged: {report.weak_flagged}/{report.weak} "
        f"({report.weak_flagged_rate:.0%}); strong answers clean: "
        f"{report.strong_clean}/{report.strong} ({report.strong_clean_rate:.0%})"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "test", "all"), default="train")
    parser.add_argument("--mistakes", action="store_true", help="list the answers it got wrong")
    args = parser.parse_args()
    answers = load(None if args.split == "all" else args.split)
    report = score(answers, coach_rules)
    print(f"split: {args.split} ({len(answers)} answers)\n")
    print(_table(report))
    text = three_hundred_words()
    cpu, wall = median_ms(text), median_ms(text, clock=time.perf_counter)
    print(
        f"coach time for a 300-word answer, median of 50 runs: {cpu:.1f} ms CPU, "
        f"{wall:.1f} ms wall (load average {os.getloadavg()[0]:.1f})"
    )
    if args.mistakes:
        for answer, found in report.mistakes:
            print(f"\n{answer.id} labels={sorted(answer.labels)} found={sorted(found)}")
            print(f"  {answer.text}")


if __name__ == "__main__":
    main()
