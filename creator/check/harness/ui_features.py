"""The UI API: call the hooks as InvenTree does; check each feature as it and the frontend would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from creator.check.dynamic_result import PluginRecord, UiProblem
from creator.check.harness.state import Harness
from creator.facts.host import ICON_FORM

PLAIN_FEATURES = ("dashboard", "navigation", "spotlight_action", "primary_action", "route")
PANEL_TARGETS = (
    "part",
    "partcategory",
    "stockitem",
    "stocklocation",
    "build",
    "purchaseorder",
    "salesorder",
    "returnorder",
    "company",
    "supplierpart",
    "manufacturerpart",
    "user",
)
TEMPLATE_FEATURES = ("template_editor", "template_preview")
TEMPLATE_TYPES = ("labeltemplate", "reporttemplate")

#: Default JS function per feature type (docs/design/frontend.md, Default function names); None: no
#: JS module is loaded.
DEFAULT_FUNCTION = {
    "panel": "renderPanel",
    "dashboard": "renderDashboardItem",
    "spotlight_action": "executeAction",
    "template_editor": "getFeature",
    "template_preview": "getFeature",
    "route": "getFeature",
    "navigation": None,
    "primary_action": None,
    "settings": "renderPluginSettings",
}


def check_ui(h: Harness, plugin: Any, record: PluginRecord) -> None:
    """Call get_ui_features like InvenTree's UI API does; validate each returned feature."""
    ui = record["ui"]
    if plugin.mixin_enabled("ui"):
        # after django.setup() (setup_standin): Django's apps must be ready
        from django.http import QueryDict
        from django.test import RequestFactory
        from rest_framework.request import Request

        calls: list[tuple[str, dict[str, str], str]] = []
        for target in PANEL_TARGETS:
            target_id = h.targets.get(target, 1)
            calls.append(("panel", {"target_model": target, "target_id": str(target_id)}, target))
        for feature_type in PLAIN_FEATURES:
            calls.append((feature_type, {}, ""))
        for feature_type in TEMPLATE_FEATURES:
            for template_type in TEMPLATE_TYPES:
                context = {"template_type": template_type, "template_model": "part"}
                calls.append((feature_type, context, template_type))
        for feature_type, params, target in calls:
            query = QueryDict(mutable=True)
            query.update(params)
            raw = RequestFactory().get(f"/api/plugins/ui/features/{feature_type}/", params)
            raw.user = h.user
            request = Request(raw)
            request._user = h.user  # type: ignore[attr-defined]
            what = f"get_ui_features({feature_type!r}{', ' + target if target else ''})"
            h.stage(what)
            features, error = h.guarded(
                what, plugin.get_ui_features, feature_type, request.query_params, request
            )
            ui["called"].append(what)
            if error is not None:
                error.update({"feature_type": feature_type, "target": target})
                missing_object = error["type"] == "DoesNotExist" and target not in h.targets
                error["no_target_object"] = missing_object
                ui["errors"].append(error)
                continue
            if not isinstance(features, list):
                ui["problems"].append(
                    _problem(
                        feature_type, target, None, "error",
                        f"returned {type(features).__name__}, not a list: InvenTree ignores it",
                    )
                )  # fmt: skip
                continue
            for feature in features:
                ui["problems"].extend(validate_feature(plugin, feature_type, target, feature))
    if getattr(plugin, "ADMIN_SOURCE", None) or type(plugin).get_admin_context is not _base_admin():
        h.stage("admin source/context")
        source, error = h.guarded("get_admin_source", plugin.get_admin_source)
        context, error2 = h.guarded("get_admin_context", plugin.get_admin_context)
        for err in (error, error2):
            if err is not None:
                err.update({"feature_type": "settings", "target": ""})
                ui["errors"].append(err)
        if error is None and error2 is None and source:
            feature = {"key": "settings", "title": "settings", "source": source, "context": context}
            ui["problems"].extend(validate_feature(plugin, "settings", "", feature))


def _base_admin() -> Any:
    # the stand-in's plugin app: importable only after setup_standin()
    from plugin.plugin import InvenTreePlugin

    return InvenTreePlugin.get_admin_context


def _problem(feature_type: str, target: str, key: Any, severity: str, message: str) -> UiProblem:
    return {
        "feature_type": feature_type,
        "target": target,
        "key": key,
        "severity": severity,
        "message": message,
        # A missing static file: the static layer may know it is "not built yet".
        "missing_file": message.endswith("does not exist (the browser gets a 404)"),
    }


def validate_feature(plugin: Any, feature_type: str, target: str, feature: Any) -> list[UiProblem]:
    """The checks InvenTree's UI API applies (serializer), plus what the frontend needs."""
    # the stand-in's plugin app: importable only after setup_standin()
    from plugin.base.ui.serializers import PluginUIFeatureSerializer

    problems: list[UiProblem] = []

    def add(severity: str, message: str) -> None:
        key = feature.get("key") if isinstance(feature, dict) else None
        problems.append(_problem(feature_type, target, key, severity, message))

    if not isinstance(feature, dict):
        add("error", f"a feature is {type(feature).__name__}, not a dict: InvenTree drops it")
        return problems
    item = dict(feature)
    item["plugin_name"] = plugin.slug
    item["feature_type"] = feature_type
    for field in ("key", "title", "description", "source"):
        if item.get(field) is not None:
            item[field] = str(item[field])
    if feature_type != "settings":
        # InvenTree's API serializes the dict as output (no validation): only what makes
        # that fail (a missing key, options/context that are not dicts) drops the feature
        try:
            PluginUIFeatureSerializer(item).data  # noqa: B018 (serializing is the check)
        except Exception as exc:  # what InvenTree's API catches and logs
            add("error", f"InvenTree's API cannot serialize it ({exc!r}): the feature is dropped")
        if not item.get("source"):
            add("error", "no source: the frontend has nothing to render")
        if not item.get("title"):
            add("warning", "no title: InvenTree shows an empty label")
    for field in ("context", "options"):
        if field in feature and feature[field] is not None:
            try:
                json.dumps(feature[field])
            except (TypeError, ValueError) as exc:
                add("error", f"{field} is not JSON-serialisable ({exc}): the UI API fails")
    icon = feature.get("icon")
    if icon and not ICON_FORM.match(str(icon)):
        add(
            "warning",
            f"icon {icon!r} is not in <pack>:<name>:<variant> form (e.g. ti:plug:outline)",
        )
    source = item.get("source")
    if source and DEFAULT_FUNCTION.get(feature_type, "x") is not None:
        problem = check_source(plugin, str(source), DEFAULT_FUNCTION.get(feature_type))
        if problem:
            add(*problem)
    return problems


def check_source(plugin: Any, source: str, default_function: str | None) -> tuple[str, str] | None:
    """A `source` must name a file the plugin ships under static/, exporting the function."""
    url = urlsplit(source)
    if url.scheme or url.netloc:
        return None  # served from elsewhere (dev server, CDN): nothing to check here
    path, _, function = url.path.partition(":")
    function = function or default_function or ""
    prefix = f"/static/plugins/{plugin.slug}/"
    if not path.startswith(prefix):
        if path.startswith("/static/plugins/"):
            return (
                "error",
                f"source {source!r} is not under {prefix}: InvenTree copies the plugin's "
                "static files there, so the file 404s",
            )
        return ("warning", f"source {source!r} is not a /static/plugins/ URL; cannot vouch for it")
    relative = path[len(prefix) :]
    file = Path(plugin.path()) / "static" / relative
    if not file.is_file():
        return ("error", f"source {source!r}: {file} does not exist (the browser gets a 404)")
    if function and file.suffix in (".js", ".mjs"):
        text = file.read_text(encoding="utf-8", errors="replace")
        name = re.escape(function)
        declared = re.search(
            rf"\bexport\s+(?:default\s+)?(?:async\s+)?(?:function\s*\*?|const|let|var|class)\s*{name}\b",
            text,
        )
        listed = re.search(rf"\bexport\s*\{{[^}}]*\b{name}\b[^}}]*\}}", text)
        if not (declared or listed):
            return ("error", f"source {source!r}: {relative} exports no function {function!r}")
    return None
