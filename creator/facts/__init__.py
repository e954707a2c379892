"""The versioned model of InvenTree: what each release offers plugins, as data.

One home for the facts the check, the stand-in, the template's catalog and the docs read:
per release (1.0 ... 1.5), the mixins `plugin.mixins` exports with their hooks' signatures,
the final methods, the settings keys, the UI feature types, the modules and names plugins
import, the built-in plugins, and the Python and Django versions. The data in
`creator/facts/data/<release>.json` is extracted from InvenTree's sources by
scripts/extract_facts.py (creator.facts.extract, AST reading only); tests/facts re-derive a
sample from the sources so that drift shows.

Loading is cheap (JSON, cached per release) and imports nothing heavy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Every modelled release, oldest first.
RELEASES: tuple[str, ...] = ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")
NEWEST: str = RELEASES[-1]
OLDEST: str = RELEASES[0]

#: Where each release's facts were read (sources folder name; 1.5 is a development snapshot).
SOURCE_FOLDERS: Mapping[str, str] = {r: r for r in RELEASES[:-1]} | {"1.5": "1.5-dev"}

Version = tuple[int, int, int]
_VERSION = re.compile(r"^\s*v?(\d+)\.(\d+)(?:\.(\d+))?")


def parse(version: str) -> Version | None:
    """`"1.4.2"` -> (1, 4, 2); `"1.4"` -> (1, 4, 0); None when it does not start X.Y."""
    match = _VERSION.match(version)
    return (int(match[1]), int(match[2]), int(match[3] or 0)) if match else None


def _key(release: str) -> tuple[int, int]:
    major, minor = release.split(".")
    return int(major), int(minor)


@dataclass(frozen=True)
class MixinFacts:
    """One name `plugin.mixins` exports: a mixin class (hooks) or a re-exported module."""

    name: str
    module: str
    kind: str = "class"  # "class" or "module"
    bases: tuple[str, ...] = ()
    mixin_name: str | None = None
    hooks: Mapping[str, str] = field(default_factory=dict)  # hook -> signature text
    required: frozenset[str] = frozenset()  # hooks whose default raises "not implemented"
    #: required hook -> hooks whose default calls it (overriding one may make it unneeded)
    callers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Release:
    """The facts of one InvenTree release that plugins meet."""

    name: str
    version: str  # InvenTree's own version string in that tree ("1.5.0 dev")
    python: str
    django: str
    api_version: int | None
    mixins: Mapping[str, MixinFacts]
    final_methods: frozenset[str]
    global_settings: frozenset[str]
    user_settings: frozenset[str]
    setting_entry_keys: frozenset[str]
    schedule_types: tuple[str, ...]
    ui_feature_types: frozenset[str]
    ui_feature_keys: frozenset[str]
    builtin_plugins: Mapping[str, str]  # registry key (SLUG or NAME) -> class name
    modules: Mapping[str, frozenset[str]]
    #: The plugin attribute static-file URLs are built from: "SLUG" as written (up to 1.2) or
    #: "slug", the slugified key (1.3 on).
    static_slug_attribute: str | None = None
    #: JS globals the InvenTree frontend gives plugin UI: the frontend is not in the backend
    #: sources we read, so the model does not state them (empty).
    host_globals: tuple[str, ...] = ()

    @property
    def settings_keys(self) -> frozenset[str]:
        """Global and user settings keys together."""
        return self.global_settings | self.user_settings

    @property
    def tuple(self) -> Version:
        """(1, 5, 0) for "1.5"."""
        major, minor = _key(self.name)
        return (major, minor, 0)

    def has_module(self, dotted: str) -> bool:
        """True when this release has the module `dotted`."""
        return dotted in self.modules

    def has_name(self, module: str, name: str) -> bool:
        """True when `from module import name` finds something in this release."""
        names = self.modules.get(module)
        return names is not None and (name in names or f"{module}.{name}" in self.modules)

    def builtin_slugs(self) -> frozenset[str]:
        """The slugs InvenTree registers its built-in plugins under."""
        from django.utils.text import slugify  # what InvenTree keys plugins with (lazy: Django)

        return frozenset(slugify(key) for key in self.builtin_plugins)


def _mixin(name: str, data: dict[str, Any]) -> MixinFacts:
    return MixinFacts(
        name=name,
        module=data["module"],
        kind=data.get("kind", "class"),
        bases=tuple(data.get("bases", ())),
        mixin_name=data.get("mixin_name"),
        hooks=dict(data.get("hooks", {})),
        required=frozenset(data.get("required", ())),
        callers={k: tuple(v) for k, v in data.get("callers", {}).items()},
    )


@cache
def _load(name: str) -> Release:
    data = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return Release(
        name=name,
        version=data["version"],
        python=data["python"],
        django=data["django"],
        api_version=data.get("api_version"),
        mixins={key: _mixin(key, value) for key, value in data["mixins"].items()},
        final_methods=frozenset(data["final_methods"]),
        global_settings=frozenset(data["settings_keys"]["global"]),
        user_settings=frozenset(data["settings_keys"]["user"]),
        setting_entry_keys=frozenset(data["setting_entry_keys"]),
        schedule_types=tuple(data["schedule_types"]),
        ui_feature_types=frozenset(data["ui"]["feature_types"]),
        ui_feature_keys=frozenset(data["ui"]["feature_keys"]),
        builtin_plugins=dict(data["builtin_plugins"]),
        modules={key: frozenset(names) for key, names in data["modules"].items()},
        static_slug_attribute=data.get("static_slug_attribute"),
    )


def modelled(version: str) -> str | None:
    """The release a version string falls in ("1.4.2" -> "1.4"), None when not modelled."""
    parsed = parse(version)
    if parsed is None:
        return None
    name = f"{parsed[0]}.{parsed[1]}"
    return name if name in RELEASES else None


def release(version: str) -> Release:
    """The model for `version` ("1.4.2" -> 1.4); above the newest -> newest, below -> oldest.

    Callers warn when `modelled(version)` is None: the answer is then an approximation.
    """
    name = modelled(version)
    if name is None:
        parsed = parse(version)
        if parsed is None:
            raise ValueError(f"not an InvenTree version: {version!r}")
        name = OLDEST if parsed[:2] < _key(OLDEST) else NEWEST
    return _load(name)


def releases() -> list[Release]:
    """Every modelled release, oldest first."""
    return [_load(name) for name in RELEASES]


def is_newer_than_model(version: Version) -> bool:
    """True when `version` is above every modelled release (our model is older than it)."""
    return version[:2] > _key(NEWEST)
