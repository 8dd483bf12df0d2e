"""The benchmark's table and ratios, from the results `bench/run.py` gathered."""

from __future__ import annotations

from typing import Any

GRADE_UI = "grade -> next card shown (key press, commit, paint)"
GRADE_SERVICE = "grade -> next card (service only, no window)"
ANKI_ANSWER = "answerCard -> getCard"
ANKI_ADD = "add_notes (make + add every note)"
ANKI_OPEN = "open collection + deck_due_tree (in process)"
ANKI_PROCESS = "process: open + deck_due_tree + print"
APP_MEMORY = "app (start, study 20, browse, statistics)"

Row = tuple[str, dict[str, float] | None, str]  # label, summary, "target / ratio" text


def _get(results: dict[str, Any], *path: str) -> Any:
    value: Any = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _ratio(top: dict[str, float] | None, bottom: dict[str, float] | None, key: str = "median"):
    if not top or not bottom or not bottom.get(key):
        return None
    return round(top[key] / bottom[key], 3)


def ratios(results: dict[str, Any]) -> dict[str, float | None]:
    """Keeper over the floor, and Keeper over Anki for the same work (below 1: Keeper faster)."""
    anki = results.get("anki") or {}
    keeper = results.get("keeper") or {}
    exchange = results.get("exchange") or {}
    found = {
        "start-up / empty-window floor": _ratio(
            _get(results, "startup", "keeper"), _get(results, "startup", "floor")
        ),
        "start-up on X (xcb) / empty-window floor": _ratio(
            _get(results, "startup_xcb", "keeper"), _get(results, "startup_xcb", "floor")
        ),
    }
    for name, ratio in (_get(results, "user_start", "ratios") or {}).items():
        found[f"{name} (mapped) / empty window script"] = ratio
    if anki:
        for fmt in ("csv", "keeper", "apkg"):
            found[f"import {fmt} / anki add_notes"] = _ratio(
                exchange.get(f"import {fmt}"), anki.get(ANKI_ADD)
            )
        found["open + due counts (in process) / anki open + deck_due_tree"] = _ratio(
            keeper.get("open collection + due counts (in process)"), anki.get(ANKI_OPEN)
        )
        found["keeper decks (process) / anki open + deck_due_tree (process)"] = _ratio(
            _get(results, "cli", "keeper decks"), anki.get(ANKI_PROCESS)
        )
        found["keeper decks peak RSS / anki process peak RSS"] = _ratio(
            _get(results, "memory", "keeper decks"), anki.get("process peak RSS (MB)")
        )
        for key in ("p50", "p99"):
            found[f"grade -> next, service, {key} / anki answerCard {key}"] = _ratio(
                keeper.get(GRADE_SERVICE), anki.get(ANKI_ANSWER), key
            )
            found[f"grade -> next, window + paint, {key} / anki answerCard {key}"] = _ratio(
                keeper.get(GRADE_UI), anki.get(ANKI_ANSWER), key
            )
    return found


def _check(ok: bool | None) -> str:
    return "" if ok is None else ("  met" if ok else "  MISSED")


def build_rows(results: dict[str, Any]) -> list[tuple[str, list[Row]]]:
    keeper = results.get("keeper") or {}
    anki = results.get("anki") or {}
    found = results.get("ratios") or {}
    sections: list[tuple[str, list[Row]]] = []
    for group, ratio_name in (
        ("startup", "start-up / empty-window floor"),
        ("startup_xcb", "start-up on X (xcb) / empty-window floor"),
    ):
        start = results.get(group)
        if not start:
            continue
        ratio = found.get(ratio_name)
        verdict = ""
        if ratio is not None:
            verdict = f"{ratio:.2f}x floor, target <= 1.5x{_check(ratio <= 1.5)}"
        rows: list[Row] = [
            ("empty QMainWindow (the floor)", start.get("floor"), ""),
            ("the same with one QLabel (reference)", start.get("one label"), ""),
            ("Keeper with the collection", start.get("keeper"), verdict),
        ]
        title = f"Start-up ({start.get('qt_platform')}): process spawn to first painted window"
        sections.append((title, rows))

    user = results.get("user_start")
    if user:
        rows = []
        for name, value in user.items():
            ratio = (user.get("ratios") or {}).get(name)
            verdict = ""
            if ratio is not None:
                verdict = f"{ratio:.2f}x floor, target <= 1.5x{_check(ratio <= 1.5)}"
            if name not in ("ratios", "CPU ms to mapped", "CPU ratios"):
                rows.append((name, value, verdict))
        for name, value in (user.get("CPU ms to mapped") or {}).items():
            ratio = (user.get("CPU ratios") or {}).get(name)
            rows.append((f"{name}, CPU", value, "" if ratio is None else f"{ratio:.2f}x floor"))
        sections.append(("Start-up as a user starts it (xcb): spawn to window mapped", rows))

    rows = []
    for name, value in keeper.items():
        if name.startswith(("search: ", "browser search: ")):
            continue
        text = ""
        if name == GRADE_UI:
            text = f"target p99 <= 16 ms{_check(value['p99'] <= 16)}"
            anki_ratio = found.get("grade -> next, window + paint, p50 / anki answerCard p50")
            if anki_ratio is not None:
                text += f"; p50 {anki_ratio:.2f}x Anki"
        elif name == GRADE_SERVICE and found.get(
            "grade -> next, service, p50 / anki answerCard p50"
        ):
            text = f"p50 {found['grade -> next, service, p50 / anki answerCard p50']:.2f}x Anki"
        elif name.startswith("home due counts"):
            text = f"target <= 50 ms{_check(value['median'] <= 50)}"
        elif name.startswith("open collection + due counts"):
            ratio = found.get("open + due counts (in process) / anki open + deck_due_tree")
            text = "" if ratio is None else f"{ratio:.2f}x Anki"
        rows.append((name, value, text))
    for prefix, label, target in (
        ("browser search: ", "browser search + paint, slowest", True),
        ("search: ", "search, service only, slowest", False),
    ):
        searches = {n[len(prefix) :]: v for n, v in keeper.items() if n.startswith(prefix)}
        if searches:
            worst = max(searches, key=lambda q: searches[q]["median"])
            median = searches[worst]["median"]
            text = f"target <= 50 ms{_check(median <= 50)}" if target else ""
            rows.append((f"{label} of {len(searches)}: {worst}", searches[worst], text))
    sections.append(("Keeper in the window (one process, offscreen Qt)", rows))

    stalls = results.get("stalls")
    if stalls:
        rows = []
        for room, worst in stalls["rooms"].items():
            cell = {"median": worst}
            rows.append((f"{room} (worst step)", cell, f"target <= 100 ms{_check(worst <= 100)}"))
        for step, worst in stalls["steps"].items():
            rows.append((f"  {step}", {"median": worst}, ""))
        title = f"Event-loop stalls: longest gap between {stalls['tick_ms']} ms ticks, per room"
        sections.append((title, rows))

    rows = []
    for name, value in (results.get("exchange") or {}).items():
        text = ""
        ratio = found.get(f"{name} / anki add_notes")
        if ratio is not None:
            text = f"{ratio:.2f}x Anki add_notes"
            if name == "import csv":
                text += f", target < 1x{_check(ratio < 1)}"
        rows.append((name, value, text))
    sections.append(("Import and export, every card", rows))

    rows = []
    for name, value in (results.get("cli") or {}).items():
        text = ""
        ratio = found.get("keeper decks (process) / anki open + deck_due_tree (process)")
        if name == "keeper decks" and ratio is not None:
            text = f"{ratio:.2f}x Anki, target < 1x{_check(ratio < 1)}"
        rows.append((f"{name} (spawn to exit)", value, text))
    sections.append(("Command line", rows))

    rows = []
    for name, value in (results.get("memory") or {}).items():
        limit = 200 if name == APP_MEMORY else 150 if name == "keeper decks" else None
        text = f"target <= {limit} MB{_check(value['median'] <= limit)}" if limit else ""
        rows.append((name, value, text))
    floor_rss = _get(results, "startup", "floor_peak_rss_mb")
    rows.append(("empty QMainWindow at first paint", floor_rss, ""))
    sections.append(("Peak memory (RSS, MB)", rows))

    if anki:
        rows = [(name, value, "") for name, value in anki.items()]
        version = _get(results, "meta", "versions", "anki") or ""
        sections.append((f"Anki {version}, same work", rows))
    return sections


def print_table(results: dict[str, Any], sections: list[tuple[str, list[Row]]]) -> None:
    meta = results.get("meta", {})
    print(
        f"\nKeeper benchmark: {meta.get('cards', 0):,} cards in {meta.get('decks', 0)} decks, "
        f"{meta.get('reviews', 0):,} reviews ({meta.get('database_mb')} MB); "
        f"{meta.get('runs')} runs ({meta.get('startup_runs')} of start-up); "
        f"{meta.get('machine')}; Qt {meta.get('qt_platform')}"
    )
    print(f"{'':58}{'median':>9}{'min':>9}{'max':>9}{'p99':>9}  target / ratio")
    for title, rows in sections:
        print(f"\n{title}")
        for label, value, text in rows:
            if not value:
                continue
            cells = "".join(
                f"{value[key]:>9.1f}" if key in value else f"{'':>9}"
                for key in ("median", "min", "max", "p99")
            )
            print(f"  {label[:56]:<56}{cells}  {text}")
    print("\nTimes in milliseconds, memory in MB. Ratios: Keeper / floor or Keeper / Anki.")
