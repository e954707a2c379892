"""A generated-style plugin project runs its own Django tests with plain pytest."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from .helpers import REPO_ROOT

FILES = {
    "pyproject.toml": """
        [tool.pytest.ini_options]
        testpaths = ["tests"]
        inventree_apps = ["tiny_plugin"]
        inventree_plugins = ["tiny_plugin.core:TinyPlugin"]
        inventree_version = "1.2.0"
    """,
    "tiny_plugin/__init__.py": """
        PLUGIN_VERSION = "0.1.0"
    """,
    "tiny_plugin/apps.py": """
        from django.apps import AppConfig


        class TinyPluginConfig(AppConfig):
            name = "tiny_plugin"
            default_auto_field = "django.db.models.AutoField"
    """,
    "tiny_plugin/models.py": """
        from django.db import models


        class Note(models.Model):
            part = models.ForeignKey("part.Part", on_delete=models.CASCADE)
            text = models.CharField(max_length=100)
    """,
    "tiny_plugin/migrations/__init__.py": "",
    "tiny_plugin/migrations/0001_initial.py": """
        from django.db import migrations, models


        class Migration(migrations.Migration):
            initial = True
            dependencies = []
            operations = [
                migrations.CreateModel(
                    name="Note",
                    fields=[
                        ("id", models.AutoField(primary_key=True, serialize=False)),
                        ("text", models.CharField(max_length=100)),
                        ("part", models.ForeignKey(on_delete=models.CASCADE, to="part.part")),
                    ],
                ),
            ]
    """,
    "tiny_plugin/views.py": """
        from django.http import JsonResponse


        def example(request):
            return JsonResponse({"hello": "world"})
    """,
    "tiny_plugin/core.py": """
        from django.urls import path

        from plugin import InvenTreePlugin
        from plugin.mixins import AppMixin, SettingsMixin, UrlsMixin, UserInterfaceMixin

        from . import PLUGIN_VERSION


        class TinyPlugin(AppMixin, SettingsMixin, UrlsMixin, UserInterfaceMixin, InvenTreePlugin):
            NAME = "TinyPlugin"
            SLUG = "tiny-plugin"
            TITLE = "Tiny Plugin"
            VERSION = PLUGIN_VERSION
            MIN_VERSION = "1.0.0"
            SETTINGS = {"CUSTOM_VALUE": {"name": "Custom", "default": 42, "validator": int}}

            def setup_urls(self):
                from .views import example

                return [path("example/", example, name="example")]

            def get_ui_panels(self, request, context, **kwargs):
                return [
                    {
                        "key": "tiny-panel",
                        "title": "Tiny",
                        "source": self.plugin_static_file("Panel.js:renderTinyPanel"),
                    }
                ]
    """,
    "tests/conftest.py": """
        pytest_plugins = ["creator.testing"]
    """,
    "tests/test_tiny.py": """
        from django.test import SimpleTestCase, TestCase
        from django.urls import reverse

        from InvenTree.unit_test import InvenTreeAPITestCase

        from part.models import Part
        from plugin import registry
        from tiny_plugin.core import TinyPlugin
        from tiny_plugin.models import Note


        class MetadataTests(SimpleTestCase):
            def test_identity(self):
                plugin = TinyPlugin()
                self.assertEqual(plugin.slug, "tiny-plugin")
                self.assertEqual(plugin.human_name, "Tiny Plugin")
                self.assertTrue(plugin.check_version())


        class DatabaseTests(TestCase):
            def test_settings_default_then_stored(self):
                plugin = registry.get_plugin("tiny-plugin")
                self.assertEqual(plugin.get_setting("CUSTOM_VALUE"), 42)
                plugin.set_setting("CUSTOM_VALUE", 7)
                self.assertEqual(plugin.get_setting("CUSTOM_VALUE"), 7)

            def test_app_model_with_fk_to_inventree_part(self):
                part = Part.objects.create(name="Widget", IPN="W-1")
                Note.objects.create(part=part, text="hello")
                self.assertEqual(Note.objects.get().part.name, "Widget")

            def test_plugin_url(self):
                url = reverse("plugin:tiny-plugin:example")
                self.assertEqual(self.client.get(url).json(), {"hello": "world"})

            def test_rollback_between_tests(self):
                self.assertEqual(Note.objects.count(), 0)


        class ApiTests(InvenTreeAPITestCase):
            def test_logged_in_client_reaches_plugin_view(self):
                response = self.get(reverse("plugin:tiny-plugin:example"), expected_code=200)
                self.assertEqual(response.json(), {"hello": "world"})
                self.assertTrue(self.user.is_authenticated)
    """,
}


def _write_project(root: Path) -> None:
    for rel, text in FILES.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip())


def test_generated_project_tests_pass_under_plain_pytest(tmp_path: Path) -> None:
    _write_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(tmp_path)])
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "6 passed" in proc.stdout


def test_plugin_that_cannot_load_stops_the_session(tmp_path: Path) -> None:
    _write_project(tmp_path)
    core = tmp_path / "tiny_plugin" / "core.py"
    core.write_text(core.read_text().replace('MIN_VERSION = "1.0.0"', 'MAX_VERSION = "1.1"'))
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(tmp_path)])
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "not compatible with the current InvenTree version 1.2.0" in proc.stdout + proc.stderr
