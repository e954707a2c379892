"""What activation and InvenTree's pages call on a loaded plugin: settings, URLs, required hooks."""

from __future__ import annotations

import ast
import inspect
import os
from pathlib import Path
from typing import Any

from creator import facts
from creator.check.dynamic_result import PluginRecord
from creator.check.harness.state import Harness
from creator.standin import SITE_DIR


def check_settings(h: Harness, plugin: Any, record: PluginRecord) -> None:
    """Every declared setting reads (default, choices, validator conversion) without error."""
    if not plugin.mixin_enabled("settings"):
        return
    for attr, label in (("settings", "SETTINGS"), ("user_settings", "USER_SETTINGS")):
        definitions = getattr(plugin, attr, None)
        if not isinstance(definitions, dict):
            record["settings_errors"].append(
                {"key": label, "message": f"{label} is {type(definitions).__name__}, not a dict"}
            )
            continue
        for key, definition in definitions.items():
            if not isinstance(definition, dict):
                record["settings_errors"].append(
                    {"key": key, "message": f"{label}[{key!r}] is not a dict"}
                )
                continue
            if attr != "settings":
                continue
            h.stage(f"setting {key}")
            _, error = h.guarded(f"setting {key}", plugin.get_setting, key)
            if error is None and callable(definition.get("choices")):
                _, error = h.guarded(f"setting {key} choices", definition["choices"])
            if error is not None:
                record["settings_errors"].append({"key": key, **error})


def check_urls(h: Harness, plugin: Any, record: PluginRecord) -> None:
    """Each named URL pattern reverses under plugin:<slug>: and resolves back to itself."""
    if not plugin.mixin_enabled("urls"):
        return
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse
    from django.urls.resolvers import URLPattern, URLResolver

    h.stage(f"urls {plugin.slug}")

    def walk(patterns: Any, namespace: str) -> Any:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                yield pattern, namespace
            else:
                yield pattern, None

    patterns, error = h.guarded("urls", lambda: list(walk(plugin.urlpatterns, "")))
    if error is not None:
        failed: dict[str, Any] = {"name": None, "error": error.get("message"), **error}
        record["urls"].append(failed)  # type: ignore[arg-type]  # a UrlRecord (mypy: ** of a TypedDict)
        return
    base = f"plugin:{plugin.slug}"
    for pattern, namespace in patterns:
        if namespace is None:
            record["urls"].append(
                {"name": None, "error": f"{pattern!r} is not a URL pattern (path/re_path/include)"}
            )
            continue
        if not pattern.name:
            continue
        name = f"{base}{namespace}:{pattern.name}"
        kwargs = _sample_kwargs(pattern)
        if kwargs is None:
            continue  # regex groups we cannot fill: nothing to vouch for either way
        entry: dict[str, Any] = {"name": name, "route": str(pattern.pattern), "error": None}
        try:
            url = reverse(name, kwargs=kwargs)
            match = resolve(url)
            if match.func is not pattern.callback and match.url_name != pattern.name:
                entry["error"] = f"{url} resolves to {match.view_name}, not {name}"
            entry["url"] = url
        except (NoReverseMatch, Resolver404) as exc:
            entry["error"] = f"{type(exc).__name__}: {exc}"
        except Exception as exc:
            entry.update(h.describe(exc))
            entry["error"] = f"{type(exc).__name__}: {exc}"
        record["urls"].append(entry)  # type: ignore[arg-type]  # a UrlRecord, built step by step


def _sample_kwargs(pattern: Any) -> dict[str, Any] | None:
    """Values that satisfy the pattern's converters (route patterns); None if unknown."""
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.urls.resolvers import RoutePattern

    if not isinstance(pattern.pattern, RoutePattern):  # re_path: Django gives it converters={}
        regex = pattern.pattern.regex
        return {} if not regex.groupindex and not regex.groups else None
    converters = pattern.pattern.converters
    samples = {
        "int": 1,
        "str": "x",
        "slug": "x",
        "path": "x",
        "uuid": "0" * 8 + "-0000" * 3 + "-" + "0" * 12,
    }
    kwargs = {}
    for name, converter in converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        if kind not in samples:
            return None
        kwargs[name] = samples[kind]
    return kwargs


def check_hooks(plugin: Any, record: PluginRecord) -> None:
    """Mixin hooks whose default raises MixinNotImplementedError must be overridden."""
    site = str(SITE_DIR.resolve())
    release = facts.release(os.environ.get("INVENTREE_STANDIN_VERSION") or facts.NEWEST)

    def overridden(name: str) -> bool:
        resolved = getattr(type(plugin), name, None)
        resolved = getattr(resolved, "__func__", resolved)
        resolved = getattr(resolved, "fget", resolved)
        code = getattr(resolved, "__code__", None)
        return code is not None and not str(Path(code.co_filename).resolve()).startswith(site)

    for entry in plugin.get_registered_mixins():
        mixin = entry.get("cls")
        if mixin is None:
            continue
        known = release.mixins.get(mixin.__name__)
        for name, value in vars(mixin).items():
            func = getattr(value, "__func__", value)
            if not inspect.isfunction(func) or not _raises_not_implemented(func, ast, inspect):
                continue
            # a hook whose default is the only caller may replace it (print_labels)
            callers = known.callers.get(name, ()) if known else ()
            if not overridden(name) and not any(overridden(c) for c in callers):
                record["hooks_missing"].append({"mixin": mixin.__name__, "method": name})


def _raises_not_implemented(func: Any, ast: Any, inspect: Any) -> bool:
    try:
        tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return False
    body = tree.body[0].body if tree.body else []
    body = [n for n in body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    name = exc.func if isinstance(exc, ast.Call) else exc
    return getattr(name, "id", getattr(name, "attr", "")) == "MixinNotImplementedError"
