"""Compiled YAML readers against the ledger's exact reader: speed, and where they differ.

Issue #20 (goal 2) chose the reader behind the fast path (gift_ledger/read/yaml_fast.py)
with this script. Every reader below that is installed is measured; install the others by
hand in a scratch environment (`pip install rs-turboyaml yaml-rs oryaml ...`), never in the
project's own:

    python benchmarks/yaml_readers.py LEDGER [--repeat 5]
    python benchmarks/yaml_readers.py LEDGER --mutants 3000 [--seed 0]

The first times each reader over every YAML file of LEDGER (read into memory first), the
readers taking turns, and prints a Markdown table of medians and fastest runs. The second
mutates the example ledgers' YAML files (random bytes, deletions, line edits, truncation,
YAML snippets) and counts, per reader, the mutants it reads although the exact reader
refuses them, and those it reads into other values: what a guard in front of it would
have to catch. A reader that runs out of memory on a mutant (an alias bomb) aborts the
script: run one reader at a time with --only to see which.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from gift_ledger.read import yaml_fast
from gift_ledger.read.positions import ReadError
from gift_ledger.read.yaml import YamlBuilder

CASES = Path(__file__).resolve().parent.parent / "tests" / "cases"
Reader = Callable[[str], Any]


def _exact(text: str) -> Any:
    return YamlBuilder(text).build()


def _fast_path(text: str) -> Any:
    value = yaml_fast.fast_value(text)
    if value is yaml_fast.DECLINED:
        raise ValueError("declined")
    return value


def readers() -> dict[str, Reader]:
    """Every reader that is installed, by its package's name."""
    found: dict[str, Reader] = {
        "exact reader (YamlBuilder)": _exact,
        "PyYAML CSafeLoader": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
        "fast path (ryaml and its guard)": _fast_path,
    }
    calls: list[tuple[str, str, Callable[[Any], Reader]]] = [
        ("ryaml", "ryaml", lambda m: m.loads),
        ("oryaml", "oryaml", lambda m: m.loads),
        ("rustyyaml", "rustyyaml", lambda m: m.safe_load),
        ("pyyaml-rs", "pyyaml_rs", lambda m: m.safe_load),
        ("rs-turboyaml (strict)", "turboyaml", lambda m: lambda t: m.load(t, strict=True)),
        ("yaml-rs", "yaml_rs", _yaml_rs),
        ("fastyaml-rs", "fast_yaml", lambda m: m.safe_load),
        ("xoryaml", "xoryaml", lambda m: m.loads),
        ("py-yaml12", "yaml12", lambda m: m.parse_yaml),
        ("pyrs-yaml", "pyrs_yaml", lambda m: m.safe_loads),
    ]
    for name, module, call in calls:
        try:
            found[name] = call(importlib.import_module(module))
        except ImportError:
            continue
    return found


def _yaml_rs(module: Any) -> Reader:
    policy = module.DuplicateKeyPolicy.Error
    return lambda text: module.loads(text, parse_datetime=False, duplicate_key_policy=policy)


def time_readers(root: Path, chosen: dict[str, Reader], repeat: int) -> None:
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    texts = [p.read_text(encoding="utf-8") for p in files]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times: dict[str, list[float]] = {name: [] for name in chosen}
    gc.disable()
    for _ in range(repeat):
        for name, read in chosen.items():
            start = time.perf_counter()
            for text in texts:
                read(text)
            times[name].append(time.perf_counter() - start)
    gc.enable()
    exact = statistics.median(times["exact reader (YamlBuilder)"])
    print(f"{len(files)} files, {megabytes:.1f} MB, {repeat} runs each, taking turns\n")
    print("| reader | median | fastest | median ÷ exact reader |")
    print("|---|--:|--:|--:|")
    for name, runs in sorted(times.items(), key=lambda item: statistics.median(item[1])):
        median = statistics.median(runs)
        print(f"| {name} | {median:.3f} s | {min(runs):.3f} s | {median / exact:.2f} |")


SNIPPETS = [
    b"&a ", b"*a", b"&a [*a, *a, *a]", b"!!tag ", b"!!str ", b"!custom ", b"---\n", b"...\n",
    b": ", b"- ", b"? ", b"<<: *a\n", b"{", b"}", b"[", b"]", b",", b'"', b"'", b"#", b"|\n",
    b">-\n", b"\t", b"\\", b"\\u0000", b"%YAML 1.1\n", b"\x00", b"\r", b"\xe2\x80\xa8",
    b"\xc2\x85", b"1e309", b"-.inf", b".nan", b"9" * 40, b"~", b"null", b"true", b"0x",
    b"0o", b"00", b"_", b"@", b"`", b"%", b"|", b">", b":", b"-", b"  ", b"\n", b"TRUE",
]  # fmt: skip


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to five random mutations, as tests/test_fuzz.py makes them."""
    for _ in range(rng.randint(1, 5)):
        at = rng.randint(0, len(data))
        kind = rng.choice(["bytes", "delete", "lines", "truncate", "snippet", "snippet"])
        if kind == "bytes":
            data = data[:at] + rng.randbytes(rng.randint(1, 8)) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + rng.randint(1, 40) :]
        elif kind == "lines":
            lines = data.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            if rng.random() < 0.5:
                lines[i] = b" " * rng.randint(1, 8) + lines[i]
            data = b"\n".join(lines)
        elif kind == "truncate":
            data = data[:at]
        else:
            data = data[:at] + rng.choice(SNIPPETS) + data[at:]
    return data


def differential(chosen: dict[str, Reader], mutants: int, seed: int) -> None:
    seeds = [p.read_bytes() for p in sorted(CASES.rglob("*")) if p.suffix in (".yaml", ".yml")]
    rng = random.Random(seed)
    texts = []
    while len(texts) < mutants:
        try:
            texts.append(mutate(rng, rng.choice(seeds)).decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError:
            continue
    sys.set_int_max_str_digits(0)
    exact = []
    for text in texts:
        try:
            exact.append(("value", repr(_exact(text))))
        except ReadError:
            exact.append(("refused", ""))
    print(f"{mutants} mutants of the example YAML files (seed {seed})\n")
    print("| reader | reads, as the exact reader | declines or refuses | reads what the exact "
          "reader refuses | reads into other values |")  # fmt: skip
    print("|---|--:|--:|--:|--:|")
    for name, read in chosen.items():
        if name == "exact reader (YamlBuilder)":
            continue
        counts: Counter[str] = Counter()
        for text, (verdict, expected) in zip(texts, exact, strict=True):
            try:
                got = repr(read(text))
            except Exception:
                counts["declined"] += 1
                continue
            if verdict == "refused":
                counts["refused"] += 1
            else:
                counts["same" if got == expected else "other"] += 1
        print(
            f"| {name} | {counts['same']} | {counts['declined']} | {counts['refused']} | "
            f"{counts['other']} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("ledger", type=Path, nargs="?", help="a ledger folder, to time")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--mutants", type=int, default=0, help="run the differential instead")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", help="readers to run, comma-separated names")
    args = parser.parse_args(argv)
    chosen = readers()
    if args.only:
        keep = {"exact reader (YamlBuilder)", *args.only.split(",")}
        chosen = {name: read for name, read in chosen.items() if name in keep}
    if args.mutants:
        differential(chosen, args.mutants, args.seed)
    elif args.ledger:
        time_readers(args.ledger, chosen, args.repeat)
    else:
        parser.error("give a ledger to time, or --mutants N")
    return 0


if __name__ == "__main__":
    sys.exit(main())
