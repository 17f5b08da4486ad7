"""Hostile record files: `ledger validate` answers each with located diagnostics, nothing else.

Record files come from strangers' pull requests. Whatever they hold, `ledger validate` must
print located diagnostics and exit 0 or 1, in bounded time and memory: never a traceback,
exit 2 or 3, a hang, or a write to the ledger.

Each folder under tests/cases/hostile/ is a ledger built around one hostile input, with a
README.md saying what the input is and what it must yield, and an expected.txt in the
format of tests/cases/invalid/ (empty for a legitimate input that must be read as valid).
Inputs that cannot be committed sensibly (huge files, raw control bytes, other encodings,
symlinks, FIFOs, odd file names) are made here in tmp_path.

Bombs, deep nesting and huge files run in a subprocess with a timeout and an address-space
limit first, so that a regression fails the test instead of hanging it or eating the
machine's memory. No test asserts on elapsed time: machines are shared and noisy.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gift_ledger.cli import app
from gift_ledger.read import MAX_FILE_BYTES
from gift_ledger.read import yaml as yaml_reader

from .conftest import CASES
from .test_cases import _diagnostic_lines

HOSTILE = sorted(p for p in (CASES / "hostile").iterdir() if p.is_dir())
GUARDED = ("alias-", "deep-")
"""Cases that a regression could turn into a hang or a memory blow-up: run guarded first."""
TIMEOUT = 60
"""Seconds before a guarded run counts as a hang (a bound, not a speed test)."""
MEMORY = 1 << 30
"""Address space of a guarded run: 1 GiB."""

SUMMARY = re.compile(
    r"^\d+ records? in \d+ files?: \d+ errors?, \d+ warnings?( \(strict\))?: (valid|invalid)$"
)

# The legitimate ledger that generated cases start from: every record is referred to and
# the quote, in Cyrillic, is in its text, so a file read with the wrong encoding fails.
LEDGER = """\
# A small, complete ledger: every record is referred to and the quote is in its text.
- type: actor
  id: kim-jong-un
  kind: person
  name: Kim Jong Un
  aliases: [김정은]
  country: PRK
- type: actor
  id: vladimir-putin
  kind: person
  name: Vladimir Putin
  aliases: [Владимир Путин]
  country: RUS
- type: source
  id: dogs-report
  title: Kim gives Putin a pair of dogs
  published: 2024-06-20
  text: texts/dogs.txt
- type: gift
  id: kim-to-putin-dogs-2024
  giver: kim-jong-un
  recipient: vladimir-putin
  date: 2024-06-19
  items:
    - item: Pungsan dog
      category: animal
      count: 2
  sources:
    - source: dogs-report
      quote: подарил Владимиру Путину пару собак пхунсан
"""
TEXT = "Ким Чен Ын подарил Владимиру Путину пару собак пхунсан, сообщили в четверг.\n"
TEXT_AT = "records.yaml:18:9"
"""Where LEDGER's `text:` value stands: text problems are reported there."""
BAD_COUNTRY = LEDGER.replace("country: RUS", "country: RU")
BAD_COUNTRY_AT = "records.yaml:13:12: error [invalid-value]"
SECRET = "SECRET-OUTSIDE-THE-LEDGER"
"""A value in a file outside the ledger: it must never be read, nor show in any output."""


def _ledger(root: Path, records: bytes | str = LEDGER, text: bytes | str = TEXT) -> Path:
    """A ledger folder at root: records.yaml and texts/dogs.txt, written as given."""
    (root / "texts").mkdir(parents=True)
    for path, data in ((root / "records.yaml", records), (root / "texts" / "dogs.txt", text)):
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def _outside(tmp_path: Path) -> Path:
    """A folder beside the ledger, holding a record file and a text that must not be read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(
        f"- type: actor\n  id: secret\n  kind: {SECRET}\n  name: {SECRET}\n", encoding="utf-8"
    )
    (outside / "dogs.txt").write_text(TEXT, encoding="utf-8")
    return outside


def _expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_a_character_yaml_refuses_past_a_nesting_error_is_no_internal_error(
    tmp_path: Path,
) -> None:
    """A thousand open brackets, then a NUL far past them: libyaml (0.2.6, bundled with
    PyYAML 6.0.4) stops at its own nesting limit before it reads the NUL, and the re-read
    before that error, by PyYAML's pure-Python parser, refused the whole file for the NUL:
    an internal error (exit 3), found by the atheris harness. Now libyaml's error is
    reported, located (a libyaml without the limit reports the NUL, located too)."""
    (tmp_path / "r.yaml").write_bytes(b"[" * 1100 + b"a" * 80_000 + b"\x00\n")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1, result.output
    (line, summary) = result.output.splitlines()
    assert re.match(rf"^{re.escape(str(tmp_path / 'r.yaml'))}:1:\d+: error \[yaml-syntax\] ", line)
    assert SUMMARY.match(summary)


def _limit_memory() -> None:  # runs in the child, before it starts Python
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run_guarded(ledger: Path, *options: str) -> tuple[int, str]:
    """`python -m gift_ledger validate ledger --strict` with a timeout and a memory limit."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gift_ledger", "validate", str(ledger), "--strict", *options],
            capture_output=True,
            timeout=TIMEOUT,
            preexec_fn=_limit_memory,  # the test process starts no threads of its own
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"validate did not answer within {TIMEOUT} s: a hang")
    output = (done.stdout + done.stderr).decode("utf-8", "backslashreplace")
    return done.returncode, output


def _assert_answers(case: Path, exit_code: int, output: str, expected: list[str]) -> None:
    """The run printed exactly the expected diagnostics and a summary, and exited 0 or 1."""
    assert "Traceback" not in output, output
    assert exit_code not in (2, 3), output
    lines = output.splitlines()
    assert lines, "no output"
    assert SUMMARY.match(lines[-1]), output
    assert _diagnostic_lines(case, output) == expected
    assert exit_code == (1 if expected else 0), output


def _check_in_process(runner: CliRunner, case: Path, expected: list[str]) -> None:
    result = runner.invoke(app, ["validate", str(case), "--strict"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    _assert_answers(case, result.exit_code, result.output, expected)


def _check_guarded(case: Path, expected: list[str]) -> None:
    _assert_answers(case, *_run_guarded(case), expected)


# The committed cases ------------------------------------------------------------------------


@pytest.mark.parametrize("case", HOSTILE, ids=lambda p: p.name)
def test_hostile_case(runner: CliRunner, case: Path) -> None:
    """Each case in tests/cases/hostile/ yields its expected.txt, and exits 1 (0 if empty)."""
    expected = _expected(case)
    if case.name.startswith(GUARDED):
        _check_guarded(case, expected)  # a hang or a blow-up fails here, not in pytest itself
    _check_in_process(runner, case, expected)


def test_every_hostile_case_says_what_it_is() -> None:
    assert len(HOSTILE) >= 20
    for case in HOSTILE:
        assert (case / "README.md").read_text(encoding="utf-8").strip(), case.name
        assert (case / "expected.txt").is_file(), case.name


# Size: huge files, huge values, many values ---------------------------------------------


@pytest.mark.parametrize("name", ["big.yaml", "big.json"])
def test_fifty_megabyte_file_is_refused_by_the_size_limit(tmp_path: Path, name: str) -> None:
    ledger = _ledger(tmp_path / "ledger")
    with (ledger / name).open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    exit_code, output = _run_guarded(ledger)
    _assert_answers(ledger, exit_code, output, [f"{name}:1:1: error [file-too-large]"])
    assert (
        f"the file has 52,428,800 bytes, more than the limit of {MAX_FILE_BYTES:,}: "
        "split it into several record files"
    ) in output


def test_five_megabyte_string_value_is_read(tmp_path: Path) -> None:
    """Legitimate: a 5 MB file whose gift has 5 MB of notes reads as valid."""
    notes = "  notes: " + "The banquet went on. " * 250_000 + "\n"
    ledger = _ledger(tmp_path / "ledger", LEDGER + notes)
    assert (ledger / "records.yaml").stat().st_size > 5_000_000
    _check_guarded(ledger, [])


def test_multi_megabyte_string_in_a_wrong_place_is_located(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "huge.yaml").write_text(
        "type: actor\nid: huge\nkind: " + "p" * 3_000_000 + "\nname: N\n", encoding="utf-8"
    )
    _check_guarded(
        ledger, ["huge.yaml:2:5: warning [unreferenced]", "huge.yaml:3:7: error [invalid-value]"]
    )


@pytest.mark.parametrize(
    ("name", "item"),
    [("wide.yaml", b"{},"), ("wide.json", b"{},"), ("wide-lists.yaml", b"[],")],
    ids=["yaml-mappings", "json-objects", "yaml-lists"],
)
def test_file_of_millions_of_values_is_answered_in_bounded_memory(
    tmp_path: Path, name: str, item: bytes
) -> None:
    """A file just under the size limit holding five million empty values, no aliases.

    The size limit alone lets it through; it must still be answered with diagnostics within
    the guard's 1 GiB, not with a MemoryError (exit 3) or minutes of work.
    """
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    count = (MAX_FILE_BYTES - 16) // len(item)
    (ledger / name).write_bytes(b"[" + item * count + item[:-1] + b"]\n")
    exit_code, output = _run_guarded(ledger)
    assert "Traceback" not in output
    assert exit_code == 1, output[-2000:]
    lines = output.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert lines[:-1], "no diagnostic"
    for line in lines[:-1]:
        assert line.startswith(f"{ledger}/{name}:"), line


def test_text_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger")
    with (ledger / "texts" / "dogs.txt").open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    _check_guarded(ledger, [f"{TEXT_AT}: error [text-unreadable]"])


# Encodings and characters -------------------------------------------------------------------

ENCODINGS = {
    "utf8-bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "utf16-le-bom": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf16-be-bom": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "crlf-utf16-le-bom": lambda text: b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"),
}


@pytest.mark.parametrize("encoding", ENCODINGS, ids=str)
def test_legitimate_encoding_is_read(runner: CliRunner, tmp_path: Path, encoding: str) -> None:
    """Legitimate: a BOM, UTF-16 with a BOM, CRLF line ends; the Cyrillic quote must match."""
    ledger = _ledger(tmp_path / "ledger", ENCODINGS[encoding](LEDGER))
    _check_in_process(runner, ledger, [])


@pytest.mark.parametrize("encoding", ENCODINGS, ids=str)
def test_positions_survive_the_encoding(runner: CliRunner, tmp_path: Path, encoding: str) -> None:
    """An error in a BOM, UTF-16 or CRLF file is on the line and column people see."""
    ledger = _ledger(tmp_path / "ledger", ENCODINGS[encoding](BAD_COUNTRY))
    _check_in_process(runner, ledger, [BAD_COUNTRY_AT])


ASCII_RECORD = "- type: actor\n  id: kim-jong-un\n  kind: person\n  name: Kim Jong Un\n"


@pytest.mark.parametrize(
    ("codec", "records", "expected"),
    [
        # Korean in UTF-16 is not UTF-8: refused where the first bad byte stands.
        ("utf-16-le", LEDGER, "records.yaml:6:27: error [encoding]"),
        ("utf-16-be", LEDGER, "records.yaml:6:25: error [encoding]"),
        # ASCII in UTF-16 is UTF-8 full of NULs, which YAML refuses: at the first NUL.
        ("utf-16-le", ASCII_RECORD, "records.yaml:1:2: error [yaml-syntax]"),
        ("utf-16-be", ASCII_RECORD, "records.yaml:1:1: error [yaml-syntax]"),
    ],
    ids=["le", "be", "le-ascii", "be-ascii"],
)
def test_utf16_without_bom_is_one_located_error(
    runner: CliRunner, tmp_path: Path, codec: str, records: str, expected: str
) -> None:
    """Without a BOM, UTF-16 is read as UTF-8: one located error, never a crash."""
    ledger = _ledger(tmp_path / "ledger", records.encode(codec))
    _check_in_process(runner, ledger, [expected])


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\ufffe"], ids=lambda c: f"U+{ord(c):04X}"
)
def test_raw_control_character_in_yaml_is_located_on_one_line(
    runner: CliRunner, tmp_path: Path, char: str
) -> None:
    """libyaml refuses these characters; the error must say where, on one line."""
    ledger = _ledger(
        tmp_path / "ledger", LEDGER.replace("Vladimir Putin\n", f"Vladimir{char}Putin\n")
    )
    _check_in_process(runner, ledger, ["records.yaml:11:17: error [yaml-syntax]"])


def test_raw_control_character_in_a_json_string_is_located(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "r.json").write_bytes(b'{"type": "actor",\n "name": "Kim\x00Jong Un"}\n')
    _check_in_process(runner, ledger, ["r.json:2:14: error [json-syntax]"])


# Files and folders that are not what their names say ------------------------------------


def test_folder_named_like_a_record_file_is_not_read(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "x.yaml").mkdir()
    (ledger / "x.yaml" / "notes.txt").write_text("not a record\n", encoding="utf-8")
    _check_guarded(ledger, [])


def test_folders_fifteen_hundred_levels_deep_are_walked(tmp_path: Path) -> None:
    """Git stores a tree of any depth: finding the record files must not recurse per level."""
    ledger = _ledger(tmp_path / "ledger")
    folders = [ledger / "d"]
    for _ in range(1499):  # Path.mkdir(parents=True) would itself recurse too deep
        folders.append(folders[-1] / "d")
    try:
        for folder in folders:
            folder.mkdir()
        (folders[-1] / "deep.yaml").write_text(ASCII_RECORD.replace("person", "persn"), "utf-8")
        deep = "d/" * 1500 + "deep.yaml"
        _check_guarded(
            ledger, [f"{deep}:3:9: error [invalid-value]", "records.yaml:3:7: error [duplicate-id]"]
        )
    finally:  # shutil.rmtree, and so pytest's clean-up of tmp_path, recurses too deep
        (folders[-1] / "deep.yaml").unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.is_dir():
                folder.rmdir()


def test_fifo_named_like_a_record_file_is_not_read(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger")
    os.mkfifo(ledger / "f.yaml")  # opening it would block until a writer comes: never
    _check_guarded(ledger, [])


def test_record_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    """A record file may not be a symlink out of the ledger: it would read (and echo in
    messages) any YAML file the CI runner can see. Refused as unreadable, never read."""
    outside = _outside(tmp_path)
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "y.yaml").symlink_to(outside / "secret.yaml")
    exit_code, output = _run_guarded(ledger)
    assert SECRET not in output
    _assert_answers(ledger, exit_code, output, ["y.yaml:1:1: error [unreadable-file]"])


def test_symlinked_folder_leading_outside_is_not_followed(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "more").symlink_to(outside, target_is_directory=True)
    exit_code, output = _run_guarded(ledger)
    assert SECRET not in output
    _assert_answers(ledger, exit_code, output, [])


def test_symlink_loops_and_dangling_symlinks_are_ignored(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "loop").symlink_to(ledger, target_is_directory=True)
    (ledger / "self.yaml").symlink_to(ledger / "self.yaml")
    (ledger / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    _check_guarded(ledger, [])


def test_text_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "texts" / "dogs.txt").unlink()
    (ledger / "texts" / "dogs.txt").symlink_to(outside / "dogs.txt")
    _check_guarded(ledger, [f"{TEXT_AT}: error [text-outside-ledger]"])


def test_text_through_a_symlinked_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "texts" / "dogs.txt").unlink()
    (ledger / "texts").rmdir()
    (ledger / "texts").symlink_to(outside, target_is_directory=True)
    _check_guarded(ledger, [f"{TEXT_AT}: error [text-outside-ledger]"])


def test_text_symlink_inside_the_ledger_is_followed(tmp_path: Path) -> None:
    """Legitimate: a text symlink that stays inside the ledger is read."""
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "archive").mkdir()
    (ledger / "texts" / "dogs.txt").rename(ledger / "archive" / "dogs.txt")
    (ledger / "texts" / "dogs.txt").symlink_to(Path("..") / "archive" / "dogs.txt")
    _check_guarded(ledger, [])


def test_text_symlink_loop_is_refused(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "texts" / "dogs.txt").unlink()
    (ledger / "texts" / "dogs.txt").symlink_to("dogs.txt")
    _check_guarded(ledger, [f"{TEXT_AT}: error [text-unreadable]"])


def test_text_path_with_dots_and_doubled_slashes_is_read(tmp_path: Path) -> None:
    """The path is resolved as the OS would: ``./``, ``//`` and ``x/../`` inside the ledger."""
    records = LEDGER.replace("texts/dogs.txt", "./archive/..//texts/./dogs.txt")
    ledger = _ledger(tmp_path / "ledger", records)
    (ledger / "archive").mkdir()
    _check_guarded(ledger, [])


def test_text_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """Opening a FIFO blocks until something writes to it: a text must be a regular file."""
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "texts" / "dogs.txt").unlink()
    os.mkfifo(ledger / "texts" / "dogs.txt")
    _check_guarded(ledger, [f"{TEXT_AT}: error [text-unreadable]"])


# File names -----------------------------------------------------------------------------


def test_newline_in_a_file_name_cannot_forge_a_diagnostic(tmp_path: Path) -> None:
    """Git allows any byte but NUL and / in a file name: each diagnostic stays one line."""
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    forged = "evil\nrecords.yaml:1:1: error [forged] not a diagnostic\n.yaml"
    (ledger / forged).write_text("type: actor\nid: x\nkind: persn\nname: N\n", encoding="utf-8")
    exit_code, output = _run_guarded(ledger)
    assert exit_code == 1, output
    # two diagnostics, each on one line, and the summary
    unreferenced, diagnostic, summary = output.splitlines()
    assert unreferenced.endswith(
        ":2:5: warning [unreferenced] no gift or agreement refers to actor 'x'"
    )
    assert diagnostic.endswith(
        ":3:7: error [invalid-value] 'kind' must be one of person, "
        "state, organization, not 'persn': did you mean 'person'?"
    )
    assert SUMMARY.match(summary)


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_file_name_that_is_not_utf8_is_reported(
    runner: CliRunner, tmp_path: Path, output_format: str
) -> None:
    """A file name with a byte that is not UTF-8 is reported in every format, never exit 3."""
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    name = os.fsdecode(b"bad\xff.yaml")
    (ledger / name).write_text("type: actor\nid: x\nkind: persn\nname: N\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(ledger), "--format", output_format])
    assert result.exit_code == 1, result.output
    if output_format == "json":
        unreferenced, diagnostic = json.loads(result.stdout)["diagnostics"]
        assert diagnostic["file"].startswith(str(ledger))
        assert (unreferenced["line"], unreferenced["column"]) == (2, 5)
        assert (diagnostic["line"], diagnostic["column"]) == (3, 7)
    else:
        assert re.search(r"(:|,line=)3(:|,col=)7", result.stdout.splitlines()[1]), result.stdout


# Nothing is ever written ----------------------------------------------------------------


def _snapshot(*roots: Path) -> dict[str, tuple[object, ...]]:
    """Every file, folder and symlink below the roots: its kind, contents and mtime."""
    seen: dict[str, tuple[object, ...]] = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in [".", *dirs, *files]:
                path = Path(folder, name)
                info = path.lstat()
                if path.is_symlink():
                    content: object = path.readlink()
                elif path.is_file():
                    content = path.read_bytes()
                else:
                    content = None
                seen[str(path)] = (content, info.st_mode, info.st_size, info.st_mtime_ns)
    return seen


@pytest.mark.parametrize("case", HOSTILE, ids=lambda p: p.name)
def test_validate_never_writes_to_the_ledger(runner: CliRunner, case: Path) -> None:
    before = _snapshot(case)
    if case.name.startswith(GUARDED):
        _run_guarded(case)
    else:
        runner.invoke(app, ["validate", str(case), "--strict"])
    assert _snapshot(case) == before


def test_validate_never_writes_through_symlinks(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "y.yaml").symlink_to(outside / "secret.yaml")
    (ledger / "more").symlink_to(outside, target_is_directory=True)
    (ledger / "texts" / "dogs.txt").unlink()
    (ledger / "texts" / "dogs.txt").symlink_to(outside / "dogs.txt")
    before = _snapshot(tmp_path)
    _run_guarded(ledger)
    _run_guarded(ledger, "--format", "json")
    assert _snapshot(tmp_path) == before


class _ParserWithDepthLimit:
    """libyaml's parser as if its own nesting limit were `limit` and its scanner read the
    whole line ahead: it refuses a file opening more than `limit` flow collections on one
    line before handing over a single event, as libyaml 0.2.6 does past 1,000."""

    limit = 1000

    def __init__(self, text: str) -> None:
        self._parser = yaml_reader._PureParser(text)
        first_line = text.split("\n", 1)[0]
        self._refuse = len(first_line) - len(first_line.lstrip("[{")) > self.limit

    def check_event(self) -> bool:
        if self._refuse:
            mark = yaml.Mark("<unicode string>", self.limit, 0, self.limit, None, None)
            raise yaml.MarkedYAMLError(
                "while increasing flow level", mark, "exceeded maximum nesting depth", mark
            )
        return bool(self._parser.check_event())

    def get_event(self) -> object:
        return self._parser.get_event()

    def dispose(self) -> None:
        self._parser.dispose()


@pytest.mark.parametrize("parser_limit", [None, 65, 100, 1000])
def test_too_deep_is_the_ledgers_limit_whatever_the_parsers(
    monkeypatch: pytest.MonkeyPatch, runner: CliRunner, parser_limit: int | None
) -> None:
    """The 65th level is refused as `too-deep` by the ledger, whether the YAML parser has no
    depth limit of its own (PyYAML's pure-Python parser, libyaml before 0.2.6) or refuses the
    file itself for a limit anywhere above the ledger's, before any event reaches the reader."""
    if parser_limit is None:
        parser: object = yaml_reader._PureParser
    else:
        parser = type("Limited", (_ParserWithDepthLimit,), {"limit": parser_limit})
    monkeypatch.setattr(yaml_reader, "_Parser", parser)
    case = CASES / "hostile" / "deep-yaml"
    _check_in_process(runner, case, _expected(case))


def test_a_syntax_error_alone_is_reported_as_libyaml_reports_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Re-reading before libyaml's error changes nothing for a file whose only problem is
    that error: the same line, place and message as without the re-read."""
    (tmp_path / "r.yaml").write_text("- type: actor\n  id: x\n  name: [a, b\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"{tmp_path / 'r.yaml'}:4:1: error [yaml-syntax] ")
    monkeypatch.setattr(yaml_reader.YamlBuilder, "_reread_before", lambda self, mark: None)
    assert runner.invoke(app, ["validate", str(tmp_path)]).output == result.output
