"""Write and print the fidelity table at the end of a session that ran fidelity cases."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Rebuild build/fidelity/table.md + results.json from the case files; print the counts."""
    reports = [r for reports in terminalreporter.stats.values() for r in reports]
    ran = any("test_fidelity.py" in str(getattr(r, "nodeid", "")) for r in reports)
    if not ran or hasattr(terminalreporter.config, "workerinput"):
        return
    from tests.fidelity import cases, results

    records = results.write(cases.all_ids())
    terminalreporter.section("fidelity: stand-in vs InvenTree's loader")
    terminalreporter.write_line(results.summary(records))
    terminalreporter.write_line(f"table: {results.OUT / 'table.md'}")
