"""creator.answers: the answers file, and answers given as -d KEY=VALUE or --data-file."""

from __future__ import annotations

from pathlib import Path

import pytest

from creator.answers import ANSWERS_FILE, MAX_DATA_FILE_BYTES, parse_data, read
from creator.errors import CreatorError


def test_pairs_override_the_data_file(tmp_path: Path) -> None:
    data = tmp_path / "answers.yml"
    data.write_text("plugin_name: From File\nlicense: MIT\n", encoding="utf-8")
    answers = parse_data(["plugin_name=From Flag", "description=a=b"], data)
    assert answers == {"plugin_name": "From Flag", "license": "MIT", "description": "a=b"}


@pytest.mark.parametrize("pair", ["no-equals", "=value", " =value"])
def test_a_pair_without_a_key_is_refused(pair: str) -> None:
    with pytest.raises(CreatorError, match="-d expects KEY=VALUE"):
        parse_data([pair])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"- a\n- b\n", "must hold a mapping"),
        (b"a: [\n", "is not valid YAML/JSON"),
        (b"\xff\xfe", "is not UTF-8 text"),
        (b"a: &x [1]\nb: *x\n", "uses YAML aliases"),
        (b"a: 1\n" + b"#" * MAX_DATA_FILE_BYTES, "is larger than"),
    ],
)
def test_a_bad_data_file_is_one_line(tmp_path: Path, content: bytes, fragment: str) -> None:
    data = tmp_path / "answers.yml"
    data.write_bytes(content)
    with pytest.raises(CreatorError, match=fragment) as raised:
        parse_data([], data)
    assert "\n" not in str(raised.value)


def test_an_empty_data_file_gives_no_answers(tmp_path: Path) -> None:
    data = tmp_path / "answers.yml"
    data.write_text("", encoding="utf-8")
    assert parse_data([], data) == {}


def test_read_gives_the_recorded_answers(tmp_path: Path) -> None:
    (tmp_path / ANSWERS_FILE).write_text("_commit: v1.0.0\nplugin_name: X\n", encoding="utf-8")
    assert read(tmp_path) == {"_commit": "v1.0.0", "plugin_name": "X"}


def test_read_without_the_file_points_at_adopt(tmp_path: Path) -> None:
    with pytest.raises(CreatorError, match="run `create-inventree-plugin adopt` first"):
        read(tmp_path)


def test_read_refuses_a_file_that_holds_no_mapping(tmp_path: Path) -> None:
    (tmp_path / ANSWERS_FILE).write_text("- a\n", encoding="utf-8")
    with pytest.raises(CreatorError, match="does not hold answers"):
        read(tmp_path)
