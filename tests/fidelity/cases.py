"""What the fidelity suite judges: published plugins, mutated and freshly generated plugins.

* corpus: every included entry of corpus.yml (its cached archive, wheel or sdist);
* mutation: every mutation of the mutation suite (tests/check/test_mutations.py, MUTATIONS),
  applied to a copy of that suite's all-mixins project;
* generated: our template's output with the default answers and with every mixin, each with
  the React frontend not built and built (`npm ci && npm run build`), and the all-mixins
  project with plain JavaScript panels (the mutations' baseline).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.fidelity import corpus

#: generated case -> (template answers, whether `npm run build` runs).
GENERATED: dict[str, tuple[dict[str, object], bool]] = {
    "defaults": ({}, False),
    "defaults-built": ({}, True),
    "all-mixins": ({"mixins": "ALL"}, False),
    "all-mixins-built": ({"mixins": "ALL"}, True),
    "all-mixins-plain-js": ({"mixins": "ALL", "frontend": False}, False),
}


def corpus_id(entry: corpus.Entry) -> str:
    """The case id of a published plugin."""
    return f"corpus/{entry.id}"


def mutation_ids() -> list[str]:
    """The mutation suite's mutated rules (those still registered), sorted."""
    from creator.check.rules import all_rules
    from tests.check.test_mutations import MUTATIONS

    registered = {rule.id for rule in all_rules()}
    return sorted(rule_id for rule_id in MUTATIONS if rule_id in registered)


def all_ids() -> set[str]:
    """Every case id the suite has (to keep stale case files out of the table)."""
    ids = {corpus_id(entry) for entry in corpus.plugins()}
    ids |= {f"mutation/{rule_id}" for rule_id in mutation_ids()}
    ids |= {f"generated/{name}" for name in GENERATED}
    return ids


def mutate(baseline: Path, rule_id: str, workdir: Path) -> Path:
    """A copy of the mutation suite's project with the mutation of `rule_id` applied."""
    from tests.check.test_mutations import MUTATIONS

    mutation = MUTATIONS[rule_id]
    project = workdir / "project"
    shutil.copytree(baseline, project, ignore=shutil.ignore_patterns(".git"))
    for edit in mutation.edits:
        edit(project)
    return project / mutation.target if mutation.target else project


def answers(name: str) -> dict[str, object]:
    """The template answers of a generated case (ALL: every mixin of the catalog)."""
    from creator import catalog

    given, _ = GENERATED[name]
    resolved = dict(given)
    if resolved.get("mixins") == "ALL":
        resolved["mixins"] = [mixin.name for mixin in catalog.load()]
    return resolved


def npm_build(project: Path) -> None:
    """`npm ci` and `npm run build` in the project's frontend (npm's cache is reused)."""
    npm = shutil.which("npm")
    assert npm is not None, "npm is required (scripts/setup.sh installs it)"
    env = {**os.environ, "NO_COLOR": "1", "npm_config_update_notifier": "false"}
    for command in (
        [npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"],
        [npm, "run", "build"],
    ):
        done = subprocess.run(
            command,
            cwd=project / "frontend",
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
            check=False,
        )
        assert done.returncode == 0, f"{' '.join(command[1:])}: {done.stderr[-800:]}"
