"""Coverage-guided fuzzing of the record reader with atheris (libFuzzer), for long runs.

Not part of CI. Each input is written to a file in a temporary folder (as .yaml or .json,
chosen by its first byte) and read with `gift_ledger.read.read_file`; when the file has
problems, `positions` reads it again for their values, as `ledger validate` does to locate
them. With --whole-ledger the file is validated as a one-file ledger instead (records and
checks too).

Whatever the bytes, the reader must return located diagnostics: any exception, a
diagnostic without a position or with a message of more than one line, or an unknown code,
is a crash that libFuzzer saves as crash-<hash> for replay. A YAML input is also offered to
the compiled fast path (gift_ledger/read/yaml_fast.py): a value from it that is not the
exact reader's, or any value where the exact reader reports a problem, is a crash too.

    pip install atheris
    python benchmarks/fuzz_reader.py /tmp/reader-corpus -max_total_time=3600 \
        -rss_limit_mb=1024 -timeout=30
    python benchmarks/fuzz_reader.py --whole-ledger /tmp/ledger-corpus -runs=200000
    python benchmarks/fuzz_reader.py crash-0123abcd   # replay one input

An empty corpus folder is first filled with the example ledgers' record files. Options
after the script's own go to libFuzzer (-help=1 lists them). Without atheris the script
says so and exits 2; importing it needs only the standard library and gift-ledger.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

try:
    import atheris
except ImportError:  # pragma: no cover - atheris is optional, for long runs by hand
    atheris = None

PROJECT = Path(__file__).resolve().parent.parent
CASES = PROJECT / "tests" / "cases"
SUFFIXES = (".yaml", ".json", ".yml")

if atheris is not None:
    with atheris.instrument_imports():
        from gift_ledger import validate
        from gift_ledger.diagnostics import CODES
        from gift_ledger.read import files as reader
        from gift_ledger.read import yaml_fast
        from gift_ledger.read.positions import ReadError
        from gift_ledger.read.yaml import YamlBuilder
else:
    from gift_ledger import validate
    from gift_ledger.diagnostics import CODES
    from gift_ledger.read import files as reader
    from gift_ledger.read import yaml_fast
    from gift_ledger.read.positions import ReadError
    from gift_ledger.read.yaml import YamlBuilder

_folder = Path(tempfile.mkdtemp(prefix="fuzz-reader-"))
_whole_ledger = False


def _check(diagnostics: Any) -> None:
    for d in diagnostics:
        assert d.code in CODES, d
        assert d.line is not None and d.line >= 1, d
        assert d.column is not None and d.column >= 1, d
        assert "\n" not in d.message and "\r" not in d.message, d


def test_one_input(data: bytes) -> None:
    """Read one input as a record file; raise only for a bug in the reader."""
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".yaml"
    for old in _folder.iterdir():
        old.unlink()
    path = _folder / f"record{suffix}"
    path.write_bytes(data[1:])
    if _whole_ledger:
        report = validate.validate_ledger(_folder)
        _check(report.diagnostics)
        return
    parsed = reader.read_file(path)
    _check(parsed.diagnostics)
    if not parsed.ok:
        reader.positions(path, ["", *(d.pointer for d in parsed.diagnostics)])
    if suffix != ".json":
        _check_fast_path(data[1:].decode("utf-8", "replace").removeprefix("\ufeff"))


def _check_fast_path(text: str) -> None:
    """The fast path declines the text or gives the exact reader's value (repr compares
    types, key order, NaN and the sign of zero)."""
    fast = yaml_fast.fast_value(text)
    if fast is yaml_fast.DECLINED:
        return
    try:
        exact = YamlBuilder(text).build()
    except ReadError as e:
        raise AssertionError(f"the fast path read what the exact reader refuses: {e}") from e
    assert repr(fast) == repr(exact), (fast, exact)


def fill_corpus(corpus: Path) -> int:
    """Put the example ledgers' record files in an empty corpus folder; return how many."""
    count = 0
    for source in sorted(CASES.rglob("*")):
        if source.suffix in SUFFIXES and source.is_file():
            prefix = bytes([SUFFIXES.index(source.suffix)])
            (corpus / f"seed-{count:04d}").write_bytes(prefix + source.read_bytes())
            count += 1
    return count


def main(argv: list[str]) -> int:
    global _whole_ledger  # noqa: PLW0603 - libFuzzer calls test_one_input with bytes only
    if atheris is None:
        print("fuzz_reader: atheris is not installed: pip install atheris", file=sys.stderr)
        return 2
    if "--whole-ledger" in argv:
        argv = [arg for arg in argv if arg != "--whole-ledger"]
        _whole_ledger = True
    for arg in argv[1:]:
        corpus = Path(arg)
        if not arg.startswith("-") and corpus.is_dir() and not any(corpus.iterdir()):
            print(f"fuzz_reader: seeded {corpus} with {fill_corpus(corpus)} files")
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
