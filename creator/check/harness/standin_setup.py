"""Set up the InvenTree stand-in for one run: no network, Django in memory, a user, targets.

Creating the stand-in's database (migrations of Django's apps, tables of the stand-in apps, a
superuser, one object per panel target) took most of a run. It is done once per environment:
the first run dumps the fresh database (before any plugin code is imported) to the file the
parent names in the spec (`db_template_out`); the parent keeps it in the user cache after
checking its digest against the signed `db_template` event, and later runs copy it into their
in-memory database (`db_template`) with SQLite's backup API. A template whose fingerprint
(Python, Django, DRF, the installed apps, the stand-in's files, the target version) differs
is ignored, and the database is built again.
"""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import sys
from pathlib import Path
from typing import Any

from creator.check.harness.state import Harness
from creator.standin import SITE_DIR, configure, setup_database

#: The superuser the UI requests are made as.
USERNAME = "cip-check"
#: The table in a template holding its fingerprint and target objects (dropped on restore).
TEMPLATE_TABLE = "cip_template"


def block_network() -> None:
    """Refuse outgoing internet connections (the check must not reach the network)."""

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access is disabled during create-inventree-plugin check")

    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    internet = (socket.AF_INET, socket.AF_INET6)

    def connect(self: Any, address: Any) -> Any:
        if self.family in internet:
            refused()
        return original_connect(self, address)

    def connect_ex(self: Any, address: Any) -> Any:
        if self.family in internet:
            refused()
        return original_connect_ex(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.create_connection = refused
    socket.getaddrinfo = refused


def setup_standin(h: Harness) -> None:
    """Configure the stand-in (Django in memory), create the database and a signed-in user."""
    version = h.spec["inventree_version"]
    configure(apps=(), version=version)
    key = fingerprint(version)
    template = h.spec.get("db_template")
    targets = restore_database(template, key) if template else None
    if targets is None:
        targets = create_database()
        if h.spec.get("db_template_out"):
            digest = dump_database(h.spec["db_template_out"], key, targets)
            h.emit("db_template", sha256=digest, fingerprint=key)
    # Everything the harness needs from the stand-in is imported now, before the recorder
    # starts: the recorder then sees only what plugin code asks for.
    import plugin.base.ui.serializers
    import plugin.helpers
    import plugin.plugin
    import plugin.registry  # noqa: F401
    from django.contrib.auth import get_user_model

    h.user = get_user_model().objects.get(username=USERNAME)
    h.targets = targets
    h.emit("targets", targets=h.targets)


def create_database() -> dict[str, Any]:
    """Django's test database (migrations, stand-in tables), the superuser and the targets."""
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.contrib.auth import get_user_model

    setup_database()
    get_user_model().objects.create_superuser(USERNAME, "check@example.com", "x")  # type: ignore[attr-defined]
    return make_targets()


def fingerprint(version: str) -> str:
    """What a database template depends on: a template with another fingerprint is stale."""
    # after configure(): Django's settings are set by then
    import django
    import rest_framework
    from django.conf import settings

    digest = hashlib.sha256()
    text = [sys.version, django.__version__, rest_framework.VERSION, version]
    digest.update("\n".join([*text, *settings.INSTALLED_APPS]).encode())
    standin = SITE_DIR.parent
    for path in sorted(standin.rglob("*.py")):
        info = path.stat()
        where = path.relative_to(standin)
        digest.update(f"{where}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def restore_database(template: str, key: str) -> dict[str, Any] | None:
    """Copy the template into the in-memory test database; its targets, or None if unusable."""
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    try:
        source = sqlite3.connect(f"{Path(template).as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = dict(source.execute(f"SELECT key, value FROM {TEMPLATE_TABLE}").fetchall())
        if rows.get("fingerprint") != key:
            return None
        setup_test_environment()
        # The name Django's test runner gives an in-memory SQLite test database: shared by
        # every connection of this process, as after setup_databases().
        name = f"file:memorydb_{connection.alias}?mode=memory&cache=shared"
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        connection.close()
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.Error:
        return None
    finally:
        source.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {TEMPLATE_TABLE}")
    targets: dict[str, Any] = json.loads(rows["targets"])
    return targets


def dump_database(path: str, key: str, targets: dict[str, Any]) -> str:
    """Write the fresh database to `path` as a template; the file's SHA-256."""
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.db import connection

    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        target.execute(f"CREATE TABLE {TEMPLATE_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
        target.executemany(
            f"INSERT INTO {TEMPLATE_TABLE} VALUES (?, ?)",
            [("fingerprint", key), ("targets", json.dumps(targets))],
        )
        target.commit()
    finally:
        target.close()
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_targets() -> dict[str, Any]:
    """One object per panel target model (pk of each), best effort on the stand-in models."""
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.apps import apps
    from django.contrib.auth import get_user_model

    made: dict[str, Any] = {"user": get_user_model().objects.get(username=USERNAME).pk}

    def create(key: str, label: str, **fields: Any) -> Any:
        try:
            model = apps.get_model(label)
            obj = model.objects.create(**fields)
        except Exception:
            return None
        made[key] = obj.pk
        return obj

    category = create("partcategory", "part.PartCategory", name="Category")
    part = create("part", "part.Part", name="Part", description="A part", category=category)
    location = create("stocklocation", "stock.StockLocation", name="Location")
    if part is not None:
        create("stockitem", "stock.StockItem", part=part, location=location)
        create("build", "build.Build", reference="BO-0001", part=part)
    company = create("company", "company.Company", name="Company")
    if part is not None and company is not None:
        create("supplierpart", "company.SupplierPart", part=part, supplier=company, SKU="S-1")
        create("manufacturerpart", "company.ManufacturerPart", part=part, manufacturer=company)
    create("purchaseorder", "order.PurchaseOrder", reference="PO-0001", supplier=company)
    create("salesorder", "order.SalesOrder", reference="SO-0001", customer=company)
    create("returnorder", "order.ReturnOrder", reference="RMA-0001", customer=company)
    return made
