"""The packaging files agree with each other and with the package (fast: no PyInstaller run)."""

from __future__ import annotations

import ast
import configparser
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import trainer

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.github.keeper_trainer.Keeper"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

needs_bash = pytest.mark.skipif(
    sys.platform == "win32" or shutil.which("bash") is None, reason="the Linux scripts need bash"
)


def spec_helpers() -> dict:
    """The spec's helper functions; outside PyInstaller the spec defines only those."""
    namespace: dict = {"__name__": "keeper_spec"}
    exec(compile((PACKAGING / "keeper.spec").read_text(), "keeper.spec", "exec"), namespace)
    return namespace


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


# --- desktop entry and AppStream metainfo --------------------------------------------------


def test_desktop_entry_names_the_app_id() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Keeper"
    assert entry["Exec"] == "keeper"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


def test_metainfo_is_well_formed_with_the_same_id() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == "Keeper"
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "keeper"
    assert root.find("description/p") is not None


# --- icons -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_png_icon_has_its_pixel_size(size: int) -> None:
    assert png_size(ICONS / "png" / f"keeper-{size}.png") == (size, size)


def test_ico_icns_and_svg_are_there() -> None:
    assert (ICONS / "keeper.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (ICONS / "keeper.icns").read_bytes()[:4] == b"icns"
    svg = ET.parse(ICONS / "keeper.svg").getroot()
    assert svg.get("viewBox") == "0 0 512 512"
    assert not svg.findall(".//{http://www.w3.org/2000/svg}text"), "the icon has no text"


def test_rendered_icons_come_from_the_current_svg() -> None:
    digest = hashlib.sha256((ICONS / "keeper.svg").read_bytes()).hexdigest()
    stamp = (ICONS / "rendered.sha256").read_text(encoding="ascii").strip()
    assert stamp == digest, "keeper.svg changed: run python packaging/render_icons.py"


# --- the PyInstaller spec's helpers ----------------------------------------------------------


def test_spec_reads_the_version_from_the_package() -> None:
    read_version = spec_helpers()["read_version"]
    assert read_version(ROOT / "trainer" / "__init__.py") == trainer.__version__


def test_spec_read_version_refuses_a_file_without_one(tmp_path: Path) -> None:
    init = tmp_path / "__init__.py"
    init.write_text('"""No version here."""\n')
    with pytest.raises(SystemExit, match="no __version__"):
        spec_helpers()["read_version"](init)


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)),
     ("1.2.3.4.5", (1, 2, 3, 4)), ("3.1.dev2", (3, 1, 0, 0))],
)  # fmt: skip
def test_spec_version_tuple(version: str, numbers: tuple[int, ...]) -> None:
    assert spec_helpers()["version_tuple"](version) == numbers


def test_windows_version_info_is_a_version_resource_for_the_version() -> None:
    text = spec_helpers()["windows_version_info"]("1.4.2")
    # Evaluate it as PyInstaller does, with stand-ins that record their arguments.
    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]  # fmt: skip
    namespace = {name: (lambda *a, _n=name, **k: (_n, a, k)) for name in names}
    name, _, fields = eval(text, namespace)  # noqa: S307 - our own generated text
    assert name == "VSVersionInfo"
    assert fields["ffi"][2]["filevers"] == (1, 4, 2, 0)
    assert "StringStruct('ProductVersion', '1.4.2')" in text
    assert "StringStruct('OriginalFilename', 'keeper.exe')" in text


def keeper_imports() -> set[str]:
    """Every module any of Keeper's modules imports, lazily or not (`from a import b` adds
    both `a` and `a.b`: b may be a module)."""
    imported: set[str] = set()
    for path in (ROOT / "trainer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
    return imported


def imported_of(modules: list[str]) -> set[str]:
    return {
        name
        for name in keeper_imports()
        if any(name == module or name.startswith(f"{module}.") for module in modules)
    }


def test_no_module_of_keeper_imports_what_the_bundle_leaves_out() -> None:
    helpers = spec_helpers()
    assert imported_of(helpers["left_out"](voice=True)) == set()
    # without spoken rehearsal, only the voice packages its modules import lazily are missing:
    # a card's sounds (QtMultimedia) play in every bundle
    without_voice = imported_of(helpers["left_out"](voice=False))
    assert without_voice == imported_of(helpers["VOICE_PACKAGES"]) != set()
    assert "PySide6.QtMultimedia" in imported_of(["PySide6.QtMultimedia"])


def test_the_bundle_leaves_out_multiprocessing() -> None:
    # PyInstaller's runtime hooks for multiprocessing (and pkgutil, for runpy) would run at
    # every start of the bundle
    assert "multiprocessing" in spec_helpers()["left_out"](voice=False)


def test_the_bundle_keeps_pysides_compiled_code_before_pyinstallers_hooks_import_it() -> None:
    hook = (PACKAGING / "kept_code_hook.py").read_text(encoding="utf-8")
    assert "with keeping_compiled_code(kept_code_dir()):\n    import shiboken6" in hook
    spec = (PACKAGING / "keeper.spec").read_text(encoding="utf-8")
    assert 'runtime_hooks=[str(ROOT / "packaging" / "kept_code_hook.py")]' in spec


# --- install.sh ------------------------------------------------------------------------------


def installed_files(prefix: Path) -> list[Path]:
    share = prefix / "share"
    icons = [share / f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in SIZES]
    return icons + [
        share / f"icons/hicolor/scalable/apps/{APP_ID}.svg",
        share / "applications" / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        prefix / "lib" / "keeper" / "keeper",
        prefix / "lib" / "keeper" / "_internal" / "marker.txt",
    ]


def run_install(home: Path, bundle: Path, *args: str, prefix: Path | None = None):
    env = {k: v for k, v in os.environ.items() if k != "PREFIX"}
    env.update(HOME=str(home), KEEPER_BUNDLE=str(bundle))
    if prefix is not None:
        env["PREFIX"] = str(prefix)
    return subprocess.run(
        ["bash", str(LINUX / "install.sh"), *args],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "dist" / "keeper"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "marker.txt").write_text("bundle data")
    executable = bundle / "keeper"
    executable.write_text("#!/bin/sh\necho 'keeper 0.0.0-fake'\n")
    executable.chmod(0o755)
    return bundle


@needs_bash
@pytest.mark.parametrize("use_prefix", [False, True], ids=["HOME", "PREFIX"])
def test_install_then_uninstall(tmp_path: Path, fake_bundle: Path, use_prefix: bool) -> None:
    home = tmp_path / "home"
    home.mkdir()
    prefix = tmp_path / "opt" if use_prefix else home / ".local"

    result = run_install(home, fake_bundle, prefix=prefix if use_prefix else None)
    assert result.returncode == 0, result.stderr
    for path in installed_files(prefix):
        assert path.is_file(), f"not installed: {path}"
    launcher = prefix / "bin" / "keeper"
    assert launcher.is_symlink()
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout.strip() == (
        "keeper 0.0.0-fake"
    )
    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{launcher}"' in desktop.splitlines()
    assert f"Icon={APP_ID}" in desktop.splitlines()
    assert png_size(prefix / f"share/icons/hicolor/48x48/apps/{APP_ID}.png") == (48, 48)

    again = run_install(home, fake_bundle, prefix=prefix if use_prefix else None)
    assert again.returncode == 0, again.stderr  # reinstalling over itself is fine

    result = run_install(home, fake_bundle, "--uninstall", prefix=prefix if use_prefix else None)
    assert result.returncode == 0, result.stderr
    for path in [*installed_files(prefix), launcher]:
        assert not path.exists() and not path.is_symlink(), f"left behind: {path}"
    assert not (prefix / "lib" / "keeper").exists()


@needs_bash
def test_install_leaves_a_foreign_keeper_launcher_alone(tmp_path: Path, fake_bundle: Path) -> None:
    home = tmp_path / "home"
    foreign = home / ".local" / "bin" / "keeper"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("#!/bin/sh\n# installed by pip\n")

    result = run_install(home, fake_bundle)
    assert result.returncode != 0
    assert "not Keeper's launcher" in result.stderr
    assert foreign.read_text() == "#!/bin/sh\n# installed by pip\n"
    assert not (home / ".local" / "lib" / "keeper").exists()

    result = run_install(home, fake_bundle, "--uninstall")
    assert result.returncode == 0
    assert foreign.is_file()


@needs_bash
def test_install_without_a_bundle_says_to_build(tmp_path: Path) -> None:
    result = run_install(tmp_path, tmp_path / "no-such-bundle")
    assert result.returncode != 0
    assert "python packaging/build.py" in result.stderr


@needs_bash
@pytest.mark.parametrize("script", ["linux/install.sh", "smoke.sh"])
def test_shell_scripts_parse(script: str) -> None:
    assert subprocess.run(["bash", "-n", str(PACKAGING / script)]).returncode == 0
