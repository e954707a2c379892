"""A new plugin author's first hour, played exactly as the generated README says.

Set-up like a new machine: a wheelhouse with this repository's two distributions (the CLI and
inventree-plugin-standin, built with `python -m build`), the CLI installed from it into its
own venv (as pipx would), and otherwise only the package index and npm. Then, per variant:
`create`, and every command of the README's Develop, Test and Build sections (parsed from the
README, see readme.py): install, `pre-commit run --all-files`, `npm ci`, the frontend build,
pytest, `python -m build`, `twine check` and `check dist/*.whl`.
"""

from __future__ import annotations

import os
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

from tests.firsthour import readme
from tests.helpers import PYTHON, REPO

pytestmark = [pytest.mark.slow, pytest.mark.network, pytest.mark.npm]

ALL_MIXINS = (
    "ActionMixin,APICallMixin,AppMixin,SupplierMixin,SupplierBarcodeMixin,BarcodeMixin,"
    "CurrencyExchangeMixin,DataExportMixin,EventMixin,IconPackMixin,LabelPrintingMixin,"
    "LocateMixin,MachineDriverMixin,MailMixin,NotificationMixin,ReportMixin,ScheduleMixin,"
    "SettingsMixin,TransitionMixin,UrlsMixin,UserInterfaceMixin,ValidationMixin"
)

VARIANTS = {
    "defaults": [],
    "all-mixins": ["-d", f"mixins={ALL_MIXINS}", "-d", "min_inventree_version=1.1.0"],
    "no-frontend": ["-d", "frontend=false"],
}


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 900):
    result = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


@pytest.fixture(scope="module")
def machine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a new machine: the CLI on PATH, a wheelhouse of our distributions."""
    root = tmp_path_factory.mktemp("machine")
    wheelhouse = root / "wheelhouse"
    env = {**os.environ}
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    for project in (REPO, REPO / "standin"):
        _run([PYTHON, "-m", "build", "--wheel", "--outdir", str(wheelhouse), str(project)],
             REPO, env)  # fmt: skip
    cli_venv = root / "cli"
    venv.create(cli_venv, with_pip=True)
    _run([str(cli_venv / "bin" / "python"), "-m", "pip", "install", "-q", "--find-links",
          str(wheelhouse), "create-inventree-plugin"], root, env)  # fmt: skip
    (root / "home").mkdir()
    env.update(
        {
            # the CLI's own venv last on PATH, like a pipx install: the project's venv wins
            "PATH": f"{os.environ['PATH']}:{cli_venv / 'bin'}",
            "CREATE_INVENTREE_PLUGIN_CONFIG": str(root / "config.json"),
            "CREATE_INVENTREE_PLUGIN_WHEELHOUSE": str(wheelhouse),
        }
    )
    return env


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_first_hour_as_the_readme_says(
    machine: dict[str, str], tmp_path: Path, variant: str
) -> None:
    """create, then every README command of Develop, Test and Build, succeeds in order."""
    cli = str(Path(machine["PATH"].rsplit(":", 1)[1]) / "create-inventree-plugin")
    _run([cli, "create", "plugin", "--defaults", *VARIANTS[variant]], tmp_path, machine)
    project = tmp_path / "plugin"
    script = readme.script(project / "README.md")
    for command in ("pip install", "pre-commit run --all-files", "pytest", "python -m build",
                    "twine check", "create-inventree-plugin check dist/*.whl"):  # fmt: skip
        assert command in script, f"the README never says {command!r}"
    if variant != "no-frontend":
        assert "npm ci" in script and "npm run build" in script
    _run(["bash", "-c", script], project, machine, timeout=1800)

    wheel = next((project / "dist").glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    if variant != "no-frontend":
        assert any(name.endswith("/static/Panel.js") for name in names), names
