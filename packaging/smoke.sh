#!/usr/bin/env bash
# CI smoke check of the desktop bundle (Linux): build it, run the CLI and the window from a clean
# environment (no project Python on PATH), quit with Ctrl+Q.
#
#   packaging/smoke.sh              # builds first
#   packaging/smoke.sh --no-build   # checks the existing dist/keeper/
#
# Needs, on a fresh Debian (.ci/run installs them; this script never does):
#   xvfb xdotool libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
#   libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0 libegl1 libgl1
#   libfontconfig1 libdbus-1-3
# PYTHON (default: python3) is the interpreter with the `package` extra installed; it builds the
# bundle and parses the JSON the bundle prints, but the bundle itself never sees it.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
KEEPER=$ROOT/dist/keeper/keeper
EXPECTED_DECKS='["Culture principles", "Interview FAQ", "Interview mistakes", "Preparation checklist"]'
WINDOW_TIMEOUT=${WINDOW_TIMEOUT:-30}
EXIT_TIMEOUT=10

tmp=$(mktemp -d)
failures=0
xvfb_pid=""
app_pid=""

cleanup() {
    [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# Run the bundle as a user would: no virtualenv, no pyenv, nothing from this shell.
clean_env() { env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 "$@"; }

cd "$ROOT" || exit 1

if [[ ${1:-} != --no-build ]]; then
    started=$SECONDS
    if "$PYTHON" packaging/build.py; then
        pass "build ($((SECONDS - started)) s)"
    else
        fail "build: python packaging/build.py failed"
        echo "SMOKE: FAIL (cannot test without a bundle)"
        exit 1
    fi
fi
if [[ ! -x $KEEPER ]]; then
    echo "FAIL: no bundle at $KEEPER"
    exit 1
fi
echo "bundle size: $(du -sh "$ROOT/dist/keeper" | cut -f1)"

# 0. Keeper's modules are files in the bundle, not inside a PYZ archive (keeper.spec's
# noarchive: the archive's importer cost 5-45 ms of CPU before the window was mapped).
if [[ -f $ROOT/dist/keeper/_internal/trainer/app.pyc ]]; then
    pass "modules kept as files (noarchive)"
else
    fail "no dist/keeper/_internal/trainer/app.pyc: keeper.spec packs the modules in a PYZ archive"
fi

# 0b. A card's sounds play in every bundle: QtMultimedia and its FFmpeg backend are there.
internal=$ROOT/dist/keeper/_internal/PySide6
if compgen -G "$internal/QtMultimedia.*so" >/dev/null \
    && compgen -G "$internal/Qt/plugins/multimedia/*ffmpeg*" >/dev/null; then
    pass "QtMultimedia and its FFmpeg plugin bundled (a card's sounds)"
else
    fail "no QtMultimedia or FFmpeg media plugin under $internal: cards' sounds cannot play"
fi

# 1. --version prints the package version.
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' trainer/__init__.py)
got=$(clean_env "$KEEPER" --version 2>&1)
if [[ $got == "keeper $version" ]]; then
    pass "keeper --version -> $got"
else
    fail "keeper --version: expected 'keeper $version', got '$got'"
fi

# 2. Every command module (imported lazily by name, so easy to leave out of a bundle) is there.
commands=$("$PYTHON" -c 'from importlib import import_module
from trainer.cli.main import COMMAND_MODULES
names = []
for module in COMMAND_MODULES:
    try:
        names.append(import_module(module).NAME)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
print(" ".join(names))')
missing=()
for command in $commands; do
    clean_env "$KEEPER" "$command" --help >/dev/null 2>&1 || missing+=("$command")
done
if [[ -z $commands ]]; then
    fail "could not list the CLI commands with $PYTHON"
elif [[ ${#missing[@]} -eq 0 ]]; then
    pass "every CLI command is bundled: $commands"
else
    fail "commands missing from the bundle: ${missing[*]}"
fi

# 3. decks --json lists the four built-in decks (the bundled resources/ and sqlite work).
if clean_env "$KEEPER" --data-dir "$tmp/d" decks --json >"$tmp/decks.json" 2>"$tmp/decks.err"; then
    names=$("$PYTHON" -c 'import json, sys
print(json.dumps(sorted(d["name"] for d in json.load(open(sys.argv[1])))))' "$tmp/decks.json")
    if [[ $names == "$EXPECTED_DECKS" ]]; then
        pass "keeper decks --json lists the 4 built-in decks"
    else
        fail "keeper decks --json: expected $EXPECTED_DECKS, got ${names:-unparsable output}"
        head -c 2000 "$tmp/decks.json"
    fi
else
    fail "keeper decks --json exited non-zero"
    cat "$tmp/decks.err"
fi

# 4. The window opens under X and Ctrl+Q closes the app.
if [[ -z ${DISPLAY:-} ]]; then
    if ! command -v Xvfb >/dev/null; then
        fail "window: DISPLAY is unset and Xvfb is not installed"
    else
        Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
        xvfb_pid=$!
        for _ in $(seq 50); do [[ -s $tmp/display ]] && break; sleep 0.1; done
        if [[ -s $tmp/display ]]; then
            DISPLAY=":$(head -n1 "$tmp/display")"
            export DISPLAY
            echo "started Xvfb on $DISPLAY"
        else
            fail "window: Xvfb did not start"
            cat "$tmp/xvfb.log"
        fi
    fi
fi
if [[ -n ${DISPLAY:-} ]] && ! command -v xdotool >/dev/null; then
    fail "window: xdotool is not installed"
elif [[ -n ${DISPLAY:-} ]]; then
    # Not through clean_env: $! must be the app's own pid (env execs it) for xdotool --pid.
    env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 DISPLAY="$DISPLAY" \
        XAUTHORITY="${XAUTHORITY:-}" QT_QPA_PLATFORM=xcb \
        "$KEEPER" --data-dir "$tmp/d" >"$tmp/app.log" 2>&1 &
    app_pid=$!
    window=$(timeout "$WINDOW_TIMEOUT" xdotool search --sync --all --pid "$app_pid" --name Keeper \
        2>/dev/null | head -n1)
    if [[ -z $window ]]; then
        fail "window: no window named 'Keeper' within $WINDOW_TIMEOUT s"
        cat "$tmp/app.log"
    else
        pass "window '$(xdotool getwindowname "$window")' is shown"
        # Focus it, then type Ctrl+Q through XTEST: with no window manager (Xvfb) nothing
        # focuses the window, and Qt ignores shortcuts sent with `key --window` to an unfocused one.
        xdotool windowfocus --sync "$window"
        xdotool key ctrl+q
        for _ in $(seq $((EXIT_TIMEOUT * 10))); do
            kill -0 "$app_pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$app_pid" 2>/dev/null; then
            fail "window: the app is still running $EXIT_TIMEOUT s after Ctrl+Q"
        else
            wait "$app_pid"
            status=$?
            if [[ $status -eq 0 ]]; then
                pass "Ctrl+Q closed the app (exit 0)"
            else
                fail "the app exited with $status after Ctrl+Q"
                cat "$tmp/app.log"
            fi
        fi
        app_pid=""
    fi
fi

if [[ $failures -eq 0 ]]; then
    echo "SMOKE: PASS"
else
    echo "SMOKE: FAIL ($failures failed)"
    exit 1
fi
