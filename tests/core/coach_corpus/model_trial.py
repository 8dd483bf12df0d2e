"""The small-model alternative, measured on the train split only (cross-validated).

    pip install scikit-learn   # not a Keeper dependency: this trial is why
    python -m tests.core.coach_corpus.model_trial

A TF-IDF (word 1-2 grams + character 3-5 grams) logistic regression says weak or strong
for a whole answer, scored by 5-fold cross-validation on the train split, beside the
rules on the same answers. It cannot say which words are weak or offer a fix per finding,
which the coach must do, so it could only ever be a second opinion.
"""

from __future__ import annotations

import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline, make_union

from tests.core.coach_corpus.evaluate import coach_rules, load


def main() -> None:
    answers = load("train")
    texts = [answer.text for answer in answers]
    weak = [bool(answer.labels) for answer in answers]
    model = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
        ),
        LogisticRegression(max_iter=2000, C=10.0),
    )
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    start = time.perf_counter()
    predicted = cross_val_predict(model, texts, weak, cv=folds)
    elapsed = time.perf_counter() - start
    rules = [bool(coach_rules(text)) for text in texts]
    for name, said in (("tf-idf + logistic regression (5-fold CV)", predicted), ("rules", rules)):
        flagged = sum(s and w for s, w in zip(said, weak, strict=True)) / sum(weak)
        clean = sum(not s and not w for s, w in zip(said, weak, strict=True)) / weak.count(False)
        print(f"{name}: weak flagged {flagged:.0%}, strong clean {clean:.0%}")
    print(f"(cross-validation took {elapsed:.1f} s)")


if __name__ == "__main__":
    main()
