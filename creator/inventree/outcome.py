"""Read the probe's observation: what InvenTree said about the plugin, and the verdict.

The observation (loader.observe) is the probe's JSON plus the install step. These helpers
decide the questions the INV rules and the verdict share: which registry errors are the
plugin's (not there before it was installed), whether the plugin was found, registered and
activated, and whether a failure came from the missing network rather than from the plugin.
"""

from __future__ import annotations

import re
from typing import Any

# Words of a failed connection in Python tracebacks and pip output (the check has no network).
_NETWORK = re.compile(
    r"NameResolutionError|Temporary failure in name resolution|gaierror|"
    r"Name or service not known|No address associated with hostname|"
    r"NewConnectionError|Failed to establish a new connection|Network is unreachable|"
    r"ConnectionError|ConnectTimeout|MaxRetryError|urlopen error|"
    r"nodename nor servname provided",
)


def infrastructure_problem(observed: dict[str, Any]) -> str | None:
    """Why the check itself did not finish (None when it did)."""
    if observed.get("infrastructure"):
        return str(observed["infrastructure"])
    install = observed.get("install") or {}
    if install.get("timed_out"):
        return "pip did not finish installing the plugin in time"
    if not install.get("ok", False):
        return None  # the install failed: a verdict, not an infrastructure problem
    process = observed.get("process") or {}
    if process.get("timed_out"):
        return f"InvenTree did not finish loading the plugin within {process.get('seconds')} s"
    if observed.get("probe_error"):
        return "the probe failed: " + last_line(observed["probe_error"])
    if observed.get("setup_error"):
        return "InvenTree did not start (django.setup): " + last_line(observed["setup_error"])
    if "found" not in observed:
        stderr = process.get("stderr") or ""
        return f"the probe ended (code {process.get('returncode')}) without a result" + (
            f": {last_line(stderr)}" if stderr.strip() else ""
        )
    return None


def last_line(text: str) -> str:
    """The last non-empty line of a traceback or output."""
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def registry_errors(observed: dict[str, Any], key: str = "errors") -> dict[str, list[str]]:
    """Registry errors by stage, without those InvenTree had before the plugin was installed."""
    before = (observed.get("baseline") or {}).get("errors") or {}
    out: dict[str, list[str]] = {}
    for stage, messages in (observed.get(key) or {}).items():
        new = [m for m in messages if m not in (before.get(stage) or [])]
        if new:
            out[stage] = new
    return out


def found(observed: dict[str, Any]) -> list[dict[str, Any]]:
    """The plugins InvenTree discovered in what was installed (before activation)."""
    return list(observed.get("found") or [])


def plugins(observed: dict[str, Any]) -> list[dict[str, Any]]:
    """The same plugins after activation."""
    return list(observed.get("plugins") or [])


def version_refusals(observed: dict[str, Any]) -> list[str]:
    """Registry messages saying the plugin is not compatible with this InvenTree version."""
    return [
        message
        for messages in registry_errors(observed).values()
        for message in messages
        if "not compatible with the current InvenTree version" in message
    ]


def inactive(observed: dict[str, Any]) -> list[dict[str, Any]]:
    """Plugins found but not active (or not created) after the admin activated them."""
    return [p for p in plugins(observed) if not (p.get("active") and p.get("instantiated"))]


def network_attempts(observed: dict[str, Any], plugin_only: bool = True) -> list[dict[str, Any]]:
    """Connections to other hosts attempted while loading (from the plugin's files)."""
    attempts = list(observed.get("network") or [])
    return [a for a in attempts if a.get("from")] if plugin_only else attempts


def failure_texts(observed: dict[str, Any]) -> list[str]:
    """Everything that explains a failure: new registry errors, log tracebacks, API bodies."""
    texts = [m for messages in registry_errors(observed).values() for m in messages]
    for record in observed.get("log") or []:
        if record.get("level") in ("ERROR", "CRITICAL"):
            texts.append(f"{record.get('message', '')}\n{record.get('exception', '')}")
    for entry in observed.get("activation") or []:
        texts.append(str(entry.get("body") or ""))
    install = observed.get("install") or {}
    if not install.get("ok", True):
        texts.append(str(install.get("output") or ""))
    return texts


def network_caused(observed: dict[str, Any]) -> str | None:
    """Evidence that a failure came from the missing network, or None."""
    attempts = network_attempts(observed)
    if attempts:
        first = attempts[0]
        return f"{first['host']} (from {first['from']})"
    for text in failure_texts(observed):
        match = _NETWORK.search(text)
        if match:
            return match.group(0)
    return None


def loaded(observed: dict[str, Any]) -> bool:
    """Installed, found, and every plugin found is active after activation."""
    if not (observed.get("install") or {}).get("ok", False):
        return False
    return bool(found(observed)) and bool(plugins(observed)) and not inactive(observed)


def verdict(observed: dict[str, Any]) -> bool | None:
    """`loads`: True, False (InvenTree refuses it), None (the check could not decide)."""
    if infrastructure_problem(observed):
        return None
    if loaded(observed):
        return True
    if network_caused(observed):
        return None  # with a network it might load: say so, do not blame the plugin
    return False
