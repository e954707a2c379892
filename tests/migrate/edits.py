"""The typical edits a user of inventree-plugin-creator makes, and how they resolve conflicts.

Each edit is written the way a user would (in the old tool's files, in its style), and is
ruff-clean under our template's configuration. `apply_standard_edits` returns, per file,
the lines the user added, so the tests can check that each survives the migration (or is
inside a listed conflict).
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = "my_custom_plugin"

CORE_LOGIC = '''
    def reorder_quantity(self, stock: int, minimum: int = 10) -> int:
        """How many to order so that `stock` reaches `minimum` (my own logic)."""
        return max(minimum - stock, 0)
'''

STOCK_PANEL = """import { Text } from "@mantine/core";
import * as React from "react";

/** A panel of my own: how many items are in stock. */
export function renderStockPanel(context: { instance?: { name?: string } }) {
  return <Text>Stock of {context.instance?.name ?? "this part"}</Text>;
}
"""

SHELF_MODEL = '''

class Shelf(models.Model):
    """A shelf in the store room (a model of my own)."""

    label = models.CharField(max_length=50, unique=True)
    capacity = models.PositiveIntegerField(default=10)

    def __str__(self):
        """The shelf's label."""
        return self.label
'''

SHELF_OPERATION = """        migrations.CreateModel(
            name="Shelf",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("label", models.CharField(max_length=50, unique=True)),
                ("capacity", models.PositiveIntegerField(default=10)),
            ],
        ),
"""


# Edits that are whole blocks of added lines (replayed into our files as they are).
BLOCKS = {f"{PACKAGE}/core.py": CORE_LOGIC, f"{PACKAGE}/models.py": SHELF_MODEL}


def shelf_migration(dependencies: str) -> str:
    """A migration creating Shelf, as `makemigrations` writes it (ruff-formatted)."""
    return (
        "from django.db import migrations, models\n\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = [{dependencies}]\n\n"
        "    operations = [\n" + SHELF_OPERATION + "    ]\n"
    )


README_SECTION = """
## Deployment notes

Install this plugin on the stock-room server only; it needs the shelf labels set up first.
"""


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def apply_standard_edits(project: Path) -> dict[str, list[str]]:
    """Make the four typical edits; returns {file: lines the user added}."""
    added: dict[str, list[str]] = {}
    core = project / PACKAGE / "core.py"
    _append(core, CORE_LOGIC)
    added[f"{PACKAGE}/core.py"] = CORE_LOGIC.splitlines()

    panel = project / "frontend" / "src" / "StockPanel.tsx"
    panel.write_text(STOCK_PANEL, encoding="utf-8")
    added["frontend/src/StockPanel.tsx"] = STOCK_PANEL.splitlines()
    vite = project / "frontend" / "vite.config.ts"
    lines = vite.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "Panel.tsx" in line)
    entry = lines[at].replace("Panel.tsx", "StockPanel.tsx")
    lines.insert(at + 1, entry)
    vite.write_text("".join(lines), encoding="utf-8")
    added["frontend/vite.config.ts"] = [entry.rstrip("\n")]

    models = project / PACKAGE / "models.py"
    _append(models, SHELF_MODEL)
    added[f"{PACKAGE}/models.py"] = SHELF_MODEL.splitlines()
    migrations = project / PACKAGE / "migrations"
    if (migrations / "0001_initial.py").is_file():
        name, text = "0002_shelf.py", shelf_migration(f'("{PACKAGE}", "0001_initial")')
    else:  # the old tool shipped no migration: makemigrations writes the first one
        name, text = (
            "0001_initial.py",
            shelf_migration("").replace(
                "class Migration(migrations.Migration):\n",
                "class Migration(migrations.Migration):\n    initial = True\n\n",
            ),
        )
    (migrations / name).write_text(text, encoding="utf-8")
    added[f"{PACKAGE}/migrations/{name}"] = text.splitlines()

    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    text = text.replace(first, first + " for the stock room", 1)
    readme.write_text(text + README_SECTION, encoding="utf-8")
    added["README.md"] = [first + " for the stock room", *README_SECTION.strip("\n").splitlines()]
    return added


# ------------------------------------------------------------------------- resolving


CONFLICT = re.compile(
    r"^<<<<<<< before updating\n(?P<ours>.*?)^=======\n(?P<theirs>.*?)^>>>>>>> after updating\n",
    re.M | re.S,
)


def take_theirs(text: str) -> str:
    """Resolve every conflict block with our template's side."""
    return CONFLICT.sub(lambda m: m.group("theirs"), text)


def resolve(project: Path, conflicts: list[str]) -> None:
    """What the user does with the listed conflicts: ours, plus their edit in our form."""
    for name in conflicts:
        file = project / name
        text = take_theirs(file.read_text(encoding="utf-8"))
        if name == "README.md":
            if README_SECTION.strip() not in text:  # (the merge may have kept it already)
                text += README_SECTION
        elif name == "frontend/vite.config.ts" and "StockPanel" not in text:
            text = text.replace(
                '  Panel: "src/Panel.tsx",\n',
                '  Panel: "src/Panel.tsx",\n  StockPanel: "src/StockPanel.tsx",\n',
            )
        elif name.endswith("migrations/0001_initial.py"):
            shelf = file.with_name("0002_shelf.py")
            if not shelf.exists():  # Shelf was in the user's 0001: its own migration now
                shelf.write_text(
                    shelf_migration(f'("{PACKAGE}", "0001_initial")'), encoding="utf-8"
                )
        elif name == f"{PACKAGE}/core.py" and CORE_LOGIC not in text:
            text += CORE_LOGIC
        elif name == f"{PACKAGE}/models.py" and SHELF_MODEL not in text:
            text += SHELF_MODEL
        file.write_text(text, encoding="utf-8")
