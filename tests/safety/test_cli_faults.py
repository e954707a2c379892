"""Exit codes, one-line errors instead of tracebacks, input limits and leftovers of the CLI.

Every case from issue 11 runs the real CLI in a subprocess with a private TMPDIR, and then
checks that nothing is left in it.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.check.test_dynamic import make_project
from tests.safety.helpers import CLI, assert_nothing_left, env_for, run_cli


def one_line_error(run, fragment: str, code: int | None = None) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    lines = [line for line in run.stderr.strip().splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and fragment in lines[0], run.stderr
    if code is not None:
        assert run.returncode == code, (run.returncode, run.stderr)


# ----------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize(
    ("prelude", "requires", "code", "loads"),
    [
        ("", [], 0, True),
        ("raise RuntimeError('broken at import')\n", [], 1, False),
        # qrcode is InvenTree's to provide; with installing off, the check cannot decide
        ("import qrcode\n", [], 3, None),
    ],
    ids=["loads", "does-not-load", "undecided"],
)
def test_check_exit_codes_and_json(
    tmp_path: Path, prelude: str, requires: list[str], code: int, loads: bool | None
) -> None:
    """0 loads, 1 does not load, 3 undecided; --json is one object every time; relative path."""
    make_project(tmp_path, prelude=prelude, requires=requires)
    run = run_cli("check", "project", "--json", cwd=tmp_path, env=env_for(tmp_path))
    assert run.returncode == code, run.stderr
    assert json.loads(run.stdout)["loads"] is loads
    assert_nothing_left(tmp_path)


def test_could_not_run_is_exit_2_with_one_json_object(tmp_path: Path) -> None:
    run = run_cli("check", "nothing-here", "--json", cwd=tmp_path, env=env_for(tmp_path))
    assert run.returncode == 2
    report = json.loads(run.stdout)
    assert report["loads"] is None and "does not exist" in report["error"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_ids_are_an_error(tmp_path: Path, option: str) -> None:
    make_project(tmp_path)
    run = run_cli("check", "project", option, "NOPE", cwd=tmp_path, env=env_for(tmp_path))
    one_line_error(run, "unknown rule id 'NOPE'", 2)
    run = run_cli("check", "project", option, "DYN", "--json", cwd=tmp_path, env=env_for(tmp_path))
    assert run.returncode == 0, run.stderr  # a prefix of real ids is fine


def test_check_help_lists_the_exit_codes_and_install_options(tmp_path: Path) -> None:
    run = run_cli("check", "--help", cwd=tmp_path, env=env_for(tmp_path))
    text = " ".join(run.stdout.split())
    for fragment in ("0 it would load", "1 it would not load", "2 the check", "3 undecided"):
        assert fragment in text
    assert "--no-install" in text and "--allow-direct-references" in text


def test_installs_are_announced_and_no_install_is_a_flag(tmp_path: Path) -> None:
    """What would be installed is said before pip runs (here: an index with nothing)."""
    make_project(tmp_path, prelude="import cip_fake_dependency\n", requires=["cip-fake-dependency"])
    empty = tmp_path / "index"
    empty.mkdir()
    env = env_for(tmp_path, CREATE_INVENTREE_PLUGIN_PIP_ARGS=f"--no-index --find-links {empty}")
    del env["CREATE_INVENTREE_PLUGIN_NO_INSTALL"]
    run = run_cli("check", "project", cwd=tmp_path, env=env)
    assert (
        "installing cip-fake-dependency" in run.stderr and "runs these packages' code" in run.stderr
    )
    assert run.returncode == 3
    run = run_cli("check", "project", "--no-install", cwd=tmp_path, env=env)
    assert "installing cip-fake" not in run.stderr and run.returncode == 3
    assert "--no-install" in run.stdout


def test_direct_references_are_refused_without_the_flag(tmp_path: Path) -> None:
    evil = tmp_path / "evil"
    evil.mkdir()
    requires = [f"cip-fake-dependency @ file://{evil}"]
    make_project(tmp_path, prelude="import cip_fake_dependency\n", requires=requires)
    env = env_for(tmp_path)
    del env["CREATE_INVENTREE_PLUGIN_NO_INSTALL"]
    run = run_cli("check", "project", cwd=tmp_path, env=env)
    assert run.returncode == 3
    assert "direct reference" in run.stdout and "--allow-direct-references" in run.stdout
    assert "installing" not in run.stderr


# ----------------------------------------------------------------------------- tracebacks


def test_closed_stdin(tmp_path: Path) -> None:
    """No stdin at all (`<&-`): asking is impossible, said in one line."""
    command = " ".join([*CLI, "create", "out", "--no-check"]) + " <&-"
    run = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, env=env_for(tmp_path), capture_output=True, text=True
    )
    one_line_error(run, "no terminal to ask", 1)


def test_binary_and_oversized_data_files_and_alias_bombs(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    (tmp_path / "binary.yml").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "big.yml").write_text("plugin_name: " + "x" * (2 * 2**20))
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    (tmp_path / "bomb.yml").write_text(bomb)
    expected = {"binary.yml": "not UTF-8", "big.yml": "larger than", "bomb.yml": "aliases"}
    for name, fragment in expected.items():
        run = run_cli("create", "out", "--defaults", "--data-file", name, cwd=tmp_path, env=env)
        one_line_error(run, fragment)
    assert not (tmp_path / "out").exists()
    assert_nothing_left(tmp_path)


def test_update_without_git_on_path(tmp_path: Path) -> None:
    env = env_for(tmp_path, PATH=str(tmp_path / "no-bin"))
    run = run_cli("update", str(tmp_path), cwd=tmp_path, env=env)
    one_line_error(run, "git was not found", 2)


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "store").write_text("not a repository")
    env = env_for(tmp_path, CREATE_INVENTREE_PLUGIN_STORE=str(tmp_path / "store"))
    run = run_cli("create", "out", "--defaults", "--no-check", cwd=tmp_path, env=env)
    one_line_error(run, "Not a directory", 1)
    assert not (tmp_path / "out").exists()
    assert_nothing_left(tmp_path)


def test_unwritable_cache(tmp_path: Path) -> None:
    """A cache path that is a file: create and check still work (nothing cached)."""
    (tmp_path / "cachefile").write_text("")
    env = env_for(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cachefile"))
    run = run_cli("create", "out", "--defaults", "--no-check", "--no-git", cwd=tmp_path, env=env)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    run = run_cli("check", "out", "--json", cwd=tmp_path, env=env)
    assert "Traceback" not in run.stderr and run.returncode in (0, 3), run.stderr
    json.loads(run.stdout)


def test_broken_pipe(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [*CLI, "check", "--list-rules"],
        cwd=tmp_path,
        env=env_for(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader went away (`| head -0`)
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert "Traceback" not in err and "Exception ignored" not in err


def test_full_output_device(tmp_path: Path) -> None:
    """Writes failing with ENOSPC (/dev/full): one line on stderr, exit 2."""
    with Path("/dev/full").open("w") as full:
        run = subprocess.run(
            [*CLI, "check", "--list-rules"],
            cwd=tmp_path,
            env=env_for(tmp_path),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    one_line_error(run, "No space left on device", 2)


# ----------------------------------------------------------------------- limits, leftovers


def write_wheel(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


META = b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"


@pytest.mark.parametrize(
    ("files", "fragment"),
    [
        ({"../escape.py": b"x", "demo-1.0.dist-info/METADATA": META}, "escapes the archive"),
        ({"demo.py": b"", "bomb.bin": b"\0" * (201 * 2**20)}, "unpacks to 201 MB"),
        ({"demo-1.0.dist-info/METADATA": META + b"X" * (3 * 2**20)}, "METADATA is 3 MB"),
        ({f"m{i}.py": b"" for i in range(20_001)}, "members, more than 20000"),
    ],
    ids=["escaping-member", "zip-bomb", "huge-metadata", "too-many-members"],
)
def test_rejected_wheels_leave_no_scratch(tmp_path: Path, files: dict, fragment: str) -> None:
    wheel = write_wheel(tmp_path / "demo-1.0-py3-none-any.whl", files)
    assert wheel.stat().st_size < 2 * 2**20 or "METADATA" in fragment
    run = run_cli("check", wheel.name, cwd=tmp_path, env=env_for(tmp_path))
    one_line_error(run, fragment, 2)
    assert_nothing_left(tmp_path)


def test_symlink_out_of_a_plugin_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "my_plugin"
    folder.mkdir()
    (folder / "plugin.py").write_text("from plugin import InvenTreePlugin\n")
    (folder / "usr").symlink_to("/usr")
    run = run_cli("check", "my_plugin", cwd=tmp_path, env=env_for(tmp_path))
    one_line_error(run, "outside the plugin folder", 2)
    assert_nothing_left(tmp_path)


def test_create_and_check_leave_nothing(tmp_path: Path) -> None:
    """No staging dir beside the project, no Copier clone, no cip-dynamic-* scratch."""
    env = env_for(tmp_path)
    run = run_cli("create", "out", "--defaults", cwd=tmp_path, env=env)  # with the check
    assert run.returncode == 0, run.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    assert_nothing_left(tmp_path)
