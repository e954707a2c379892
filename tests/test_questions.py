"""copier.yml's questions: derived names, validators, and our evaluation matching Copier's."""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path

import pytest
import yaml
from django.utils.text import slugify  # the function InvenTree keys plugins with

from creator.errors import CreatorError
from creator.questions import Template
from tests.helpers import render


def derived(template: Template, plugin_name: str) -> dict[str, str]:
    answers, _ = template.resolve({"plugin_name": plugin_name}, use_defaults=True)
    return {
        k: answers[k] for k in ("plugin_slug", "package_name", "class_name", "distribution_name")
    }


@pytest.mark.parametrize(
    ("title", "slug", "package", "cls"),
    [
        ("Stock Alarm", "stock-alarm", "stock_alarm", "StockAlarmPlugin"),
        ("Café Plugin", "cafe-plugin", "cafe_plugin", "CafePlugin"),
        ("Straße Øl Łódź", "strasse-ol-lodz", "strasse_ol_lodz", "StrasseOlLodzPlugin"),
        ("3D Printer", "3d-printer", "plugin_3d_printer", "Plugin3DPrinterPlugin"),
        ("My  Plugin", "my-plugin", "my_plugin", "MyPlugin"),
        ("Plugin", "plugin", "inventree_plugin", "Plugin"),
        ("Part", "part", "inventree_part", "PartPlugin"),
        ("class", "class", "inventree_class", "ClassPlugin"),
        ("Class", "class", "inventree_class", "ClassPlugin"),
        ("InvenTree", "inventree", "inventree_inventree", "CustomInvenTreePlugin"),
        ("Settings Mixin", "settings-mixin", "settings_mixin", "SettingsMixinPlugin"),
        ("😀", "my-plugin", "my_plugin", "MyPlugin"),
    ],
)
def test_derived_names(template: Template, title: str, slug: str, package: str, cls: str) -> None:
    """Titles become slug, package and class names that InvenTree and Python accept."""
    names = derived(template, title)
    assert names["plugin_slug"] == slug
    assert slugify(names["plugin_slug"]) == names["plugin_slug"]
    assert names["package_name"] == package
    assert names["class_name"] == cls
    assert names["distribution_name"] == (
        slug if slug.startswith("inventree-") else f"inventree-{slug}"
    )


def test_derived_names_are_always_valid(template: Template) -> None:
    """Any single-line title yields names that pass every validator (or a clear refusal)."""
    titles = ["a" * 100, 'Zoë "q" \\ {{ x }} {% y %} $HOME <b>', "漢字 plugin", "_", "-x-", "None"]
    for title in titles:
        names = derived(template, title)
        assert names["package_name"].isidentifier()
        assert not keyword.iskeyword(names["package_name"])
        assert len(names["package_name"]) <= 32 and len(names["class_name"]) <= 32


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("plugin_slug", "My-Plugin", "slug form"),
        ("plugin_slug", "my--plugin", "slug form"),
        ("plugin_slug", "-plugin", "slug form"),
        ("plugin_slug", "plugin_", "slug form"),
        ("plugin_slug", "a" * 256, "at most 255"),
        ("package_name", "None", "Python keyword"),
        ("package_name", "Class", "Python keyword"),
        ("package_name", "my-plugin", "Python identifier"),
        ("package_name", "1plugin", "Python identifier"),
        ("package_name", "plugin", "shadow the module 'plugin'"),
        ("package_name", "Stock", "shadow the module 'stock'"),
        ("package_name", "inventree", "shadow the module 'InvenTree'"),
        ("package_name", "rest_framework", "shadow"),
        ("package_name", "json", "shadow the module 'json'"),
        ("package_name", "a" * 33, "at most 32"),
        ("class_name", "SettingsMixin", "would hide"),
        ("class_name", "My Plugin", "Python identifier"),
        ("distribution_name", "inventree-_", "PEP 508"),
        ("distribution_name", "-x", "PEP 508"),
        ("author_email", "not-an-email", "e-mail address"),
        ("author_email", "a@b.com\n", "e-mail address"),
        ("website", "not a url", "http(s) URL"),
        ("license", "GPL-3.0", "SPDX ids with a bundled text"),
        ("min_inventree_version", "1.2", "x.y.z"),
        ("min_inventree_version", "10.0.0", "single-digit major"),
        ("plugin_name", "   ", "must not be empty"),
        ("plugin_name", "two\nlines", "single line"),
        ("author_name", "tab\there", "single line"),
        ("description", " \n ", "must not be empty"),
        ("mixins", "NoSuchMixin", "not one of"),
        ("ci", "jenkins", "not one of"),
        ("frontend", "maybe", "true or false"),
    ],
)
def test_invalid_answers_are_refused(
    template: Template, key: str, value: str, message: str
) -> None:
    """Each invalid answer gets one line saying what is wrong."""
    answers = {"mixins": "UserInterfaceMixin"} if key == "frontend" else {}
    with pytest.raises(CreatorError, match=re.escape(message)) as error:
        template.resolve({**answers, key: value}, use_defaults=True)
    assert "\n" not in str(error.value)


def test_unknown_keys_are_refused(template: Template) -> None:
    """Copier ignores unknown --data keys; we refuse them, naming the known ones."""
    with pytest.raises(CreatorError, match="unknown answer 'plugin_nmae'"):
        template.resolve({"plugin_nmae": "x"}, use_defaults=True)
    with pytest.raises(CreatorError, match="unknown answer 'enabled_mixins'"):
        template.resolve({"enabled_mixins": "[]"}, use_defaults=True)


def test_valid_edge_answers_pass(template: Template) -> None:
    """Values at the edge of the rules are accepted."""
    answers, missing = template.resolve(
        {
            "plugin_slug": "a_b-c" + "x" * 250,
            "distribution_name": "inventree-edge",  # the derived one would be 265 long
            "package_name": "my_plugin_2",
            "author_email": "first.last+tag@sub.example.co.uk",
            "website": "https://example.com/a?b=c",
            "license": "EUPL-1.2",
            "min_inventree_version": "1.10.3",
            "mixins": "AppMixin, UrlsMixin",
        },
        use_defaults=True,
    )
    assert not missing
    assert answers["mixins"] == ["AppMixin", "UrlsMixin"]
    assert answers["frontend"] is False  # not asked without UserInterfaceMixin


def test_missing_answers_are_reported_without_defaults(template: Template) -> None:
    """Without --defaults, every asked question needs an answer."""
    _, missing = template.resolve({"plugin_name": "X"}, use_defaults=False)
    names = [q.name for q in missing]
    assert "plugin_name" not in names and "description" in names
    assert "copyright_year" not in names  # never asked


def test_reserved_names_cover_this_pythons_stdlib() -> None:
    """includes/names.yml must list every standard-library module of supported Pythons."""
    data = yaml.safe_load((Path(__file__).parent.parent / "includes/names.yml").read_text())
    listed = {m.lower() for m in data["reserved_modules"]["default"]["stdlib"].split()}
    missing = {
        m for m in sys.stdlib_module_names if not m.startswith("_") and m.lower() not in listed
    }
    assert not missing, f"add to includes/names.yml: {sorted(missing)}"
    keywords = set(data["python_keywords"]["default"].split())
    assert set(keyword.kwlist) <= keywords


def test_cli_evaluation_matches_copier(
    template: Template, template_root: Path, tmp_path: Path
) -> None:
    """Copier, given only the title, derives and stores exactly what our evaluator derives."""
    from copier import run_copy

    title = "Zoë's Straße 3D"
    out = tmp_path / "copier"
    run_copy(str(template_root), str(out), data={"plugin_name": title}, defaults=True, quiet=True)
    stored = yaml.safe_load((out / ".copier-answers.yml").read_text(encoding="utf-8"))
    ours, _ = template.resolve({"plugin_name": title}, use_defaults=True)
    for key, value in ours.items():
        assert stored[key] == value, key
    ours_project = render(template_root, tmp_path / "ours", plugin_name=title)

    def answers_only(path: Path) -> list[str]:
        """The answers file without where the template came from (store vs plain folder)."""
        lines = path.read_text(encoding="utf-8").splitlines()
        return [line for line in lines if not line.startswith(("_commit:", "_src_path:"))]

    assert answers_only(ours_project / ".copier-answers.yml") == answers_only(
        out / ".copier-answers.yml"
    )
