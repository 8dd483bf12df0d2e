#!/usr/bin/env bash
# Install the built Keeper bundle (dist/keeper/) for the current user, or remove it again.
#
#   packaging/linux/install.sh              # after: python packaging/build.py
#   packaging/linux/install.sh --uninstall
#
# Installs (PREFIX defaults to $HOME/.local):
#   $PREFIX/lib/keeper/                                     the bundle
#   $PREFIX/bin/keeper                                      symlink to the bundle's executable
#   $PREFIX/share/applications/$APP_ID.desktop              menu entry
#   $PREFIX/share/icons/hicolor/<N>x<N>/apps/$APP_ID.png    icons (and scalable/apps/$APP_ID.svg)
#   $PREFIX/share/metainfo/$APP_ID.metainfo.xml             AppStream data for software centres
# --uninstall removes exactly those. KEEPER_BUNDLE overrides where the built bundle is.
set -euo pipefail

APP_ID=io.github.keeper_trainer.Keeper
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE=${KEEPER_BUNDLE:-$ROOT/dist/keeper}
ICON_SRC=$ROOT/resources/icons
SIZES=(16 24 32 48 64 128 256 512)

PREFIX=${PREFIX:-$HOME/.local}
LIB_DIR=$PREFIX/lib/keeper
BIN=$PREFIX/bin/keeper
DESKTOP=$PREFIX/share/applications/$APP_ID.desktop
ICONS=$PREFIX/share/icons/hicolor
METAINFO=$PREFIX/share/metainfo/$APP_ID.metainfo.xml

die() { echo "install.sh: error: $*" >&2; exit 1; }

icon_files() {
    for n in "${SIZES[@]}"; do echo "$ICONS/${n}x${n}/apps/$APP_ID.png"; done
    echo "$ICONS/scalable/apps/$APP_ID.svg"
}

refresh_icon_cache() {  # only if the user already has a cache; never create one
    if [[ -f $ICONS/icon-theme.cache ]] && command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -t -f "$ICONS" || true
    fi
}

do_uninstall() {
    if [[ -L $BIN && $(readlink "$BIN") == "$LIB_DIR/keeper" ]]; then
        rm -f "$BIN"
    elif [[ -e $BIN || -L $BIN ]]; then
        echo "install.sh: leaving $BIN alone: it is not Keeper's launcher symlink" >&2
    fi
    rm -rf "$LIB_DIR"
    rm -f "$DESKTOP" "$METAINFO"
    icon_files | while IFS= read -r icon; do rm -f "$icon"; done
    refresh_icon_cache
    echo "install.sh: removed Keeper from $PREFIX"
}

do_install() {
    [[ -x $BUNDLE/keeper ]] || die "no bundle at $BUNDLE; build it first: python packaging/build.py"
    if [[ -e $BIN || -L $BIN ]] && ! [[ -L $BIN && $(readlink "$BIN") == "$LIB_DIR/keeper" ]]; then
        die "$BIN exists and is not Keeper's launcher (a pip-installed script?); remove it first"
    fi
    if [[ -e $LIB_DIR && ! -e $LIB_DIR/keeper ]]; then
        die "$LIB_DIR exists but does not hold a Keeper bundle; not replacing it"
    fi

    rm -rf "$LIB_DIR"
    mkdir -p "$(dirname "$LIB_DIR")" "$(dirname "$BIN")"
    cp -a "$BUNDLE" "$LIB_DIR"
    ln -sfn "$LIB_DIR/keeper" "$BIN"

    mkdir -p "$(dirname "$DESKTOP")"
    while IFS= read -r line; do
        case $line in
            Exec=*) echo "Exec=\"$BIN\"" ;;
            TryExec=*) echo "TryExec=$BIN" ;;
            *) echo "$line" ;;
        esac
    done <"$HERE/$APP_ID.desktop" >"$DESKTOP"
    chmod 644 "$DESKTOP"

    for n in "${SIZES[@]}"; do
        install -Dm644 "$ICON_SRC/png/keeper-$n.png" "$ICONS/${n}x${n}/apps/$APP_ID.png"
    done
    install -Dm644 "$ICON_SRC/keeper.svg" "$ICONS/scalable/apps/$APP_ID.svg"
    install -Dm644 "$HERE/$APP_ID.metainfo.xml" "$METAINFO"
    refresh_icon_cache

    echo "install.sh: installed Keeper in $LIB_DIR; run it from the menu or with: keeper"
    case ":$PATH:" in
        *":$PREFIX/bin:"*) ;;
        *) echo "install.sh: note: $PREFIX/bin is not on your PATH" ;;
    esac
}

case ${1:-} in
    "") do_install ;;
    --uninstall) do_uninstall ;;
    -h | --help) sed -n '2,13s/^# \{0,1\}//p' "$0" ;;
    *) die "unknown option '$1' (use --uninstall or --help)" ;;
esac
