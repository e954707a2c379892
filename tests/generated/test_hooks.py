"""Every mixin example fits every InvenTree release it claims, by the versioned model.

The model (creator.facts) records, per release 1.0 ... 1.5, the mixins `plugin.mixins`
exports and their hooks' signatures, read from InvenTree's sources. Here the catalog is held
against it: each mixin exists from its `since` release on; each hook the example overrides
accepts the call of every release from that `since` (or 1.0) to the newest; and each hook a
release requires (its default raises) is implemented.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
import yaml

from creator import facts
from tests.helpers import render

CATALOG = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "includes" / "catalog.yml").read_text(encoding="utf-8")
)["catalog"]["default"]


def since(name: str) -> tuple[int, int, int]:
    """The first release whose plugin.mixins has `name`, as the catalog says."""
    parsed = facts.parse(CATALOG[name].get("since", "1.0.0"))
    assert parsed is not None
    return parsed


def releases_in_range(name: str) -> list[str]:
    """The modelled releases from the mixin's `since` to the newest."""
    return [r for r in facts.RELEASES if facts.parse(r) >= since(name)]


def stub(signature: str) -> inspect.Signature:
    """An inspect.Signature from signature text such as "(self, data: str, user, **kwargs)".

    Annotations stay unevaluated (they name InvenTree's classes).
    """
    namespace: dict = {}
    exec(f"from __future__ import annotations\ndef hook{signature}: pass\n", namespace)
    return inspect.signature(namespace["hook"])


def call_of(signature: inspect.Signature) -> tuple[list[str], dict[str, str]]:
    """How InvenTree calls a hook of this signature (self left out).

    Required arguments by position, optional and keyword-only ones by name.
    """
    args: list[str] = []
    kwargs: dict[str, str] = {}
    for parameter in list(signature.parameters.values())[1:]:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.kind == parameter.KEYWORD_ONLY or parameter.default is not parameter.empty:
            kwargs[parameter.name] = parameter.name
        else:
            args.append(parameter.name)
    return args, kwargs


@pytest.fixture(scope="module")
def example_methods(template_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """{method name: signature text} of the plugin class with every catalog mixin."""
    project = render(
        template_root,
        tmp_path_factory.mktemp("hooks") / "p",
        mixins=list(CATALOG),
        frontend=False,
    )
    core = next(project.glob("*/core.py"))
    tree = ast.parse(core.read_text(encoding="utf-8"))
    plugin = next(node for node in tree.body if isinstance(node, ast.ClassDef))
    return {
        node.name: f"({ast.unparse(node.args)})"
        for node in plugin.body
        if isinstance(node, ast.FunctionDef)
    }


@pytest.mark.parametrize("name", list(CATALOG))
def test_mixin_exists_from_its_since_release(name: str) -> None:
    """plugin.mixins exports the mixin in every release from `since` on, and in none before."""
    for release in facts.RELEASES:
        exported = name in facts.release(release).mixins
        assert exported == (facts.parse(release) >= since(name)), (name, release)


def test_catalog_covers_every_mixin_class_of_the_newest_release() -> None:
    """A mixin class that InvenTree adds shows up here as missing from the catalog."""
    newest = facts.release(facts.NEWEST)
    classes = {name for name, mixin in newest.mixins.items() if mixin.kind == "class"}
    assert classes - set(CATALOG) == set()


@pytest.mark.parametrize("name", list(CATALOG))
def test_example_accepts_every_release_call(name: str, example_methods: dict) -> None:
    """Each overridden hook binds the arguments every release in range passes.

    (Examples configured by attributes alone, such as SCHEDULED_TASKS, override no hook.)
    """
    for release in releases_in_range(name):
        hooks = facts.release(release).mixins[name].hooks
        for hook, signature in hooks.items():
            if hook.startswith("_") or hook not in example_methods:
                continue
            args, kwargs = call_of(stub(signature))
            example = stub(example_methods[hook])
            try:
                example.bind("self", *args, **kwargs)
            except TypeError as error:
                pytest.fail(
                    f"{name}.{hook}{example_methods[hook]} does not accept InvenTree "
                    f"{release}'s call {hook}{signature}: {error}"
                )


@pytest.mark.parametrize("name", list(CATALOG))
def test_example_implements_every_required_hook(name: str, example_methods: dict) -> None:
    """Hooks whose default raises (print_label, process_event, ...) are implemented."""
    for release in releases_in_range(name):
        missing = facts.release(release).mixins[name].required - set(example_methods)
        assert not missing, f"{name} at InvenTree {release} needs {sorted(missing)}"


def test_renamed_hooks_are_both_implemented(example_methods: dict) -> None:
    """ValidationMixin's parameter hook was renamed in 1.2: the example answers both names."""
    old = facts.release("1.1").mixins["ValidationMixin"].hooks
    new = facts.release("1.2").mixins["ValidationMixin"].hooks
    assert "validate_part_parameter" in old and "validate_part_parameter" not in new
    assert "validate_parameter" in new
    assert {"validate_part_parameter", "validate_parameter"} <= set(example_methods)
