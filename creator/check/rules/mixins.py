"""CLS: what InvenTree's mixins require of the plugin class (tasks, settings, hooks, ...).

Each rule reads the attribute or hook a mixin uses, through the class's lineage (project base
classes included), and judges it as that mixin does when InvenTree registers or calls it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from creator import facts
from creator.check import versions
from creator.check.analysis.hierarchy import Hierarchy, ProjectClass
from creator.check.analysis.sources import literal
from creator.check.model import Finding, Rule
from creator.check.project import Project

#: The letters ScheduleMixin accepts (after upper-casing): the same in every modelled release.
_SCHEDULE_TYPES = frozenset(t for r in facts.releases() for t in r.schedule_types)


def _label(node: ast.AST | None) -> str:
    """A dict key as findings show it."""
    return repr(node.value) if isinstance(node, ast.Constant) else "?"


class CLS013(Rule):
    """SCHEDULED_TASKS entries each have `func` and a valid `schedule` (and `minutes` for I).

    When a ScheduleMixin plugin is activated, InvenTree validates every task: a missing `func`
    or `schedule`, a schedule other than I H D W M Q Y, or `I` without `minutes` raises
    MixinImplementationError inside plugin activation; the real 1.5 loader logs it during the
    reload ("Schedule 'X' is not a valid option") and the plugin still loads: its scheduled
    tasks are the feature that fails. Lower-case letters are fine (InvenTree upper-cases them).

    Fix: `SCHEDULED_TASKS = {"key": {"func": "method_name", "schedule": "I", "minutes": 30}}`.
    """

    id = "CLS013"
    severity = "feature"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for cls in targets:
            if "ScheduleMixin" not in classes.mixins(cls):
                continue
            if classes.lookup(cls, "get_scheduled_tasks") is not None:
                continue  # computed at runtime: the dynamic layer validates it
            found = classes.lookup(cls, "SCHEDULED_TASKS")
            if found is None:
                continue
            for problem in self._problems(found.node):
                yield self.finding(
                    f"SCHEDULED_TASKS: {problem}: InvenTree stops plugin activation",
                    file=project.rel(found.owner.module.file), line=found.line,
                    hint='each task: {"func": ..., "schedule": "I|H|D|W|M|Q|Y"} '
                    '(+ "minutes" for I)',
                )  # fmt: skip

    @staticmethod
    def _problems(node: ast.AST) -> Iterator[str]:
        if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Constant):
            if not (isinstance(node, ast.Constant) and node.value is None):
                yield "is not a dict of tasks"
            return
        if not isinstance(node, ast.Dict):
            return
        for key_node, value in zip(node.keys, node.values, strict=True):
            if key_node is None or not isinstance(value, ast.Dict):
                if isinstance(value, ast.List | ast.Tuple | ast.Constant):
                    yield f"task {_label(key_node)} is not a dict"
                continue
            if any(k is None for k in value.keys):
                continue  # **spread: unknown keys
            keys = {k.value: v for k, v in zip(value.keys, value.values, strict=True)
                    if isinstance(k, ast.Constant)}  # fmt: skip
            label = _label(key_node)
            for required in ("func", "schedule"):
                if required not in keys:
                    yield f"task {label} has no {required!r}"
            schedule = keys.get("schedule")
            if isinstance(schedule, ast.Constant) and isinstance(schedule.value, str):
                kind = schedule.value.upper().strip()
                if kind not in _SCHEDULE_TYPES:
                    yield f"task {label} has schedule {schedule.value!r} (not I H D W M Q Y)"
                elif kind == "I" and "minutes" not in keys:
                    yield f"task {label} has schedule 'I' but no 'minutes'"


class CLS014(Rule):
    """Each NAVIGATION entry has a `name` and a `link`.

    NavigationMixin checks the entries in its constructor and raises MixinNotImplementedError
    for one without `name` or `link`; a constructor that raises aborts loading of this plugin
    and of every plugin InvenTree would have loaded after it.

    Fix: `NAVIGATION = [{"name": "Page", "link": "plugin:<slug>:view", "icon": "fas fa-box"}]`.
    """

    id = "CLS014"
    severity = "error"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for cls in targets:
            if "NavigationMixin" not in classes.mixins(cls):
                continue
            found = classes.lookup(cls, "NAVIGATION")
            if found is None or not isinstance(found.node, ast.List | ast.Tuple):
                continue
            for index, entry in enumerate(found.node.elts):
                if not isinstance(entry, ast.Dict) or any(k is None for k in entry.keys):
                    continue
                keys = {k.value for k in entry.keys if isinstance(k, ast.Constant)}
                missing = [k for k in ("name", "link") if k not in keys]
                if missing:
                    yield self.finding(
                        f"NAVIGATION[{index}] has no {' or '.join(map(repr, missing))}: the "
                        "plugin's constructor raises",
                        file=project.rel(found.owner.module.file), line=entry.lineno,
                        hint='give each entry "name" and "link"',
                    )  # fmt: skip


class CLS015(Rule):
    """APICallMixin plugins set API_URL_SETTING and API_TOKEN_SETTING to SETTINGS keys.

    APICallMixin reads the API host and token from the plugin settings those two attributes
    name; when either is unset, `has_api_call` raises MixinNotImplementedError and the mixin
    never works. A name that is not a key of SETTINGS reads nothing.

    Fix: `API_URL_SETTING = "API_URL"`, `API_TOKEN_SETTING = "API_TOKEN"`, both keys in SETTINGS.
    """

    id = "CLS015"
    severity = "feature"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for cls in targets:
            lineage = classes.lineage(cls)
            if "APICallMixin" not in lineage.inventree or lineage.unknown:
                continue
            settings = classes.lookup(cls, "SETTINGS")
            keys: set[Any] | None = None
            if (
                settings is not None
                and isinstance(settings.node, ast.Dict)
                and all(k is not None for k in settings.node.keys)
            ):
                keys = {k.value for k in settings.node.keys if isinstance(k, ast.Constant)}
            for name in ("API_URL_SETTING", "API_TOKEN_SETTING"):
                found = classes.lookup(cls, name)
                ok, value = literal(found.node) if found else (True, None)
                file = project.rel((found.owner if found else cls).module.file)
                line = found.line if found else cls.line
                if ok and not value:
                    yield self.finding(
                        f"{cls.name} uses APICallMixin but sets no {name}: has_api_call "
                        "raises and the mixin never works",
                        file=file, line=line, hint=f'set {name} = "<a SETTINGS key>"',
                    )  # fmt: skip
                elif ok and keys is not None and value not in keys:
                    yield self.finding(
                        f"{name} = {value!r} is not a key of SETTINGS",
                        file=file, line=line, hint=f"add {value!r} to SETTINGS",
                        severity="warning",
                    )  # fmt: skip


class CLS016(Rule):
    """TRANSITION_HANDLERS is a list.

    TransitionMixin raises TypeError for anything but a list, and `has_transition_handlers`
    swallows it: the plugin's handlers are silently never called. In a list, each entry must
    be a TransitionMethod instance: a class is logged (INVE-E9) and skipped. The plugin loads;
    the handlers are the feature that fails.

    Fix: `TRANSITION_HANDLERS = [MyTransition()]` (a list of TransitionMethod instances).
    """

    id = "CLS016"
    severity = "feature"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for cls in targets:
            if "TransitionMixin" not in classes.mixins(cls):
                continue
            found = classes.lookup(cls, "TRANSITION_HANDLERS")
            if found is None:
                continue
            node, file = found.node, project.rel(found.owner.module.file)
            if isinstance(node, ast.List):
                names = {c.name for c in classes.classes.values()}
                for element in node.elts:
                    if isinstance(element, ast.Name) and element.id in names:
                        yield self.finding(
                            f"TRANSITION_HANDLERS holds the class {element.id}, not an "
                            "instance: InvenTree skips it (INVE-E9) and never calls it",
                            file=file, line=found.line, hint=f"list an instance: {element.id}()",
                        )  # fmt: skip
            if isinstance(node, ast.Tuple | ast.Set | ast.Dict | ast.Constant | ast.SetComp):
                kind = type(node).__name__.lower()
                if isinstance(node, ast.Constant):
                    kind = type(node.value).__name__
                yield self.finding(
                    f"TRANSITION_HANDLERS is a {kind}, not a list: the handlers are ignored",
                    file=file, line=found.line, hint="make it a list: [Handler(), ...]",
                )  # fmt: skip


class CLS018(Rule):
    """Mixins whose hook has no default implementation have it implemented.

    Some hooks' defaults only raise "not implemented" (read per release from InvenTree's
    sources): EventMixin.process_event, LocateMixin.locate_stock_location,
    CurrencyExchangeMixin.update_exchange_rates, LabelPrintingMixin.print_label,
    SupplierBarcodeMixin.extract_barcode_fields, IconPackMixin.icon_packs, MailMixin's mail
    hooks and SupplierMixin's import hooks (1.1 on). The plugin loads, but every event, print,
    locate or mail request that reaches the hook fails. Defining a hook whose default is the
    only caller of the missing one (LabelPrintingMixin.print_labels, SupplierBarcodeMixin.scan)
    is enough.

    Fix: define the method in the plugin class.
    """

    id = "CLS018"
    severity = "feature"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass],
        inventree_version: str,
    ) -> Iterator[Finding]:  # fmt: skip
        required = versions.required_hooks(inventree_version)
        for cls in targets:
            lineage = classes.lineage(cls)
            if lineage.unknown:
                continue  # a base class from elsewhere may implement the hooks
            for mixin, hooks in required.items():
                if mixin not in lineage.inventree:
                    continue
                for hook, callers in hooks.items():
                    if any(classes.lookup(cls, name) is not None for name in (hook, *callers)):
                        continue
                    yield self.finding(
                        f"{cls.name} uses {mixin} but does not implement {hook}(): "
                        "InvenTree's default raises 'not implemented' when it is called",
                        file=project.rel(cls.module.file), line=cls.line,
                        hint=f"define {hook}() in {cls.name}",
                    )  # fmt: skip


class CLS019(Rule):
    """SETTINGS / USER_SETTINGS entries use only the keys InvenTree knows.

    Each setting is a dict with keys from InvenTree's settings key type (name, description,
    units, validator, default, choices, hidden, before_save, after_save, protected, required,
    model; confirm and confirm_text from 1.2, model_filters from 1.3). Other keys are ignored
    silently, which usually means a typo (`descripton`, `defaults`, `choice`). Setting names
    are upper-cased by InvenTree when it looks a definition up, so a lower-case name loads
    but loses its default, choices and validator.

    Fix: correct the key.
    """

    id = "CLS019"
    severity = "warning"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass],
        release: facts.Release, inventree_version: str,
    ) -> Iterator[Finding]:  # fmt: skip
        known = release.setting_entry_keys
        for cls in targets:
            for attribute in ("SETTINGS", "USER_SETTINGS"):
                found = classes.lookup(cls, attribute)
                if found is None or not isinstance(found.node, ast.Dict):
                    continue
                file = project.rel(found.owner.module.file)
                for key_node, value in zip(found.node.keys, found.node.values, strict=True):
                    name = key_node.value if isinstance(key_node, ast.Constant) else None
                    if isinstance(name, str) and name != name.strip().upper():
                        yield self.finding(
                            f"{attribute} key {name!r} is not upper-case: InvenTree looks "
                            f"definitions up by {name.strip().upper()!r}, so its default, "
                            "choices and validator are not applied",
                            file=file, line=getattr(key_node, "lineno", None),
                            hint=f"name it {name.strip().upper()!r}",
                        )  # fmt: skip
                    if not isinstance(value, ast.Dict):
                        continue
                    for k in value.keys:
                        if not isinstance(k, ast.Constant) or k.value in known:
                            continue
                        yield self.finding(
                            f"{attribute}[{_label(key_node)}] has unknown key {k.value!r}: "
                            f"InvenTree {inventree_version} ignores it",
                            file=file, line=k.lineno,
                            hint="known keys: " + ", ".join(sorted(known)),
                        )  # fmt: skip
