"""Reading record files: values mean what people typed, and every problem is located."""

from __future__ import annotations

from pathlib import Path

import pytest

from gift_ledger.read import files as reader
from gift_ledger.read import find_record_files, positions, read_file


def _read(tmp_path: Path, text: str, name: str = "r.yaml") -> object:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    parsed = read_file(path)
    assert parsed.ok, parsed.diagnostics
    return parsed.value


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("2024-06-19", "2024-06-19"),
        ("2024-06-19 10:00:00", "2024-06-19 10:00:00"),
        ("2012", 2012),
        ("-7", -7),
        ("0012", "0012"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("1e309", float("inf")),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ('"2"', "2"),
        ("'true'", "true"),
        ("!!str 2012", "2012"),
        ("12345678901234567890123", "12345678901234567890123"),
    ],
)
def test_scalars_mean_what_people_typed(tmp_path: Path, scalar: str, value: object) -> None:
    assert _read(tmp_path, f"key: {scalar}\n") == {"key": value}


def test_keys_are_always_text(tmp_path: Path) -> None:
    assert _read(tmp_path, "1: one\ntrue: two\nnull: three\n") == {
        "1": "one",
        "true": "two",
        "null": "three",
    }


def test_aliases_share_small_values(tmp_path: Path) -> None:
    assert _read(tmp_path, "a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_json_files_read_with_json_rules(tmp_path: Path) -> None:
    assert _read(tmp_path, '{"country": "NO", "date": "2024-06-19", "n": 2}', "r.json") == {
        "country": "NO",
        "date": "2024-06-19",
        "n": 2,
    }


def test_utf16_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes("name: Kim Jong Un\n".encode("utf-16"))
    assert read_file(path).value == {"name": "Kim Jong Un"}


def test_positions_by_pointer(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("- type: gift\n  items:\n    - item: dog\n      count: 2\n", encoding="utf-8")
    table = positions(path, ["/0/items/0/count"])
    assert (table["/0/items/0/count"].line, table["/0/items/0/count"].column) == (4, 14)
    assert (table["/0/items/0/count"].key_line, table["/0/items/0/count"].key_column) == (4, 7)
    assert (table["/0"].line, table["/0"].column) == (1, 3)


def test_too_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("notes: " + "x" * 200 + "\n", encoding="utf-8")
    (diagnostic,) = read_file(path).diagnostics
    assert diagnostic.code == "file-too-large"
    assert diagnostic.message == (
        "the file has 208 bytes, more than the limit of 100: split it into several record files"
    )
    assert (diagnostic.line, diagnostic.column) == (1, 1)


def test_unreadable_file_is_a_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    (diagnostic,) = read_file(path).diagnostics
    assert (diagnostic.code, diagnostic.message) == (
        "unreadable-file",
        "cannot read the file: Permission denied",
    )


def test_finds_yaml_and_json_but_not_hidden_or_other_files(tmp_path: Path) -> None:
    for name in ("b.yaml", "a/c.yml", "a/d.JSON", ".git/x.yaml", "e.txt", "texts/f.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in find_record_files(tmp_path)]
    assert found == ["a/c.yml", "a/d.JSON", "b.yaml"]
