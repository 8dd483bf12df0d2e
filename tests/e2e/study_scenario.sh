#!/usr/bin/env bash
# The foundation's end-to-end check with the real `keeper` in a real X window (Xvfb):
# Enter, five times (Space, 3), Ctrl+Z, Ctrl+Q must leave exactly 4 reviews.
# Usage: tests/e2e/study_scenario.sh [KEEPER_COMMAND]   (default: keeper)
set -euo pipefail
keeper_cmd=${1:-keeper}
data=$(mktemp -d)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:93
  Xvfb "$DISPLAY" -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
fi
unset QT_QPA_PLATFORM

$keeper_cmd --data-dir "$data" & app=$!
window=$(timeout 30 xdotool search --sync --onlyvisible --name Keeper | head -1)
xdotool windowfocus --sync "$window"
sleep 0.5
xdotool key Return; sleep 0.4
for _ in 1 2 3 4 5; do xdotool key space; sleep 0.2; xdotool key 3; sleep 0.2; done
xdotool key ctrl+z; sleep 0.4
xdotool key ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app" 2>/dev/null; then echo "FAIL: Ctrl+Q did not quit"; exit 1; fi
app=""
reviews=$($keeper_cmd --data-dir "$data" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["reviews"])')
if [ "$reviews" != 4 ]; then echo "FAIL: expected 4 reviews, found $reviews"; exit 1; fi
echo "PASS: Enter, 5 x (Space, 3), Ctrl+Z, Ctrl+Q left exactly 4 reviews"

# Ten grades, then SIGKILL: all ten must be kept (4 before + 10 = 14).
$keeper_cmd --data-dir "$data" & app=$!
window=$(timeout 30 xdotool search --sync --onlyvisible --name Keeper | head -1)
xdotool windowfocus --sync "$window"
sleep 0.5
# A second launch on the same folder hands over and exits; one window stays.
if ! timeout 10 $keeper_cmd --data-dir "$data" >/dev/null; then echo "FAIL: second launch"; exit 1; fi
windows=$(xdotool search --onlyvisible --name Keeper | wc -l)
if [ "$windows" != 1 ]; then echo "FAIL: $windows windows after a second launch"; exit 1; fi
echo "PASS: a second launch exited promptly and left one window"
xdotool windowfocus --sync "$window"; sleep 0.3
xdotool key Return; sleep 0.4
for _ in $(seq 10); do xdotool key space; sleep 0.2; xdotool key 4; sleep 0.2; done
sleep 0.3
kill -KILL "$app"; wait "$app" 2>/dev/null || true; app=""
reviews=$($keeper_cmd --data-dir "$data" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["reviews"])')
if [ "$reviews" != 14 ]; then echo "FAIL: after SIGKILL expected 14 reviews, found $reviews"; exit 1; fi
echo "PASS: ten grades then SIGKILL: all ten kept"
