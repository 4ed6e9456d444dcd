"""The built wheel carries the grammar: install it into a fresh environment and parse from there."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source tree")
def test_wheel_ships_the_grammar(tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                            "-w", str(wheels), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("contractdsl-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "contractdsl/grammars/agreement.lark" in names
    assert "contractdsl/py.typed" in names  # type checkers read the package's annotations
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    # The dependencies come from the environment running the tests (appended to the new
    # environment's path by a .pth file); contractdsl itself only from the wheel, first on it.
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "outer.pth").write_text("\n".join(p for p in sys.path if p.endswith("-packages")))
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--quiet",
                              "--force-reinstall", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    script = ("import contractdsl, pathlib, sys\n"
              "assert contractdsl.__file__.startswith(sys.prefix), contractdsl.__file__\n"
              "a = contractdsl.load(*sys.argv[1:])\n"
              "print(len(a.versions[0].clauses), contractdsl.check(a))\n")
    files = sorted(str(p) for p in (ROOT / "agreements" / "twitter").glob("*.agreement"))
    run = subprocess.run([str(python), "-c", script, *files], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": ""})
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[1:] == ["[]"]
    # A user's script type-checks against the installed package under `mypy --strict`.
    pytest.importorskip("mypy")
    typed = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                            "--python-executable", str(python),
                            str(ROOT / "tests" / "data" / "typed_user.py")],
                           capture_output=True, text=True, cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": "", "MYPYPATH": ""})
    assert typed.returncode == 0, typed.stdout + typed.stderr
    assert "Success: no issues found" in typed.stdout
