"""Build the playground: `python playground/build.py [--out playground/dist]` writes a folder of
static files that runs contractdsl in the browser with no network (docs/playground.md).

It needs `npm ci` to have been run in playground/ (the Pyodide runtime and VS Code's TextMate
engine) and contractdsl's dependencies installed in the Python that runs it: their pure-Python
files are what the page unpacks into Pyodide's file system.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import io
import json
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MODULES = HERE / "node_modules"
# The distributions the package needs at run time (pyproject.toml), by their import names.
DEPENDENCIES = {"lark": ("lark",), "interegular": ("interegular",), "attrs": ("attr", "attrs"),
                "jinja2": ("jinja2",), "markupsafe": ("markupsafe",), "babel": ("babel",),
                "pyyaml": ("yaml",), "platformdirs": ("platformdirs",)}
# Babel's locale data: only the locales the prose is said in, and those they fall back on.
LOCALES = {"root", "en", "en_001", "en_GB", "nl", "nl_NL", "fr", "fr_FR"}
RUNTIME = {"pyodide": ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                       "python_stdlib.zip", "pyodide-lock.json"),
           "vscode-textmate": ("release/main.js",),
           "vscode-oniguruma": ("release/main.js", "release/onig.wasm")}
PAGE = ("index.html", "app.js", "style.css", "playground.py")


def kept(path: str) -> bool:
    """Whether a file of an installed distribution goes into the browser: Python source and
    data, not compiled extensions (each has a pure-Python fallback) nor caches."""
    parts = Path(path).parts
    if "__pycache__" in parts or path.endswith((".so", ".pyd", ".pyc", ".c", ".h")):
        return False
    if "locale-data" in parts:
        return Path(path).stem in LOCALES
    return True


def site_packages() -> bytes:
    """A zip of contractdsl and its dependencies, laid out as a site-packages folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, tops in DEPENDENCIES.items():
            distribution = metadata.distribution(name)
            for file in distribution.files or ():
                top = file.parts[0]
                if (top in tops or top.endswith(".dist-info")) and kept(str(file)):
                    archive.write(distribution.locate_file(file), str(file))
        for path in sorted((ROOT / "contractdsl").rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and kept(str(relative)):
                archive.write(path, str(relative))
        archive.write(ROOT / "grammars" / "agreement.lark", "contractdsl/grammars/agreement.lark")
    return buffer.getvalue()


# The page checks and renders every file of the open set a quarter of a second after each
# keystroke: for the Twitter set it holds the condensed amendment (docs/analysis.md) and the
# Microsoft usages it decides, not the eight texts in full.
CONDENSED = {"twitter": {
    "versions": ["docs/examples/amendment/developer-agreement-*.agreement"],
    "schedules": ["docs/examples/amendment/microsoft-apps.agreement"],
    "tests": [f"agreements/twitter/usages/{name}.yaml"
              for name in ("bing-pages-2", "microsoft-2022", "microsoft-2023", "audit-2023")]}}


def examples() -> list[dict]:
    """The shipped agreement sets of the project file, each with its files and usages."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = []
    for entry in project["tool"]["contractdsl"]["agreement"]:
        entry = CONDENSED.get(entry["name"], entry) | {"name": entry["name"]}

        def files(key):
            return {p.name: p.read_text(encoding="utf-8")
                    for pattern in entry.get(key, ()) for p in sorted(ROOT.glob(pattern))}
        found.append({"name": entry["name"], "files": {**files("versions"),
                                                       **files("schedules")},
                      "usages": files("tests")})
    return found


def build(out: Path) -> Path:
    """Write the playground's files into ``out`` (emptied first)."""
    if not (MODULES / "pyodide").is_dir():
        raise SystemExit("run `npm ci` in playground/ first: it installs the Pyodide runtime")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for package, files in RUNTIME.items():
        for file in files:
            target = out / package / Path(file).name
            target.parent.mkdir(exist_ok=True)
            shutil.copy(MODULES / package / file, target)
    for file in PAGE:
        shutil.copy(HERE / file, out / file)
    shutil.copy(ROOT / "editors" / "contractdsl.tmLanguage.json", out)
    (out / "site-packages.zip").write_bytes(site_packages())
    (out / "examples.json").write_text(json.dumps(examples()), encoding="utf-8")
    return out


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--out", type=Path, default=HERE / "dist")
    print(build(options.parse_args().out))


if __name__ == "__main__":
    main()
