"""The old tool's releases: fetched once with pip into the cache, then used offline."""

from __future__ import annotations

import pytest

from creator.errors import CreatorError
from creator.migrate import fingerprint, oldrender, releases
from tests.test_adopt import incumbent

pytestmark = pytest.mark.xdist_group("test_adopt")  # the old tool's cache: one worker


@pytest.mark.network
def test_a_cached_release_renders_offline(monkeypatch):
    wheel = releases.wheel("1.13.0")  # fetched once (or already cached)
    stamp = wheel.stat().st_mtime_ns
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # from here on pip could not fetch anything
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
    project = incumbent("1.13.0")
    base = oldrender.base(project, "1.13.0")
    assert releases.wheel("1.13.0").stat().st_mtime_ns == stamp
    # The old tool's own output, reproduced byte for byte from its template.
    assert base == oldrender.files(project)
    assert "1.13.0" in releases.cached_versions()


@pytest.mark.network
def test_render_context_comes_from_the_project_and_the_release():
    project = incumbent("1.20.1")
    values = oldrender.context(project, "1.20.1")
    assert values["plugin_creator_version"] == "1.20.1"
    assert values["package_name"] == "my_custom_plugin"
    assert values["frontend"]["enabled"] is True
    assert values["frontend"]["features"] == {
        "dashboard": True,
        "panel": True,
        "settings": True,
        "spotlight": True,
    }
    assert values["frontend"]["react_version"] == "19.2.4"  # the release's frontend.py constant
    assert "TransitionMixin" in values["plugin_mixins"]["mixin_list"]


@pytest.mark.network
@pytest.mark.parametrize("version", ["1.5.0"])
def test_an_early_release_is_detected_certainly(version):
    detection = fingerprint.detect(incumbent(version))
    assert detection is not None and detection.version == version
    assert detection.certainty == "certain"
    assert detection.score.identical == detection.score.compared


def test_bad_versions_are_one_line_errors():
    with pytest.raises(CreatorError, match=r"'x\.y' is not a version of inventree-plugin-creator"):
        releases.wheel("x.y")
