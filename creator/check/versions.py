"""What the rules ask of the versioned InvenTree model (creator.facts), in the rules' terms.

The facts themselves live in creator/facts (extracted from InvenTree's sources, per release);
this module only answers the questions the rules share: does release R have `module.name`,
and if not, in which modelled releases does it exist; which hooks a mixin requires; which
names are final. Tiny historical notes (names gone before the oldest modelled release) give
better hints; they never decide a verdict on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from creator import facts

Version = tuple[int, int, int]

#: The release the check targets unless told otherwise: the newest modelled one.
DEFAULT_VERSION = f"{facts.NEWEST}.0"


def parse(version: str) -> Version | None:
    """`"1.1.0"` / `"1.1"` -> (1, 1, 0); None for anything else (suffixes ignored)."""
    return facts.parse(version)


def inventree_tuple(value: str) -> list[int]:
    """What InvenTree's version-tuple parser makes of a MIN/MAX_VERSION string.

    The regex has a greedy leading `.*`, so only the LAST digit of the major survives
    ('10.2.3' -> [0, 2, 3]); anything without three numeric parts gives [] (newest InvenTree).
    """
    match = re.match(r"^.*(\d+)\.(\d+)\.(\d+).*$", value)
    return [int(part) for part in match.groups()] if match else []


def show(version: Version) -> str:
    """(1, 1, 0) -> '1.1.0'."""
    return ".".join(map(str, version))


def release(version: str) -> facts.Release:
    """The modelled release a target version falls in (the newest above the model)."""
    return facts.release(version)


def final_methods(version: str = DEFAULT_VERSION) -> frozenset[str]:
    """The names InvenTreePlugin's final-method check refuses to see redefined (INVE-E11)."""
    return release(version).final_methods


@cache
def required_hooks(version: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Mixin -> {hook whose default raises "not implemented": hooks whose default calls it}.

    A plugin satisfies a required hook by defining it, or by defining one of its callers
    (LabelPrintingMixin.print_labels replaces print_label).
    """
    return {
        name: {hook: mixin.callers.get(hook, ()) for hook in sorted(mixin.required)}
        for name, mixin in release(version).mixins.items()
        if mixin.required
    }


#: InvenTreePlugin's own bases (plugin/plugin.py, the same in every modelled release).
PLUGIN_BASES: tuple[str, ...] = ("VersionMixin", "MixinBase", "MetaBase")


@cache
def known_parents(version: str = DEFAULT_VERSION) -> dict[str, tuple[str, ...]]:
    """InvenTree classes that derive from other InvenTree mixins (for MRO and mixin checks)."""
    parents: dict[str, tuple[str, ...]] = {"InvenTreePlugin": PLUGIN_BASES}
    for name, mixin in release(version).mixins.items():
        inherited = tuple(b for b in mixin.bases if b.endswith("Mixin") and b != name)
        if inherited:
            parents[name] = inherited
    return parents


def setting_entry_keys(version: str) -> frozenset[str]:
    """Keys InvenTree reads from a SETTINGS entry."""
    return release(version).setting_entry_keys


def schedule_types(version: str) -> tuple[str, ...]:
    """Schedule letters ScheduleMixin accepts (it upper-cases the plugin's value first)."""
    return release(version).schedule_types


# --------------------------------------------------------------------- names and modules

#: Names that left InvenTree before the oldest modelled release: only better hints.
_OLD_UI = "belonged to the old Django-template UI; use UserInterfaceMixin"
HISTORY: dict[str, str] = {
    "label": "label templates moved to the report app: `from report.models import LabelTemplate`",
    "plugin.mixins.PanelMixin": f"PanelMixin {_OLD_UI}",
    "plugin.mixins.SettingsContentMixin": f"SettingsContentMixin {_OLD_UI}",
    "plugin.mixins.SingleNotificationMethod": "replaced by NotificationMixin",
    "plugin.mixins.BulkNotificationMethod": "replaced by NotificationMixin",
    "plugin.base.integration.mixins": f"the mixins module {_OLD_UI}; import from plugin.mixins",
}

#: Path parts of InvenTree modules the model does not list (not imported at run time).
_UNLISTED_PARTS = frozenset({"migrations", "tests", "fixtures", "test"})


@cache
def _tops() -> frozenset[str]:
    newest = release(DEFAULT_VERSION)
    return frozenset(m.split(".")[0] for m in newest.modules) - {"plugins"} | {"label"}


@dataclass(frozen=True)
class Missing:
    """An InvenTree module or name the target release lacks, and where the model has it."""

    dotted: str
    target: str  # the modelled release checked ("1.5")
    present_in: tuple[str, ...]  # modelled releases that have it (oldest first)

    def message(self) -> str:
        """'X does not exist in InvenTree 1.5 (removed in 1.2)' and the like."""
        text = f"{self.dotted} does not exist in InvenTree {self.target}"
        if not self.present_in:
            return f"{text} (nor in any release {facts.OLDEST} to {facts.NEWEST})"
        key = facts.RELEASES.index
        if key(self.present_in[0]) > key(self.target):
            return f"{text} (added in {self.present_in[0]})"
        after = [r for r in facts.RELEASES if key(r) > key(self.present_in[-1])]
        removed = after[0] if after else "?"
        return f"{text} (last in {self.present_in[-1]}, removed in {removed})"

    def hint(self) -> str:
        """How to fix the import, from history or from where the model has it."""
        for key, hint in HISTORY.items():
            if self.dotted == key or self.dotted.startswith(key + "."):
                return hint
        if self.present_in and facts.RELEASES.index(self.present_in[0]) > facts.RELEASES.index(
            self.target
        ):
            return (
                f"set MIN_VERSION = '{self.present_in[0]}.0' and check with "
                f"--inventree-version {self.present_in[0]}"
            )
        return "import it from where this InvenTree release defines it, or drop it"


def _has(rel: facts.Release, module: str, name: str | None) -> bool | None:
    """True/False when the model knows; None when the module is open (a star import)."""
    if name is None:
        return rel.has_module(module)
    names = rel.modules.get(module)
    if names is None:
        return False
    if name in names or f"{module}.{name}" in rel.modules:
        return True
    return None if "*" in names else False


def missing(module: str, name: str | None, version: str) -> Missing | None:
    """The Missing fact when release `version` lacks `module` (or `module.name`), else None.

    None also when `module` is not InvenTree's, or the model cannot tell (a module it does not
    list, a name a star import may bring): the dynamic layer decides those.
    """
    parts = module.split(".")
    if parts[0] not in _tops() or _UNLISTED_PARTS & set(parts):
        return None
    rel = release(version)
    if name in (None, "*") or rel.has_module(module):
        has = _has(rel, module, None if name in (None, "*") else name)
        if has is not False:
            return None
        dotted = module if name in (None, "*") else f"{module}.{name}"
    else:
        dotted = module  # the module itself is missing: that is what the import trips on
        name = None
    present = tuple(
        r.name for r in facts.releases() if _has(r, module, None if dotted == module else name)
    )
    return Missing(dotted, rel.name, present)


def missing_dotted(dotted: str, version: str) -> Missing | None:
    """`missing` for a dotted path that may be a module or `module.name`."""
    rel = release(version)
    if rel.has_module(dotted):
        return None
    if any(r.has_module(dotted) for r in facts.releases()) or "." not in dotted:
        return missing(dotted, None, version)
    module, name = dotted.rsplit(".", 1)
    return missing(module, name, version)


# ------------------------------------------------------------------- plugin-side facts

#: Metadata InvenTree reads from the class first, then from package metadata.
METADATA_ATTRIBUTES: tuple[str, ...] = ("VERSION", "AUTHOR", "DESCRIPTION", "LICENSE")

#: Distributions InvenTree itself provides: a plugin requiring them lets pip replace the
#: server's copy. (`inventree` on PyPI is the API client, not the server: not listed.)
SERVER_DISTRIBUTIONS: tuple[str, ...] = ("django", "djangorestframework")
