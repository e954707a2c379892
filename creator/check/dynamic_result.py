"""What the dynamic layer observed: one typed record shared by its writer and its readers.

The harness (creator/check/harness/, inside the sandbox) builds the records below as plain
JSON-able dicts and sends them as signed events; creator.check.dynamic turns the events and
the way the subprocess ended into a `DynamicResult`; the DYN rules read it (the Context's
`dynamic` input). The nested records are TypedDicts, so the harness can keep writing JSON
while both sides are type-checked against one description. Standard library only: the
harness imports this module in the plugin's environment.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypedDict, TypeGuard

Status = Literal["ok", "failed", "undecided"]

#: The harness's exit code when the time limit of a prestarted run expired (harness/main.py).
TIMEOUT_EXIT = 124


class ErrorInfo(TypedDict, total=False):
    """An exception plugin code raised, as the harness describes it."""

    type: str
    message: str
    file: str | None  # the innermost frame in the plugin's own files
    line: int | None
    traceback: str
    exit: bool  # SystemExit / KeyboardInterrupt: it would end InvenTree's process
    standin_gap: str | None  # our stand-in lacked what the plugin asked for: not its fault
    missing_module: MissingModule | None  # a third-party module missing from the environment
    module: str  # import errors: the module being imported
    entry_point: str  # import errors: the entry point naming it
    removed: str | None  # import errors: a module the target InvenTree removed (CLS010's)
    not_in_inventree: str  # a module neither declared nor in InvenTree's environment
    step: str  # activation errors: settings, schedule, app, urls, mixin activation
    stage: str  # exits: the step that exited
    key: str  # settings errors: the setting
    feature_type: str  # UI errors
    target: str  # UI errors: the panel target model
    no_target_object: bool  # UI errors: our model had no object of the target to show


class MissingModule(TypedDict):
    """A third-party module the plugin imports that this environment lacks."""

    module: str
    declared: bool  # the plugin declares a requirement of that name
    inventree: bool  # InvenTree's environment provides it (creator.facts.host)


class ExitInfo(TypedDict, total=False):
    """How the subprocess ended when it did not finish by itself."""

    kind: Literal["timeout", "exit", "signal"]
    code: int | None
    stage: str | None
    timeout: float


class UrlRecord(ErrorInfo, total=False):
    """One named URL pattern and whether it reverses and resolves (error None: it does)."""

    name: str | None
    route: str
    url: str
    error: str | None


class Migrations(TypedDict, total=False):
    """What `makemigrations --check` finds for an AppMixin app."""

    has_models: bool
    has_migrations: bool
    changes: list[str]
    conflicts: dict[str, list[str]]
    error: ErrorInfo


class AppRecord(TypedDict):
    """An AppMixin app: its package path, Django label, load error and migrations."""

    path: str | None
    label: str | None
    error: ErrorInfo | None
    migrations: Migrations | None


class UiProblem(TypedDict):
    """A UI feature InvenTree's API or frontend would reject or mis-render."""

    feature_type: str
    target: str
    key: Any
    severity: str  # "error" or "warning"
    message: str
    missing_file: bool  # a static file that does not exist (maybe not built yet)


class UiRecord(TypedDict):
    """The UI hooks called, the errors they raised and the problems of their features."""

    called: list[str]
    errors: list[ErrorInfo]
    problems: list[UiProblem]


class HookMissing(TypedDict):
    """A mixin hook whose default raises "not implemented" and that the plugin lacks."""

    mixin: str
    method: str


class SettingsError(ErrorInfo, total=False):
    """A setting whose definition or value cannot be read."""


#: One plugin class as the harness loaded it ("class" is a keyword: functional syntax).
PluginRecord = TypedDict(
    "PluginRecord",
    {
        "class": str,
        "name": Any,
        "key": str,
        "slug": str,
        "version": Any,
        "mixins": list[str],
        "origin": dict[str, Any],
        "file": str | None,
        "line": int | None,
        "loaded": bool,
        "constructor_error": ErrorInfo | None,
        "version_error": str | None,
        "min_version": str | None,
        "activation_errors": list[ErrorInfo],
        "settings_errors": list[ErrorInfo],
        "urls": list[UrlRecord],
        "app": AppRecord | None,
        "ui": UiRecord,
        "hooks_missing": list[HookMissing],
    },
    total=False,
)

#: The `plugin` of the report: the first loaded class as its instance reports itself.
PluginInfo = TypedDict(
    "PluginInfo",
    {"slug": Any, "name": Any, "class": Any, "version": Any, "mixins": Any},
)


class RecorderInfo(TypedDict):
    """Stand-in names the plugin asked for, and those our stand-in lacks."""

    requested: list[str]
    missing: list[str]


def _recorder() -> RecorderInfo:
    return {"requested": [], "missing": []}


def _output() -> dict[str, str]:
    return {"stdout": "", "stderr": ""}


@dataclass
class DynamicResult:
    """The dynamic layer's result (`status` says whether it decided anything)."""

    #: ok: the harness ran to the end and found nothing wrong; failed: it ran (or plugin code
    #: hung / ended the process) and the plugin failed in a way the DYN rules report;
    #: undecided: the check could not decide (see `reason`).
    status: Status = "undecided"
    reason: str | None = None  # why it could not decide (undecided only)
    missing_module: MissingModule | None = None
    stage: str | None = None  # the last step the harness started ("import core", ...)
    plugin_code: bool = False  # whether that step was running plugin code
    exit: ExitInfo | None = None  # set when the subprocess did not finish by itself
    environment: str = "current"  # or the cached venv used for third-party requirements
    duration: float = 0.0  # seconds the subprocess ran
    output: dict[str, str] = field(default_factory=_output)  # tails of stdout / stderr
    import_errors: list[ErrorInfo] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)  # plugin classes, in loader order
    plugins: list[PluginRecord] = field(default_factory=list)  # one per class
    exits: list[ErrorInfo] = field(default_factory=list)  # sys.exit / KeyboardInterrupt
    recorder: RecorderInfo = field(default_factory=_recorder)
    plugin: PluginInfo | None = None  # the first loaded class
    targets: dict[str, Any] = field(default_factory=dict)  # target model -> pk (harness)

    @property
    def decided(self) -> bool:
        """Whether the harness decided (ok or failed); the rules read nothing else otherwise."""
        return self.status in ("ok", "failed")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DynamicResult:
        """From the JSON form (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def is_definite(error: ErrorInfo | None) -> TypeGuard[ErrorInfo]:
    """An error the plugin is to blame for.

    Not our model's gap, not an exit, not a module missing from the environment (installing it
    is the dynamic layer's job; when that fails the result is undecided).
    """
    if not error:
        return False
    return not (error.get("standin_gap") or error.get("exit") or error.get("missing_module"))


#: Exception names and message fragments of "no network" failures (the check runs offline).
NETWORK_TYPES = frozenset(
    {"ConnectionError", "ConnectTimeout", "ReadTimeout", "Timeout", "NewConnectionError",
     "MaxRetryError", "NameResolutionError", "gaierror", "URLError", "ConnectionRefusedError",
     "TimeoutError", "ConnectTimeoutError", "ProxyError", "SSLError"}
)  # fmt: skip
NETWORK_TEXT = (
    "Name or service not known", "Temporary failure in name resolution", "Network is unreachable",
    "Failed to establish a new connection", "Max retries exceeded", "nodename nor servname",
    "network access is disabled",  # the harness's own guard (harness/standin_setup.py)
)  # fmt: skip


def needs_network(error: ErrorInfo | None) -> bool:
    """Whether the error is the network missing (the check's sandbox has none)."""
    if not error:
        return False
    message = str(error.get("message") or "")
    return error.get("type") in NETWORK_TYPES or any(t in message for t in NETWORK_TEXT)
