"""Time each browser search as a person sees it: typed, run, and its first rows painted.

    python bench/browser_paint.py DATA_DIR [--runs 5] [--query TEXT ...] [--sort COLUMN]
        [--descending]

Opens the real card browser (offscreen) on an existing collection (work on a copy: a
collection of an older schema is migrated) and runs each query in turn: sets the search
box's text, runs the search and repaints the table. Prints one JSON object: per query, the
median GUI-thread CPU ms (`time.thread_time`) and wall ms until the first rows are painted
(and the worst wall ms), the wall ms until rows show (`rows_ms`: a search the GUI thread
leaves to the thread shows none at once, then the thread's first rows), the wall ms until
the whole list is in (a
broad search finds it on a thread after its first rows), and how many cards were found.
`--query` (repeatable) replaces the default queries; `--sort` sorts by a column first
(front, deck, tags, state, due, interval, lapses). Target: 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH: any tree

# Broad ones (tens of thousands of cards found) and narrow ones (none to a few thousand):
# docs/performance.md, "Search at 100,000 cards, fifth pass (issue 18)".
QUERIES = (
    "", "a", "the", "deck:bench*", "retention", "pricing launch", "tag:metrics", "is:new",
    "-retention", "churn or candor",
    "deck:bench*07", '"keeper test"', "zzzz", "tag:judgment", "is:due", "is:learning",
    'deck:"interview faq"', "keeper", "talent density",
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", action="append", help="a query to time (repeatable)")
    parser.add_argument("--sort", default="front", help="the column sorted by")
    parser.add_argument("--descending", action="store_true")
    args = parser.parse_args(argv)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from trainer.app import open_services
    from trainer.core.browse import SortColumn
    from trainer.core.clock import FixedClock
    from trainer.ui.browser_view import BrowserView

    app = QApplication.instance() or QApplication([])
    services = open_services(args.data_dir, FixedClock(datetime.now(UTC)))
    browser = BrowserView(services)
    browser.resize(1280, 800)
    browser.show()
    browser.enter()

    def complete() -> bool:  # a tree without the first rows first is always complete
        return getattr(browser.model, "complete", True)

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or not complete():
            app.processEvents()

    settle(0.5)
    queries = tuple(args.query) if args.query else QUERIES
    order = Qt.SortOrder.DescendingOrder if args.descending else Qt.SortOrder.AscendingOrder
    column = list(SortColumn).index(SortColumn(args.sort))
    browser.table.horizontalHeader().setSortIndicator(column, order)  # the browser sorts
    settle(0.5)
    samples: dict[str, dict[str, list[float]]] = {
        query: {"cpu_ms": [], "wall_ms": [], "rows_ms": [], "whole_list_ms": []}
        for query in queries
    }
    found: dict[str, int] = {}
    for _ in range(args.runs):
        for query in queries:  # in turn, each from a still browser
            settle(0.05)
            cpu, wall = time.thread_time(), time.perf_counter()
            browser.search.setText(query)
            browser.run_search()
            browser.table.viewport().repaint()  # the first rows painted
            row = samples[query]
            row["cpu_ms"].append((time.thread_time() - cpu) * 1000)
            row["wall_ms"].append((time.perf_counter() - wall) * 1000)
            shown = browser.model.rowCount() > 0 or complete()  # rows, or none to show
            rows_ms = row["wall_ms"][-1] if shown else None
            while not complete():
                app.processEvents()
                if rows_ms is None and browser.model.rowCount() > 0:  # its first rows landed
                    browser.table.viewport().repaint()
                    rows_ms = (time.perf_counter() - wall) * 1000
            row["whole_list_ms"].append((time.perf_counter() - wall) * 1000)
            if rows_ms is None:  # its rows came with the whole list, painted then
                browser.table.viewport().repaint()
                rows_ms = (time.perf_counter() - wall) * 1000
            row["rows_ms"].append(rows_ms)
            found[query] = browser.model.rowCount()
    services.close()
    report = {
        query or "(every card)": {
            **{name: round(statistics.median(values), 1) for name, values in row.items()},
            "worst_wall_ms": round(max(row["wall_ms"]), 1),
            "found": found[query],
        }
        for query, row in samples.items()
    }
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
