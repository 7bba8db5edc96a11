"""The layers (docs/architecture.md) hold, and the contracts that keep them would catch a breach.

`python3 dev.py lint` runs the same contracts on every change; these tests prove they bite."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=False,
    )


def make_tree(root: Path, modules: dict[str, str]) -> None:
    """A throwaway project with the portal's package names and our contracts, one line per module."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    lines = ["[tool.importlinter]", f"root_packages = {config['root_packages']!r}".replace("'", '"')]
    for contract in config["contracts"]:
        lines.append("[[tool.importlinter.contracts]]")
        for key, value in contract.items():
            lines.append(f"{key} = {value!r}".replace("'", '"').replace("True", "true").replace("False", "false"))
    (root / "pyproject.toml").write_text("\n".join(lines) + "\n")
    packages = {
        "academy", "academy.directory", "programmes", "programmes.core", "programmes.challenge_fund",
        "programmes.curriculum", "programmes.conference", "programmes.shadowing", "programmes.network",
        "programmes.community", "governance", "evaluation", "api",
    }
    for package in packages:
        folder = root.joinpath(*package.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
    # Modules a contract names outright (not by a wildcard) must exist for import-linter to run.
    for module, source in ({"governance.models": "", "governance.rules": ""} | modules).items():
        root.joinpath(*module.split(".")).with_suffix(".py").write_text(source)
    (root / "academy" / "urls.py").write_text("import governance.urls\nimport programmes.core.urls\n")
    (root / "governance" / "urls.py").write_text("")
    (root / "programmes" / "core" / "urls.py").write_text("")


def test_the_portal_keeps_its_import_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_clean_tree_passes(tmp_path):
    make_tree(tmp_path, {
        "programmes.core.models": "import academy.directory.models\n",
        "academy.directory.models": "",
        "governance.dashboard": "import programmes.core.selectors\n",
        "programmes.core.selectors": "import programmes.core.models\n",
    })
    result = lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("modules", "broken"),
    [
        # the foundation reaching up to a programme
        ({"academy.directory.forms": "import programmes.core.models\n", "programmes.core.models": ""},
         "academy is not allowed to import programmes"),
        # a programme reaching up to governance
        ({"programmes.core.forms": "import governance.models\n", "governance.models": ""},
         "programmes is not allowed to import governance"),
        # governance reaching up to evaluation
        ({"governance.views": "import evaluation.selectors\n", "evaluation.selectors": ""},
         "governance is not allowed to import evaluation"),
        # one programme app importing another
        ({"programmes.conference.services": "import programmes.challenge_fund.selectors\n",
          "programmes.challenge_fund.selectors": ""},
         "programmes.conference is not allowed to import programmes.challenge_fund"),
        # programmes.core depending on a programme app
        ({"programmes.core.services": "import programmes.shadowing.models\n", "programmes.shadowing.models": ""},
         "programmes.core is not allowed to import programmes.shadowing"),
        # governance reading a programme's models instead of its selectors
        ({"governance.dashboard": "import programmes.challenge_fund.models\n",
          "programmes.challenge_fund.models": ""},
         "governance is not allowed to import programmes.challenge_fund.models"),
        # evaluation reaching up to the API
        ({"evaluation.selectors": "import api.models\n", "api.models": ""},
         "evaluation is not allowed to import api"),
        # the API reading governance's models instead of its selectors
        ({"api.endpoints": "import governance.models\n", "governance.models": ""},
         "api is not allowed to import governance.models"),
        # the API reading a programme's models instead of its selectors
        ({"api.endpoints": "import programmes.core.models\n", "programmes.core.models": ""},
         "api is not allowed to import programmes.core.models"),
    ],
)
def test_lint_fails_on_an_import_that_breaks_the_layers(tmp_path, modules, broken):
    make_tree(tmp_path, modules)
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert broken in " ".join(result.stdout.split()), result.stdout

