"""Author defaults: remembered between runs (name, e-mail, license), else from git config.

Stored as JSON in the user's config directory (platformdirs). Only values that passed the
template's validators are saved, and a file that cannot be read is a warning, not a crash:
it only ever holds defaults. Without saved values the author comes from `git config
user.name` / `user.email`, the identity the project's first commit uses anyway. The CLI says
which source it used, so nobody else's e-mail ends up in a project unnoticed (the git
identity is read by creator.git.identity).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

REMEMBERED = ("author_name", "author_email", "license")


def config_path() -> Path:
    """Where the defaults live; CREATE_INVENTREE_PLUGIN_CONFIG overrides (tests, CI)."""
    override = os.environ.get("CREATE_INVENTREE_PLUGIN_CONFIG")
    if override:
        return Path(override)
    return Path(user_config_dir("create-inventree-plugin", appauthor=False)) / "defaults.json"


def load_defaults() -> dict[str, Any]:
    """The saved defaults, or {} (with a one-line warning) when the file is unusable."""
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        print(f"warning: ignoring saved defaults in {path}: {reason}", file=sys.stderr)
        return {}
    if not isinstance(data, dict):
        print(f"warning: ignoring saved defaults in {path}: not a JSON object", file=sys.stderr)
        return {}
    return {k: v for k, v in data.items() if k in REMEMBERED and isinstance(v, str)}


def save_defaults(answers: dict[str, Any]) -> None:
    """Remember the author answers (already validated). Failure to save only warns."""
    path = config_path()
    data = {key: answers[key] for key in REMEMBERED if isinstance(answers.get(key), str)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # concurrent runs: own files
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as error:
        print(f"warning: could not save defaults to {path}: {error.strerror}", file=sys.stderr)
