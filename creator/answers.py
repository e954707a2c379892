"""Answers: the project's `.copier-answers.yml`, and the answers a user gives on the command line.

`create`, `update` and `adopt` all take answers as `-d KEY=VALUE` (and `create` also from
`--data-file`), and `update` and `adopt` read or write the answers file Copier keeps in the
project. Both live here, so the commands share them without importing one another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from creator.errors import CreatorError

#: The file Copier records the answers, the template source and its version in.
ANSWERS_FILE = ".copier-answers.yml"
#: An answers file is a few hundred bytes; anything near this is not one.
MAX_DATA_FILE_BYTES = 2**20


def read(path: Path) -> dict[str, Any]:
    """The `.copier-answers.yml` of the project at `path`, as a mapping (errors: one line)."""
    file = path / ANSWERS_FILE
    try:
        loaded = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CreatorError(
            f"{path} has no {ANSWERS_FILE}: it was not made by create-inventree-plugin "
            "(for a plugin made by inventree-plugin-creator, run `create-inventree-plugin "
            "adopt` first)"
        ) from None
    except (OSError, yaml.YAMLError) as error:
        raise CreatorError(f"cannot read {file}: {str(error).splitlines()[0]}") from None
    if not isinstance(loaded, dict):
        raise CreatorError(f"{file} does not hold answers (a mapping)")
    return loaded


def parse_data(pairs: list[str], data_file: Path | None = None) -> dict[str, Any]:
    """Answers from `data_file` (YAML or JSON), then `-d KEY=VALUE` pairs (which win)."""
    answers: dict[str, Any] = {}
    if data_file is not None:
        try:
            loaded = yaml.safe_load(_data_file_text(data_file))
        except OSError as error:
            raise CreatorError(f"cannot read {data_file}: {error.strerror}", 2) from None
        except yaml.YAMLError as error:
            raise CreatorError(
                f"{data_file} is not valid YAML/JSON: {error}".splitlines()[0]
            ) from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise CreatorError(f"{data_file} must hold a mapping of answers (key: value)")
        answers.update(loaded)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CreatorError(f"-d expects KEY=VALUE, got {pair!r}")
        answers[key.strip()] = value
    return answers


def _data_file_text(data_file: Path) -> str:
    """--data-file's text: bounded in size, UTF-8, and without YAML aliases.

    Aliases are refused outright: answers never need them, and a few hundred bytes of nested
    aliases expand to gigabytes (the "billion laughs").
    """
    with data_file.open("rb") as handle:
        raw = handle.read(MAX_DATA_FILE_BYTES + 1)
    if len(raw) > MAX_DATA_FILE_BYTES:
        raise CreatorError(f"{data_file} is larger than {MAX_DATA_FILE_BYTES // 1024} KB", 2)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CreatorError(f"{data_file} is not UTF-8 text (YAML or JSON expected)", 2) from None
    if "\0" in text:
        raise CreatorError(f"{data_file} is not UTF-8 text (YAML or JSON expected)", 2)
    if "*" in text:  # cheap pre-test; the parser decides
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise CreatorError(f"{data_file} uses YAML aliases (*name), which are refused")
    return text
