"""validate-pyproject's verdict on a pyproject.toml, cached on disk (PKG003 reads it).

Compiling validate-pyproject's schema costs more than the whole rest of the static layer, so
the compiled validator (validate-pyproject's own pre-compilation) and each file's verdict are
cached under the user cache directory. validate-pyproject and platformdirs are imported
inside the functions that need them, so a check that finds the verdict cached never pays
for them.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any


def errors(path: Path, data: dict[str, Any]) -> list[str] | None:
    """validate-pyproject's verdict on a pyproject.toml (None when it is not installed).

    Only the PEP 517/621 tables are validated (no tool plugins). Compiling the schema costs
    more than the whole rest of the static layer, so the compiled validator (validate-pyproject's
    own pre-compilation) and each file's verdict are cached on disk, keyed by the
    validate-pyproject installation and the file's bytes.
    """
    spec = importlib.util.find_spec("validate_pyproject")
    if spec is None or not spec.origin:
        return None
    source = Path(spec.origin).parent
    stamp = hashlib.sha1(f"{source}:{source.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    cache = cache_dir()
    verdict = None
    if cache is not None:
        digest = hashlib.sha1(stamp.encode() + path.read_bytes()).hexdigest()
        verdict = cache / "verdicts" / f"{digest}.json"
        try:
            return list(json.loads(verdict.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    validate = _validator(cache, f"cip_pyproject_{stamp}")
    try:
        validate(data)
        errors: list[str] = []
    except ValueError as error:  # validate-pyproject's ValidationError is a ValueError
        errors = [str(getattr(error, "message", "") or error).strip()]
    if verdict is not None:
        try:
            verdict.parent.mkdir(parents=True, exist_ok=True)
            verdict.write_text(json.dumps(errors), encoding="utf-8")
        except OSError:
            pass
    return errors


def cache_dir() -> Path | None:
    """Where compiled validators and verdicts are kept (None: no usable location)."""
    try:
        from platformdirs import user_cache_dir  # lazy: only when PKG003 validates

        return Path(user_cache_dir("create-inventree-plugin")) / "validate-pyproject"
    except Exception:  # no usable cache location: validate every time
        return None


def _validator(cache: Path | None, name: str) -> Any:
    """The compiled validator from the cache (compiled there first), else the slow one."""
    if cache is not None:
        try:
            if not (cache / name / "__init__.py").is_file():
                _precompile(cache, name)
            sys.path.insert(0, str(cache))
            try:
                return importlib.import_module(name).validate
            finally:
                sys.path.remove(str(cache))
        except Exception:  # any trouble with the cache: validate without it (slower)
            pass
    from validate_pyproject import api  # lazy: compiling the schema is slow

    return api.Validator(plugins=[])


def _precompile(cache: Path, name: str) -> None:
    """Pre-compile the validator into the cache (atomically: another check may race)."""
    from validate_pyproject import pre_compile  # lazy: only to fill the cache

    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=cache))
    try:
        pre_compile.pre_compile(scratch / name, plugins=[])
        with contextlib.suppress(OSError):  # another process was faster
            (scratch / name).replace(cache / name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
