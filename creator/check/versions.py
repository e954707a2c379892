"""Facts about InvenTree releases that the static rules compare a plugin against.

Data only (plus tiny lookups): which names `plugin.mixins` exports in which release, which
modules and names a release no longer has, which hooks a mixin requires, and the final-method
names (read from our stand-in, which defines them once). Sources: the loader spec
(../shared/research/loader-spec.md, sections 1.5, 1.7, 2.2, 2.3) and InvenTree's
`plugin/mixins/__init__.py` at the versions quoted there.

Versions are `(major, minor, patch)` tuples. A release where a fact is known but its exact
version was not verified is marked `certain=False`; rules report those as warnings, never as
errors, so a gap in this table cannot turn into a false error.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Version = tuple[int, int, int]

_STANDIN_PLUGIN = Path(__file__).resolve().parent.parent / "standin/site/plugin/plugin.py"


def parse(version: str) -> Version | None:
    """`"1.1.0"` -> (1, 1, 0); None for anything that is not X.Y.Z (suffixes ignored)."""
    match = re.match(r"^v?(\d+)\.(\d+)\.(\d+)", version.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def inventree_tuple(value: str) -> list[int]:
    """What InvenTree's `inventreeVersionTuple` makes of a MIN/MAX_VERSION string (spec 1.7).

    The regex has a greedy leading `.*`, so only the LAST digit of the major survives
    ('10.2.3' -> [0, 2, 3]); anything without three numeric parts gives [] (newest InvenTree).
    """
    match = re.match(r"^.*(\d+)\.(\d+)\.(\d+).*$", value)
    return [int(part) for part in match.groups()] if match else []


def show(version: Version) -> str:
    """(1, 1, 0) -> '1.1.0'."""
    return ".".join(map(str, version))


# ------------------------------------------------------------------------- final methods


@cache
def final_methods() -> frozenset[str]:
    """The names InvenTreePlugin marks final (INVE-E11, spec 1.5).

    Defined once, as data, in the stand-in (`creator/standin/site/plugin/plugin.py`,
    FINAL_METHODS); read from its source here, because importing it needs Django.
    """
    tree = ast.parse(_STANDIN_PLUGIN.read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if not (isinstance(target, ast.Name) and target.id == "FINAL_METHODS"):
            continue
        value = node.value
        if isinstance(value, ast.Call) and value.args:  # frozenset({...})
            value = value.args[0]
        return frozenset(ast.literal_eval(value))  # type: ignore[arg-type]
    raise RuntimeError(f"FINAL_METHODS not found in {_STANDIN_PLUGIN}")


#: InvenTree enforces the final names at class creation from this release on (spec 1.5:
#: "a hard loader rule since about 1.0"); before it, overriding them silently replaced them.
FINAL_ENFORCED_SINCE: Version = (1, 0, 0)

#: From this release on `MixinBase.__init__` forwards to `super().__init__()`, so a mixin
#: listed after InvenTreePlugin still runs its `__init__` (and registers). Verified in the 1.x
#: source; in early 0.x MixinBase did not forward, so such a mixin was never registered.
MIXINBASE_FORWARDS_SINCE: Version = (1, 0, 0)

# ---------------------------------------------------------------------- plugin.mixins names


@dataclass(frozen=True)
class Export:
    """When `plugin.mixins` exports a name: [since, removed)."""

    since: Version | None = None  # None: before 0.15, the oldest release the table covers
    removed: Version | None = None
    certain: bool = True  # False: the release numbers were inferred, not verified
    note: str = ""

    def status(self, target: Version) -> str:
        """'ok', 'new' (not yet exported in target) or 'removed'."""
        if self.since is not None and target < self.since:
            return "new"
        if self.removed is not None and target >= self.removed:
            return "removed"
        return "ok"


_OLD_UI = "belonged to the old Django-template UI; use UserInterfaceMixin"
_NOTIFY = "replaced by NotificationMixin"

#: Names importable from `plugin.mixins`, with the releases that export them (spec 2.2).
MIXIN_EXPORTS: dict[str, Export] = {
    # 0.15-0.16 list (plugin/mixins/__init__.py [002cd31]), still exported by 1.x
    "APICallMixin": Export(),
    "ActionMixin": Export(),
    "AppMixin": Export(),
    "BarcodeMixin": Export(),
    "CurrencyExchangeMixin": Export(),
    "EventMixin": Export(),
    "LabelPrintingMixin": Export(),
    "LocateMixin": Export(),
    "NavigationMixin": Export(),
    "ReportMixin": Export(),
    "ScheduleMixin": Export(),
    "SettingsMixin": Export(),
    "SupplierBarcodeMixin": Export(),
    "UrlsMixin": Export(),
    "ValidationMixin": Export(),
    # gone in 1.x
    "PanelMixin": Export(removed=(1, 0, 0), note=_OLD_UI),
    "SettingsContentMixin": Export(removed=(1, 0, 0), note=_OLD_UI),
    "SingleNotificationMethod": Export(removed=(1, 0, 0), note=_NOTIFY),
    "BulkNotificationMethod": Export(removed=(1, 0, 0), note=_NOTIFY),
    # added between 0.16 and 1.0 (the 1.x list); exact releases not all verified
    "IconPackMixin": Export(since=(0, 16, 0), certain=False),
    "UserInterfaceMixin": Export(since=(0, 17, 0), certain=False),
    "DataExportMixin": Export(since=(1, 0, 0), certain=False),
    "MachineDriverMixin": Export(since=(1, 0, 0), certain=False),
    "MailMixin": Export(since=(1, 0, 0), certain=False),
    "NotificationMixin": Export(since=(1, 0, 0), certain=False),
    "TransitionMixin": Export(since=(1, 0, 0), certain=False),
    # newest master (spec 2.2: inferred from code importing them); releases not verified
    "SupplierMixin": Export(since=(1, 1, 0), certain=False),
    "supplier": Export(since=(1, 1, 0), certain=False),
    "WellKnownMixin": Export(since=(1, 2, 0), certain=False),
    "AllocateMixin": Export(since=(1, 2, 0), certain=False),
    "PricingMixin": Export(since=(1, 2, 0), certain=False, note="possibly unreleased"),
}

#: The newest release the table above describes; for a newer target, names the table does not
#: know may simply be new, so they are reported as warnings.
NEWEST_KNOWN: Version = (1, 1, 0)


@dataclass(frozen=True)
class Removed:
    """A module (or `module.name`) that InvenTree no longer has from `removed` on."""

    removed: Version
    hint: str
    certain: bool = True


#: Modules and names plugins import that later InvenTree releases dropped. A module entry
#: covers its submodules. (`plugin.mixins.*` names are in MIXIN_EXPORTS.)
REMOVED: dict[str, Removed] = {
    "label": Removed(
        (0, 16, 0),
        "label templates moved to the report app: `from report.models import LabelTemplate`",
    ),
    "plugin.base.integration.PanelMixin": Removed((1, 0, 0), f"PanelMixin {_OLD_UI}"),
    "plugin.base.integration.mixins.PanelMixin": Removed((1, 0, 0), f"PanelMixin {_OLD_UI}"),
    "plugin.base.integration.mixins.SettingsContentMixin": Removed(
        (1, 0, 0), f"SettingsContentMixin {_OLD_UI}"
    ),
    "common.notifications.SingleNotificationMethod": Removed((1, 0, 0), _NOTIFY, False),
    "common.notifications.BulkNotificationMethod": Removed((1, 0, 0), _NOTIFY, False),
}


def removed_entry(dotted: str) -> tuple[str, Removed] | None:
    """The REMOVED entry covering `dotted` (itself or a parent module), if any."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in REMOVED:
            return key, REMOVED[key]
    return None


# ---------------------------------------------------------------------------- mixin facts

#: Hooks a mixin's default implementation does not provide (it raises
#: MixinNotImplementedError): the plugin must define the first name, or one of the others,
#: which replace it (spec 2.3; MailMixin per plugin/base/mail/mixins.py).
REQUIRED_HOOKS: dict[str, tuple[str, ...]] = {
    "EventMixin": ("process_event",),
    "LocateMixin": ("locate_stock_location",),
    "CurrencyExchangeMixin": ("update_exchange_rates",),
    "LabelPrintingMixin": ("print_label", "print_labels"),
    "SupplierBarcodeMixin": ("extract_barcode_fields", "scan"),
    "IconPackMixin": ("icon_packs",),
    "MailMixin": ("process_mail_out",),
    "WellKnownMixin": ("get_well_known_urls",),
}

#: InvenTree classes that derive from other InvenTree classes (for MRO and mixin checks).
KNOWN_PARENTS: dict[str, tuple[str, ...]] = {
    "InvenTreePlugin": ("VersionMixin", "MixinBase", "MetaBase"),
    "SupplierBarcodeMixin": ("BarcodeMixin",),
    "SupplierMixin": ("SettingsMixin",),
}

#: Keys of a SETTINGS / USER_SETTINGS entry (SettingsKeyType, spec 2.3, plus the newest
#: frontend's read_only/confirm/confirm_text).
SETTING_KEYS: frozenset[str] = frozenset(
    {
        "name",
        "description",
        "units",
        "validator",
        "default",
        "choices",
        "hidden",
        "before_save",
        "after_save",
        "protected",
        "required",
        "model",
        "model_filters",
        "read_only",
        "confirm",
        "confirm_text",
    }
)

#: django-q schedule types ScheduleMixin accepts (ALLOWABLE_SCHEDULE_TYPES).
SCHEDULE_TYPES: tuple[str, ...] = ("I", "H", "D", "W", "M", "Q", "Y")

#: Metadata InvenTree reads from the class first, then from package metadata (spec 1.4).
METADATA_ATTRIBUTES: tuple[str, ...] = ("VERSION", "AUTHOR", "DESCRIPTION", "LICENSE")

#: Distributions InvenTree itself provides: a plugin requiring them lets pip replace the
#: server's copy. (`inventree` on PyPI is the API client, not the server: not listed.)
SERVER_DISTRIBUTIONS: tuple[str, ...] = ("django", "djangorestframework")
