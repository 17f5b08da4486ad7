"""Benchmark ``ledger validate`` and ``ledger export`` against their peers, side by side.

Usage::

    python benchmarks/run.py [--sizes 10000,100000] [--repeat 5] [--repeat-slow 2]
        [--profile] [--merge] [--quick] [--cache DIR] [--output docs/performance.md]

For each size N the runner generates a YAML and a JSON ledger of N gifts with
``benchmarks/generate.py`` (kept in a cache folder, keyed by N, format, seed and the
generator's own hash), then runs every command as a separate subprocess, round-robin, several
times. For each run it records the wall time, the CPU time and the peak resident memory of the
child (``os.wait4`` on the child's pid). It then computes the goals of issue #5 as ratios of
medians measured in the same run, and writes a Markdown report between two marker comments of
``docs/performance.md`` (text outside the markers is kept). A command that fails is recorded
with its exit code and the first line of its error output; the run goes on.

Run it with the interpreter of the environment under test (``/tmp/venv/bin/python``): the
``ledger``, ``check-jsonschema`` and ``frictionless`` commands are taken from the same
``bin/`` folder. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import hashlib
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GENERATOR = ROOT / "benchmarks" / "generate.py"
SCHEMA = Path("schema") / "record-file.schema.json"
SMALL_LEDGERS = (Path("tests/cases/valid/every-field"), Path("records"))
RECORD_SUFFIXES = (".yaml", ".yml", ".json")
BEGIN = "<!-- benchmarks/run.py: begin generated results -->"
END = "<!-- benchmarks/run.py: end generated results -->"
MB = 1_000_000  # memory is reported in decimal megabytes (the goal's unit)
PACKAGES = (
    "gift-ledger",
    "pydantic",
    "pydantic-core",
    "typer",
    "orjson",
    "PyYAML",
    "ryaml",
    "jsonschema",
    "check-jsonschema",
    "frictionless",
)

# Peers that are plain Python: run as `python -c SCRIPT DIR`, so that interpreter start-up is
# paid exactly as `ledger` pays it. They find files as the ledger's reader does.
PEER_SCRIPT = """\
import sys
from pathlib import Path
import {module}
root = Path(sys.argv[1])
files = sorted(
    p for p in root.rglob("*")
    if p.suffix.lower() in {suffixes!r} and p.is_file()
    and not any(part.startswith(".") for part in p.relative_to(root).parts)
)
for p in files:
    {call}
"""
PYYAML_LOAD = PEER_SCRIPT.format(
    module="yaml",
    suffixes=(".yaml", ".yml"),
    call="yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)",
)
ORJSON_LOAD = PEER_SCRIPT.format(
    module="orjson", suffixes=(".json",), call="orjson.loads(p.read_bytes())"
)
IMPORT_DEPS = "import pydantic, typer, orjson, yaml"
# `import pydantic` defers pydantic's own modules until a name is used; this loads them.
IMPORT_DEPS_LOADED = "from pydantic import BaseModel; import typer, orjson, yaml"
# Issue #20's peer for start-up: the CLI's dependencies without PyYAML.
IMPORT_DEPS_20 = "import pydantic, typer, orjson"
SCRIPTS = {"PYYAML_LOAD": PYYAML_LOAD, "ORJSON_LOAD": ORJSON_LOAD}

LEDGER, PEER, BASELINE = "ledger", "peer", "baseline"


# -- measuring -------------------------------------------------------------------------------


@dataclass
class Run:
    """One run of one command."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    maxrss_kib: int  # peak resident set size of the child, KiB (Linux ru_maxrss)
    exit_code: int
    message: str = ""  # on failure: first (and last) line of the error output


@dataclass
class Command:
    key: str
    label: str
    argv: list[str]
    group: str  # LEDGER, PEER or BASELINE
    needs: str = ""  # a path that must exist when the command's turn comes
    shown: str = ""  # how the command is shown in the report, when not argv itself
    cwd: str = ""  # where it runs, relative to the repository root (absolute: elsewhere)


@dataclass
class Result:
    command: Command
    runs: list[Run] = field(default_factory=list)
    planned: int = 0
    skipped: str = ""  # why the command was not run

    @property
    def failure(self) -> Run | None:
        return next((run for run in self.runs if run.exit_code != 0), None)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and self.failure is None and not self.skipped

    def walls(self) -> list[float]:
        return [run.wall for run in self.runs]

    def median(self) -> float:
        return statistics.median(self.walls())

    def best(self) -> float:
        return min(self.walls())

    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    def peak_mb(self) -> float:
        return max(run.maxrss_kib for run in self.runs) * 1024 / MB


BOX = str.maketrans("", "", "│┃┏┓┗┛┡┩└┘┌┐├┤┬┴┼─━╇┳┻╋╭╮╯╰═║")


def first_last_line(data: bytes) -> str:
    """The first and last lines with words in them (table borders dropped)."""
    text = data.decode(errors="replace")
    lines = [" ".join(line.translate(BOX).split()) for line in text.splitlines()]
    lines = [line for line in lines if any(c.isalnum() for c in line)]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0][:200]
    return f"{lines[0][:120]} … {lines[-1][:200]}"


# The child of a large process inherits that process's peak RSS as its own ru_maxrss (on exec,
# Linux folds the old address space's high-water mark into the child's maxrss; after vfork
# that is the parent's). A runner that has read big files would then inflate every child's
# figure. So every command is started by this lean helper (`python -S`, about 9 MB), which
# forks, execs, and reads the child's rusage with os.wait4. Protocol: the runner writes a
# length line and a NUL-separated request (timeout, cwd, stdout path, stderr path, argv...);
# the helper answers one line: wall, user, system, maxrss (KiB), exit code.
SPAWNER = """\
import os, signal, sys, time
child = 0
def on_alarm(signum, frame):
    if child:
        os.kill(child, signal.SIGKILL)
signal.signal(signal.SIGALRM, on_alarm)
requests, answers = sys.stdin.buffer, sys.stdout
while True:
    size = requests.readline()
    if not size:
        break
    timeout, cwd, out, err, *argv = requests.read(int(size)).split(b"\\0")
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
            os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
            os.execv(argv[0], argv)
        except BaseException as error:
            os.write(2, f"cannot start {argv[0]!r}: {error}".encode())
        os._exit(127)
    child = pid
    signal.alarm(int(timeout))
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    child = 0
    signal.alarm(0)
    code = os.waitstatus_to_exitcode(status)
    answers.write(f"{wall!r} {usage.ru_utime!r} {usage.ru_stime!r} {usage.ru_maxrss} {code}\\n")
    answers.flush()
"""


class Spawner:
    """Runs commands one at a time through the lean helper; see SPAWNER."""

    def __init__(self, scratch: Path) -> None:
        scratch.mkdir(parents=True, exist_ok=True)
        self.out, self.err = scratch / "last-stdout", scratch / "last-stderr"
        self.proc = subprocess.Popen(
            [sys.executable, "-S", "-c", SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )

    def run(self, argv: Sequence[str], cwd: Path, timeout: float) -> Run:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        fields = [str(max(1, round(timeout))), str(cwd), str(self.out), str(self.err), *argv]
        request = b"\0".join(os.fsencode(f) for f in fields)
        self.proc.stdin.write(b"%d\n" % len(request) + request)
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().decode().split()
        if len(answer) != 5:
            raise SystemExit("run.py: the spawning helper died")
        wall, user, system = (float(x) for x in answer[:3])
        maxrss, code = int(answer[3]), int(answer[4])
        message = ""
        if code != 0:
            message = first_last_line(self.err.read_bytes()) or first_last_line(
                self.out.read_bytes()
            )
            if code == -9 and wall >= timeout:
                message = f"timed out after {timeout:.0f} s"
        return Run(wall, user + system, maxrss, code, message)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


def bench(
    spawner: Spawner,
    commands: Sequence[Command],
    *,
    repeat: int,
    repeat_slow: int,
    slow_after: float,
    timeout: float,
    tag: str,
) -> list[Result]:
    """Run the commands round-robin, ``repeat`` rounds, so that drift in machine load (or in
    the code under test) touches every command alike. A peer whose first run takes longer
    than ``slow_after`` seconds runs ``repeat_slow`` times in all. A command that fails is not
    run again."""
    results = [Result(command, planned=repeat) for command in commands]
    for round_number in range(repeat):
        for result in results:
            command = result.command
            if result.skipped or result.failure or len(result.runs) >= result.planned:
                continue
            if command.needs and not Path(command.needs).exists():
                result.skipped = f"skipped: {display_path(command.needs)} was not written"
                log(f"[{tag}] {command.key}: {result.skipped}")
                continue
            run = spawner.run(command.argv, ROOT / command.cwd, timeout)
            result.runs.append(run)
            if round_number == 0 and command.group == PEER and run.wall > slow_after:
                result.planned = max(1, min(repeat, repeat_slow))
            state = "ok" if run.exit_code == 0 else f"FAILED (exit {run.exit_code}) {run.message}"
            log(
                f"[{tag}] {command.key} {len(result.runs)}/{result.planned}: "
                f"{run.wall:.3f} s, cpu {run.cpu:.3f} s, "
                f"{run.maxrss_kib * 1024 / MB:.0f} MB, {state}"
            )
    return results


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- ledgers ---------------------------------------------------------------------------------


@dataclass
class Ledger:
    path: str
    fmt: str
    gifts: int
    counts: dict[str, int]
    record_files: int
    record_bytes: int
    text_files: int
    text_bytes: int
    command: str

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def record_files(root: Path) -> list[Path]:
    """The files ``ledger validate`` reads as record files (see gift_ledger/read/files.py)."""
    found = [
        path
        for path in root.rglob("*")
        if path.suffix.lower() in RECORD_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def generator_hash() -> str:
    return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:8]


def ensure_ledger(cache: Path, gifts: int, fmt: str, seed: int) -> Ledger:
    """The cached ledger for (gifts, fmt, seed, generator version); generated when missing."""
    key = f"n{gifts}-{fmt}-seed{seed}-gen{generator_hash()}"
    folder, meta = cache / key, cache / f"{key}.json"
    argv = [
        sys.executable,
        str(GENERATOR),
        str(folder),
        "--gifts",
        str(gifts),
        "--format",
        fmt,
        "--seed",
        str(seed),
    ]
    if folder.is_dir() and meta.is_file():
        data: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
        log(f"reusing {folder}")
        return Ledger(**data)
    partial = cache / f".partial-{key}"
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    log(f"generating {folder}")
    started = time.perf_counter()
    done = subprocess.run(
        [*argv[:2], str(partial), *argv[3:]], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"run.py: generating {folder} failed:\n{done.stderr}")
    partial.rename(folder)
    log(f"generated in {time.perf_counter() - started:.1f} s: {done.stderr.strip()}")
    counts = {
        kind: int(n) for n, kind in re.findall(r"(\d+) (actor|source|agreement|gift)s", done.stderr)
    }
    files = record_files(folder)
    texts = sorted((folder / "texts").glob("*.txt"))
    ledger = Ledger(
        path=str(folder),
        fmt=fmt,
        gifts=gifts,
        counts=counts,
        record_files=len(files),
        record_bytes=sum(p.stat().st_size for p in files),
        text_files=len(texts),
        text_bytes=sum(p.stat().st_size for p in texts),
        command=shlex.join(["python", "benchmarks/generate.py", *argv[2:]]),
    )
    meta.write_text(json.dumps(dataclasses.asdict(ledger), indent=1) + "\n", encoding="utf-8")
    return ledger


def warm(folders: Iterable[Path]) -> None:
    """Read every file once, so that no command pays for a cold page cache."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                path.read_bytes()


# -- the commands ----------------------------------------------------------------------------


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def size_commands(yaml_dir: Path, json_dir: Path, out: Path) -> list[Command]:
    ledger, python = tool("ledger"), sys.executable
    json_files = [str(p) for p in record_files(json_dir)]
    csv, package = out / "ledger.csv", out / "datapackage"
    exports = {  # format -> where it goes, in the order measured
        "jsonld": out / "ledger.jsonld",
        "csv": csv,
        "datapackage": package,
        "csv-gifts": out / "gifts.csv",
        "sqlite": out / "ledger.db",
        "xlsx": out / "ledger.xlsx",
    }
    return [
        Command(
            "python-startup",
            "`python -c pass` (interpreter start-up)",
            [python, "-c", "pass"],
            BASELINE,
        ),
        Command(
            "validate-yaml",
            "`ledger validate` YAML ledger",
            [ledger, "validate", str(yaml_dir)],
            LEDGER,
        ),
        Command(
            "validate-json",
            "`ledger validate` JSON ledger",
            [ledger, "validate", str(json_dir)],
            LEDGER,
        ),
        *(
            Command(
                f"export-{name}",
                f"`ledger export --format {name}` (YAML ledger)",
                [ledger, "export", str(yaml_dir), "--format", name, "--output", str(output)],
                LEDGER,
            )
            for name, output in exports.items()
        ),
        Command(
            "pyyaml-load",
            "PyYAML `CSafeLoader` load of every YAML file",
            [python, "-c", PYYAML_LOAD, str(yaml_dir)],
            PEER,
            shown=f'python -c "$PYYAML_LOAD" {yaml_dir}',
        ),
        Command(
            "orjson-load",
            "orjson parse of every JSON file",
            [python, "-c", ORJSON_LOAD, str(json_dir)],
            PEER,
            shown=f'python -c "$ORJSON_LOAD" {json_dir}',
        ),
        Command(
            "check-jsonschema",
            "check-jsonschema, record-file schema, JSON files",
            [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *json_files],
            PEER,
            shown=(
                f"check-jsonschema --schemafile {SCHEMA} "
                f"$(find {json_dir} -name '*.json' | LC_ALL=C sort)"
            ),
        ),
        Command(
            "frictionless-csv",
            "frictionless validate of the CSV export",
            [tool("frictionless"), "validate", csv.name],
            PEER,
            needs=str(csv),
            shown=f"(cd {out} && frictionless validate {csv.name})",
            cwd=str(out),
        ),
        Command(
            "frictionless-datapackage",
            "frictionless validate of the Data Package export",
            [tool("frictionless"), "validate", f"{package.name}/datapackage.json"],
            PEER,
            needs=str(package / "datapackage.json"),
            shown=f"(cd {out} && frictionless validate {package.name}/datapackage.json)",
            cwd=str(out),
        ),
    ]


def small_commands() -> list[Command]:
    ledger, python = tool("ledger"), sys.executable
    commands = [
        Command(
            "python-startup",
            "`python -c pass` (interpreter start-up)",
            [python, "-c", "pass"],
            BASELINE,
        ),
        Command(
            "import-deps",
            f"`python -c '{IMPORT_DEPS}'`",
            [python, "-c", IMPORT_DEPS],
            BASELINE,
        ),
        Command(
            "import-deps-loaded",
            f"`python -c '{IMPORT_DEPS_LOADED}'`",
            [python, "-c", IMPORT_DEPS_LOADED],
            BASELINE,
        ),
        Command(
            "import-deps-20",
            f"`python -c '{IMPORT_DEPS_20}'`",
            [python, "-c", IMPORT_DEPS_20],
            BASELINE,
        ),
        Command(
            "ledger-version", "`ledger --version` (CLI start-up)", [ledger, "--version"], BASELINE
        ),
    ]
    for folder in SMALL_LEDGERS:
        commands.append(
            Command(
                f"validate-{folder.name}",
                f"`ledger validate {folder}`",
                [ledger, "validate", str(folder)],
                LEDGER,
            )
        )
    return commands


# -- issue #20, goal 1: a warning in every file ---------------------------------------------

WARNED = ROOT / "benchmarks" / "warned.py"


def ensure_warned(cache: Path, ledger: Ledger) -> Path:
    """The cached copy of a generated ledger with one warning in every record file
    (`benchmarks/warned.py`), made and checked when missing."""
    from warned import plant_warnings  # benchmarks/warned.py, beside this file

    source = Path(ledger.path)
    planter = hashlib.sha256(WARNED.read_bytes()).hexdigest()[:8]
    folder = cache / f"{source.name}-warned{planter}"
    if folder.is_dir():
        log(f"reusing {folder}")
        return folder
    partial = cache / f".partial-{folder.name}"
    shutil.rmtree(partial, ignore_errors=True)
    log(f"planting a warning in every file of {source} into {folder}")
    planted = plant_warnings(source, partial)
    done = subprocess.run(
        [tool("ledger"), "validate", str(partial), "--format", "json"],
        capture_output=True,
        check=False,
    )
    report = json.loads(done.stdout)
    per_file: dict[str, int] = {}
    for diagnostic in report["diagnostics"]:
        if diagnostic["severity"] == "warning":
            per_file[diagnostic["file"]] = per_file.get(diagnostic["file"], 0) + 1
    if (
        done.returncode != 0
        or len(per_file) != planted
        or set(per_file.values()) != {1}
        or len(report["diagnostics"]) != planted
    ):
        raise SystemExit(
            f"run.py: {partial} should have one warning in each of its {planted} record "
            f"files and nothing else; it has {len(report['diagnostics'])} diagnostics in "
            f"{len(per_file)} files (exit {done.returncode})"
        )
    partial.rename(folder)
    return folder


def warned_commands(yaml_warned: Path, json_warned: Path) -> list[Command]:
    ledger = tool("ledger")
    return [
        Command(
            f"validate-{fmt}-warned",
            f"`ledger validate` {fmt.upper()} ledger, a warning in every file",
            [ledger, "validate", str(folder)],
            LEDGER,
        )
        for fmt, folder in (("yaml", yaml_warned), ("json", json_warned))
    ]


WARNED_TARGET = 1.2


def warned_goals(r: dict[str, Result]) -> list[Goal]:
    """Issue #20, goal 1: a warning in every file costs at most 1.2 times the clean ledger."""
    goals = []
    for fmt in ("yaml", "json"):
        clean, warned = r.get(f"validate-{fmt}"), r.get(f"validate-{fmt}-warned")
        key, target = f"#20.1 {fmt.upper()}", f"≤ {WARNED_TARGET:.2f}"
        text = f"validate, a warning in every file ÷ validate clean ({fmt.upper()})"
        if (why := missing(clean, warned)) or clean is None or warned is None:
            goals.append(Goal(key, text, target, "", "", why))
            continue
        ratio = warned.median() / clean.median()
        goals.append(
            Goal(
                key,
                text,
                target,
                f"{ratio:.2f}",
                f"by fastest runs: {warned.best() / clean.best():.2f}; "
                f"by CPU time: {warned.cpu() / clean.cpu():.2f}",
                verdict(ratio <= WARNED_TARGET),
            )
        )
    return goals


def shown(command: Command) -> str:
    if command.shown:
        return command.shown.replace(str(ROOT) + "/", "")
    words = [
        Path(command.argv[0]).name if command.argv[0].startswith(str(BIN)) else command.argv[0]
    ]
    if command.argv[0] == sys.executable:
        words = ["python"]
    return shlex.join([*words, *command.argv[1:]]).replace(str(ROOT) + "/", "")


def display_path(path: str) -> str:
    return path.replace(str(ROOT) + "/", "")


# -- what was measured, where and when ---------------------------------------------------------


@dataclass
class RunInfo:
    started: str
    finished: str = ""
    commit: str = ""
    dirty: list[str] = field(default_factory=list)
    code_before: str = ""
    code_after: str = ""
    load_before: list[float] = field(default_factory=list)
    load_after: list[float] = field(default_factory=list)
    runner: str = ""

    @classmethod
    def start(cls) -> RunInfo:
        return cls(
            started=now(),
            commit=git("rev-parse", "--short", "HEAD"),
            dirty=git("status", "--porcelain").splitlines(),
            code_before=code_fingerprint(),
            load_before=[round(x, 2) for x in os.getloadavg()],
            runner=shlex.join(["python", "benchmarks/run.py", *sys.argv[1:]]),
        )

    def finish(self) -> None:
        self.finished = now()
        self.code_after = code_fingerprint()
        self.load_after = [round(x, 2) for x in os.getloadavg()]

    def describe(self) -> str:
        dirty = (
            f"a dirty tree ({len(self.dirty)} changed or new files)"
            if self.dirty
            else "a clean tree"
        )
        changed = (
            " **`gift_ledger/` changed while this ran** (fingerprint "
            f"{self.code_before} → {self.code_after}), so its rows mix two versions."
            if self.code_before != self.code_after
            else f" `gift_ledger/` fingerprint {self.code_before}, unchanged during the run."
        )
        load = ", ".join(f"{x:g}" for x in self.load_before)
        load_after = ", ".join(f"{x:g}" for x in self.load_after)
        return (
            f"Measured {self.started} to {self.finished} at commit `{self.commit}` with {dirty}."
            f"{changed} Load average (1, 5, 15 min) {load} before, {load_after} after."
        )


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def git(*args: str) -> str:
    """A read-only git query; ``--no-optional-locks`` keeps ``status`` from writing the index."""
    done = subprocess.run(
        ["git", "--no-optional-locks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def code_fingerprint() -> str:
    """A hash of the package's files, to tell whether the code under test changed mid-run."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "gift_ledger").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def machine_info() -> dict[str, str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text(encoding="utf-8"))
        if match:
            memory = f"{int(match.group(1)) / 2**20:.1f} GiB"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    try:
        import yaml

        libyaml = f"libyaml {yaml._yaml.get_version_string()}" if yaml.__with_libyaml__ else ""
    except (ImportError, AttributeError):
        libyaml = ""
    if libyaml:
        versions.append(libyaml)
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return {
        "CPU": f"{cpu} ({platform.machine()})",
        "cores": f"{cores} ({usable} usable by this process)",
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": ", ".join(versions),
    }


# -- the goals of issue #5 -----------------------------------------------------------------------


@dataclass
class Goal:
    key: str
    text: str
    target: str
    value: str  # the ratio the verdict uses
    detail: str  # other views of the same comparison
    verdict: str


def by_key(results: Iterable[Result]) -> dict[str, Result]:
    return {result.command.key: result for result in results}


def missing(*results: Result | None) -> str:
    for result in results:
        if result is None:
            return "not measured"
        if not result.ok:
            return f"not measured: {result.command.key} {status(result)}"
    return ""


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def size_goals(size: SizeReport) -> list[Goal]:
    r = by_key(size.results)
    goals = []
    vy, vj = r.get("validate-yaml"), r.get("validate-json")
    load, start = r.get("pyyaml-load"), r.get("python-startup")
    text = "validate (YAML) ÷ PyYAML C loader, loading only"
    if (why := missing(vy, load, start)) or vy is None or load is None or start is None:
        goals.append(Goal("1", text, "≤ 0.50", "", "", why))
    else:
        net = load.median() - start.median()
        ratio = vy.median() / net
        goals.append(
            Goal(
                "1",
                text,
                "≤ 0.50",
                f"{ratio:.2f}",
                f"peer with start-up: {vy.median() / load.median():.2f}; "
                f"by fastest runs: {vy.best() / (load.best() - start.best()):.2f}; "
                f"by CPU time: {vy.cpu() / (load.cpu() - start.cpu()):.2f}",
                verdict(ratio <= 0.5),
            )
        )
    check = r.get("check-jsonschema")
    text = "check-jsonschema ÷ validate (JSON): speed-up"
    if (why := missing(vj, check)) or vj is None or check is None:
        goals.append(Goal("2", text, "≥ 20×", "", "", why))
    else:
        speedup = check.median() / vj.median()
        goals.append(
            Goal(
                "2",
                text,
                "≥ 20×",
                f"{speedup:.1f}×",
                f"by fastest runs: {check.best() / vj.best():.1f}×; "
                f"by CPU time: {check.cpu() / vj.cpu():.1f}×",
                verdict(speedup >= 20),
            )
        )
    for key, name in (("export-jsonld", "JSON-LD"), ("export-csv", "CSV")):
        export = r.get(key)
        text = f"export {name} ÷ validate (YAML)"
        if (why := missing(vy, export)) or vy is None or export is None:
            goals.append(Goal(f"3 {name}", text, "≤ 1.50", "", "", why))
        else:
            ratio = export.median() / vy.median()
            goals.append(
                Goal(
                    f"3 {name}",
                    text,
                    "≤ 1.50",
                    f"{ratio:.2f}",
                    f"by fastest runs: {export.best() / vy.best():.2f}; "
                    f"by CPU time: {export.cpu() / vy.cpu():.2f}",
                    verdict(ratio <= 1.5),
                )
            )
    goals.extend(journalist_goals(r))
    goals.extend(yaml_as_json_goals(r))
    records = size.ledgers["yaml"].records
    limit = 100 + 5 * records / 1000
    measured = [x for x in size.results if x.command.group == LEDGER and x.runs]
    text = f"peak RSS of any `ledger` command, {records:,} records"
    if not measured:
        goals.append(Goal("4", text, f"≤ {limit:.0f} MB", "", "", "not measured"))
    else:
        worst = max(measured, key=Result.peak_mb)
        unmeasured = [x.command.key for x in size.results if x.command.group == LEDGER and not x.ok]
        note = f"; not all runs succeeded: {', '.join(unmeasured)}" if unmeasured else ""
        goals.append(
            Goal(
                "4",
                text,
                f"≤ {limit:.0f} MB",
                f"{worst.peak_mb():.0f} MB",
                f"{worst.command.key}; "
                + ", ".join(f"{x.command.key} {x.peak_mb():.0f}" for x in measured)
                + note,
                verdict(worst.peak_mb() <= limit),
            )
        )
    goals.extend(issue20_size_goals(r, size.gifts))
    goals.extend(warned_goals(r))
    return goals


def journalist_goals(r: dict[str, Result]) -> list[Goal]:
    """Issue #19: the exports for journalists take at most twice the CSV export's time."""
    goals = []
    csv_export = r.get("export-csv")
    for key, name in (
        ("export-csv-gifts", "csv-gifts"),
        ("export-sqlite", "SQLite"),
        ("export-xlsx", "xlsx"),
    ):
        export = r.get(key)
        text = f"export {name} ÷ export CSV (YAML)"
        if (why := missing(csv_export, export)) or csv_export is None or export is None:
            goals.append(Goal(f"6 {name}", text, "≤ 2.00", "", "", why))
            continue
        ratio = export.median() / csv_export.median()
        goals.append(
            Goal(
                f"6 {name}",
                text,
                "≤ 2.00",
                f"{ratio:.2f}",
                f"by fastest runs: {export.best() / csv_export.best():.2f}; "
                f"by CPU time: {export.cpu() / csv_export.cpu():.2f}",
                verdict(ratio <= 2.0),
            )
        )
    return goals


def issue20_size_goals(r: dict[str, Result], gifts: int) -> list[Goal]:
    """Issue #20, goal 3: validate JSON at least 10 times as fast as check-jsonschema at
    20,000 gifts, 20 times at 100,000 (here: 20 from 100,000 gifts on, 10 below)."""
    vj, check = r.get("validate-json"), r.get("check-jsonschema")
    target = 20 if gifts >= 100_000 else 10
    text = "check-jsonschema ÷ validate (JSON), ≥ 10× at 20,000, ≥ 20× at 100,000"
    if (why := missing(vj, check)) or vj is None or check is None:
        return [Goal("#20 3", text, f"≥ {target}×", "", "", why)]
    speedup = check.median() / vj.median()
    detail = (
        f"by fastest runs: {check.best() / vj.best():.1f}×; "
        f"by CPU time: {check.cpu() / vj.cpu():.1f}×"
    )
    return [
        Goal("#20 3", text, f"≥ {target}×", f"{speedup:.1f}×", detail, verdict(speedup >= target))
    ]


def yaml_as_json_goals(r: dict[str, Result]) -> list[Goal]:
    """Issue #20, goal 2: validating YAML takes at most 1.2 times validating the same records
    as JSON (its other half, at most half of PyYAML's C loader, is goal 1 above)."""
    vy, vj = r.get("validate-yaml"), r.get("validate-json")
    text = "validate (YAML) ÷ validate (JSON), the same records"
    if (why := missing(vy, vj)) or vy is None or vj is None:
        return [Goal("#20.2", text, "≤ 1.20", "", "", why)]
    ratio = vy.median() / vj.median()
    return [
        Goal(
            "#20.2",
            text,
            "≤ 1.20",
            f"{ratio:.2f}",
            f"by fastest runs: {vy.best() / vj.best():.2f}; by CPU time: {vy.cpu() / vj.cpu():.2f}",
            verdict(ratio <= 1.2),
        )
    ]


SMALL_TOLERANCE = 1.2  # "about the time": at most 20 % over the bare imports
STARTUP_LIMIT = 2.0  # issue #20, goal 4


def startup_goal(results: Sequence[Result]) -> Goal:
    """Issue #20, goal 4: a small ledger in at most twice `import pydantic, typer, orjson`."""
    r = by_key(results)
    small, imports = r.get("validate-every-field"), r.get("import-deps-20")
    text = f"validate 9-record ledger ÷ `{IMPORT_DEPS_20}`"
    target = f"≤ {STARTUP_LIMIT:.2f}"
    if (why := missing(small, imports)) or small is None or imports is None:
        return Goal("#20 4", text, target, "", "", why)
    ratio = small.median() / imports.median()
    detail = (
        f"by fastest runs: {small.best() / imports.best():.2f}; "
        f"by CPU time: {small.cpu() / imports.cpu():.2f}"
    )
    if (other := r.get("validate-records")) is not None and other.ok:
        detail += f"; `records/` (29 records): {other.median() / imports.median():.2f}"
    if (version := r.get("ledger-version")) is not None and version.ok:
        detail += f"; `ledger --version`: {version.median() / imports.median():.2f}"
    return Goal("#20 4", text, target, f"{ratio:.2f}", detail, verdict(ratio <= STARTUP_LIMIT))


def small_goals(results: Sequence[Result]) -> list[Goal]:
    return [small_goal(results), startup_goal(results)]


def small_goal(results: Sequence[Result]) -> Goal:
    r = by_key(results)
    small, imports = r.get("validate-every-field"), r.get("import-deps")
    text = "validate 9-record ledger ÷ `import pydantic, typer, orjson, yaml`"
    target = f"≈ 1 (≤ {SMALL_TOLERANCE:.2f})"
    if (why := missing(small, imports)) or small is None or imports is None:
        return Goal("5", text, target, "", "", why)
    ratio = small.median() / imports.median()
    other = r.get("validate-records")
    detail = (
        f"by fastest runs: {small.best() / imports.best():.2f}; "
        f"by CPU time: {small.cpu() / imports.cpu():.2f}"
    )
    if other is not None and other.ok:
        detail += f"; `records/` (29 records): {other.median() / imports.median():.2f}"
    loaded = r.get("import-deps-loaded")
    if loaded is not None and loaded.ok:
        detail += (
            f"; against the dependencies with pydantic's modules loaded "
            f"(`{IMPORT_DEPS_LOADED}`): {small.median() / loaded.median():.2f}"
        )
    return Goal("5", text, target, f"{ratio:.2f}", detail, verdict(ratio <= SMALL_TOLERANCE))


# -- the report ----------------------------------------------------------------------------------


@dataclass
class SizeReport:
    gifts: int
    info: RunInfo
    ledgers: dict[str, Ledger]
    results: list[Result]


@dataclass
class SmallReport:
    info: RunInfo
    results: list[Result]


@dataclass
class Profile:
    gifts: int
    info: RunInfo
    command: str
    text: str


@dataclass
class Report:
    machine: dict[str, str]
    sizes: dict[int, SizeReport] = field(default_factory=dict)
    small: SmallReport | None = None
    profile: Profile | None = None

    def save(self, path: Path) -> None:
        data = dataclasses.asdict(self)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Report:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))

        def results(items: list[dict[str, Any]]) -> list[Result]:
            return [
                Result(
                    Command(**item["command"]),
                    [Run(**run) for run in item["runs"]],
                    item["planned"],
                    item["skipped"],
                )
                for item in items
            ]

        report = cls(machine=data["machine"])
        for gifts, size in data["sizes"].items():
            report.sizes[int(gifts)] = SizeReport(
                int(gifts),
                RunInfo(**size["info"]),
                {fmt: Ledger(**ledger) for fmt, ledger in size["ledgers"].items()},
                results(size["results"]),
            )
        if data.get("small"):
            small = data["small"]
            report.small = SmallReport(RunInfo(**small["info"]), results(small["results"]))
        if data.get("profile"):
            profile = data["profile"]
            report.profile = Profile(
                profile["gifts"], RunInfo(**profile["info"]), profile["command"], profile["text"]
            )
        return report


def seconds(x: float) -> str:
    if x < 1:
        return f"{x * 1000:.0f} ms"
    if x < 10:
        return f"{x:.2f} s"
    return f"{x:.1f} s"


def spread(result: Result) -> str:
    low, high = result.best(), max(result.walls())
    if high < 1:
        return f"{low * 1000:.0f}–{high * 1000:.0f} ms"
    return f"{low:.2f}–{high:.2f} s"


def status(result: Result) -> str:
    if result.skipped:
        return result.skipped
    failure = result.failure
    if failure is not None:
        text = f"failed (exit {failure.exit_code})"
        return f"{text}: {failure.message}" if failure.message else text
    return "ok"


def md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def results_table(results: Sequence[Result]) -> list[str]:
    lines = [
        "| command | runs | median wall | min–max | median CPU | max RSS | status |",
        "|---|--:|--:|--:|--:|--:|---|",
    ]
    for result in results:
        label = md(result.command.label)
        ok_runs = [run for run in result.runs if run.exit_code == 0]
        if ok_runs and not result.failure:
            lines.append(
                f"| {label} | {len(result.runs)} | {seconds(result.median())} | "
                f"{spread(result)} | {seconds(result.cpu())} | {result.peak_mb():.0f} MB | ok |"
            )
        else:
            lines.append(f"| {label} | {len(result.runs)} | | | | | {md(status(result))} |")
    return lines


def goals_table(goals: Sequence[Goal]) -> list[str]:
    lines = [
        "| goal | comparison | target | measured | also | verdict |",
        "|---|---|---|--:|---|---|",
    ]
    for goal in goals:
        lines.append(
            f"| {goal.key} | {md(goal.text)} | {goal.target} | {goal.value} | "
            f"{md(goal.detail)} | {md(goal.verdict)} |"
        )
    return lines


def ledger_line(size: SizeReport) -> str:
    y, j = size.ledgers["yaml"], size.ledgers["json"]
    counts = ", ".join(f"{n:,} {kind}s" for kind, n in y.counts.items())
    return (
        f"{y.records:,} records ({counts}) in {y.record_files:,} record files; "
        f"{y.text_files:,} archived texts ({y.text_bytes / MB:.1f} MB). "
        f"Record files: YAML {y.record_bytes / MB:.1f} MB, JSON {j.record_bytes / MB:.1f} MB."
    )


def render(report: Report) -> str:
    out: list[str] = [
        BEGIN,
        "",
        "_This part is written by `benchmarks/run.py`; rerun it to refresh. Text outside the "
        "marker comments is kept._",
        "",
        "### Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {name} | {md(value)} |" for name, value in report.machine.items()),
        "",
    ]
    sizes = [report.sizes[n] for n in sorted(report.sizes)]
    small_rows = small_goals(report.small.results) if report.small else []
    if sizes or small_rows:
        out += ["### Goals at a glance", ""]
        header = "| goal | target | " + " | ".join(f"{s.gifts:,} gifts" for s in sizes) + " |"
        out += [header, "|---|---|" + "---|" * len(sizes)]
        per_size = [size_goals(s) for s in sizes]
        if per_size:
            for row, goal in enumerate(per_size[0]):
                cells = []
                for goals in per_size:
                    g = goals[row]
                    cells.append(f"{g.verdict} {g.value}".strip() if g.value else md(g.verdict))
                out.append(f"| {goal.key}: {md(goal.text)} | {goal.target} | {' | '.join(cells)} |")
        for g in small_rows:
            cell = f"{g.verdict} {g.value}".strip() if g.value else md(g.verdict)
            blank = " | ".join([cell, *[""] * (len(sizes) - 1)]) if sizes else cell
            out.append(f"| {g.key}: {md(g.text)} | {g.target} | {blank} |")
        out += [
            "",
            "Ratios are of median wall times of whole processes measured in the same run, "
            "except goal 1, whose peer has the bare interpreter start-up (`python -c pass`) "
            "taken off (the goal says *just to load*; that makes the goal a little harder). "
            "Goal 5 has no size: it is measured once, in the small-ledger run.",
            "",
        ]
    for size in sizes:
        out += [
            f"### {size.gifts:,} gifts",
            "",
            ledger_line(size),
            size.info.describe(),
            "",
            *results_table(size.results),
            "",
            *goals_table(size_goals(size)),
            "",
        ]
    if report.small:
        out += [
            "### Small ledgers and start-up",
            "",
            report.small.info.describe(),
            "",
            *results_table(report.small.results),
            "",
            *goals_table(small_goals(report.small.results)),
            "",
        ]
    if len(sizes) >= 2:
        out += growth(sizes[0], sizes[-1])
    if report.profile:
        p = report.profile
        out += [
            f"### Profile of `ledger validate`, {p.gifts:,} gifts (YAML)",
            "",
            f"`{p.command}`, at commit `{p.info.commit}` ({p.info.started}). "
            "Top entries by own time (cProfile slows "
            "the run down, most of all for code with many small calls):",
            "",
            "```text",
            p.text,
            "```",
            "",
        ]
    out += reproduce(report, sizes)
    out += [END]
    return "\n".join(out)


def growth(low: SizeReport, high: SizeReport) -> list[str]:
    a, b = by_key(low.results), by_key(high.results)
    factor = high.ledgers["yaml"].records / low.ledgers["yaml"].records
    lines = [
        f"### Growth from {low.gifts:,} to {high.gifts:,} gifts ({factor:.1f}× the records)",
        "",
        f"| command | time at {low.gifts:,} | at {high.gifts:,} | × | CPU × | "
        f"RSS at {low.gifts:,} | at {high.gifts:,} | × |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for key, x in a.items():
        y = b.get(key)
        if y is None or not x.ok or not y.ok:
            continue
        lines.append(
            f"| {md(x.command.label)} | {seconds(x.median())} | {seconds(y.median())} | "
            f"{y.median() / x.median():.1f} | {y.cpu() / x.cpu():.1f} | "
            f"{x.peak_mb():.0f} MB | {y.peak_mb():.0f} MB | "
            f"{y.peak_mb() / x.peak_mb():.1f} |"
        )
    lines += [
        "",
        "Time × compares median wall times, CPU × median CPU times (user + system); the "
        "second is less sensitive to other work on the machine.",
        "",
    ]
    return lines


def reproduce(report: Report, sizes: Sequence[SizeReport]) -> list[str]:
    runners = sorted(
        {s.info.runner for s in sizes}
        | ({report.small.info.runner} if report.small else set())
        | ({report.profile.info.runner} if report.profile else set())
    )
    lines = [
        "### Reproducing",
        "",
        "With the environment under test active (`source /tmp/venv/bin/activate`), from the "
        "repository root, this report came from:",
        "",
        "```sh",
        *runners,
        "```",
        "",
        "Each command below is one subprocess; the runner times it with `os.wait4`. The "
        "Python peers are these scripts (they find files as the ledger's reader does):",
        "",
        "```sh",
    ]
    for name, script in SCRIPTS.items():
        lines += [f"{name}=$(cat <<'EOF'", script.rstrip("\n"), "EOF", ")"]
    lines += ["```", ""]
    for size in sizes:
        lines += [f"{size.gifts:,} gifts:", "", "```sh"]
        lines += [size.ledgers[fmt].command for fmt in ("yaml", "json")]
        lines += [shown(result.command) for result in size.results]
        lines += ["```", ""]
    if report.small:
        lines += ["Small ledgers:", "", "```sh"]
        lines += [shown(result.command) for result in report.small.results]
        lines += ["```", ""]
    if report.profile:
        lines += ["Profile:", "", "```sh", report.profile.command, "```", ""]
    return lines


PREFACE = """\
# Performance

How fast `ledger validate` and `ledger export` are, measured against the goals of issue #5
and against peers that do part of the same work (PyYAML's C loader, orjson,
check-jsonschema, frictionless). The numbers come from `benchmarks/run.py`; see
[benchmarks/README.md](../benchmarks/README.md) for how to run it.

"""


def write_doc(path: Path, generated: str) -> None:
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            before, _, rest = text.partition(BEGIN)
            _, _, after = rest.partition(END)
            path.write_text(before + generated + after, encoding="utf-8")
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PREFACE + generated + "\n", encoding="utf-8")


# -- profile -------------------------------------------------------------------------------------


def profile(ledger_dir: Path, gifts: int, top: int) -> Profile:
    argv = [
        sys.executable,
        "-m",
        "cProfile",
        "-s",
        "tottime",
        "-m",
        "gift_ledger",
        "validate",
        str(ledger_dir),
    ]
    info = RunInfo.start()
    log(f"profiling: {shlex.join(argv)}")
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    info.finish()
    lines = done.stdout.splitlines()
    kept: list[str] = []
    for number, line in enumerate(lines):
        if "function calls" in line:
            kept.append(line.strip())
        if line.lstrip().startswith("ncalls"):
            kept += lines[number : number + 1 + top]
            break
    if not kept:
        kept = [f"profile failed (exit {done.returncode}): {first_last_line(done.stderr.encode())}"]
    site = next((p for p in sys.path if p.endswith("site-packages")), "\0")
    stdlib = str(Path(os.__file__).parent)
    text = "\n".join(kept)
    for prefix, short in ((str(ROOT) + "/", ""), (site + "/", ""), (stdlib + "/", "")):
        text = text.replace(prefix, short)
    command = shlex.join(["python", *argv[1:]])
    return Profile(gifts, info, command, text)


# -- main ----------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of numbers: {text!r}"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def compile_package() -> None:
    """Write the bytecode of the package under test, as installing it from a wheel does.

    An editable install writes it on the first run, unless PYTHONDONTWRITEBYTECODE is set
    (as on some shared machines) or the tree is read-only: then every run would compile
    the package's modules again, about 45 ms that an installed copy never pays, while the
    peers' packages were compiled when they were installed.
    """
    spec = importlib.util.find_spec("gift_ledger")
    if spec is None or spec.origin is None:
        raise SystemExit("run.py: gift_ledger is not installed in this environment")
    package = Path(spec.origin).parent
    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"run.py: cannot write the bytecode of {package}")
    log(f"bytecode written for {package}")


def measure_all(
    spawner: Spawner,
    args: argparse.Namespace,
    *,
    sizes: Sequence[int],
    repeat: int,
    repeat_small: int,
    cache: Path,
    results_path: Path,
) -> Report:
    """Run every measurement the arguments ask for; save raw results after each part."""
    report = Report(machine=machine_info())
    compile_package()
    if args.merge and results_path.is_file():
        previous = Report.load(results_path)
        report.sizes, report.small, report.profile = (
            previous.sizes,
            previous.small,
            previous.profile,
        )

    if not args.no_small:
        info = RunInfo.start()
        warm(ROOT / folder for folder in SMALL_LEDGERS)
        results = bench(
            spawner,
            chosen(small_commands(), args.only),
            repeat=repeat_small,
            repeat_slow=repeat_small,
            slow_after=1e9,
            timeout=args.timeout,
            tag="small",
        )
        info.finish()
        report.small = SmallReport(info, results)
        report.save(results_path)

    for gifts in sizes:
        yaml_ledger = ensure_ledger(cache, gifts, "yaml", args.seed)
        json_ledger = ensure_ledger(cache, gifts, "json", args.seed)
        out = cache / f"out-n{gifts}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        yaml_dir, json_dir = Path(yaml_ledger.path), Path(json_ledger.path)
        warned = [ensure_warned(cache, ledger) for ledger in (yaml_ledger, json_ledger)]
        warm((yaml_dir, json_dir, *warned))
        info = RunInfo.start()
        commands = size_commands(yaml_dir, json_dir, out) + warned_commands(*warned)
        results = bench(
            spawner,
            chosen(commands, args.only),
            repeat=repeat,
            repeat_slow=args.repeat_slow,
            slow_after=args.slow_after,
            timeout=args.timeout,
            tag=f"{gifts}",
        )
        info.finish()
        report.sizes[gifts] = SizeReport(
            gifts, info, {"yaml": yaml_ledger, "json": json_ledger}, results
        )
        report.save(results_path)

    if args.profile:
        smallest = min(sizes)
        ledger = ensure_ledger(cache, smallest, "yaml", args.seed)
        report.profile = profile(Path(ledger.path), smallest, args.profile_top)

    return report


def chosen(commands: list[Command], only: Sequence[str] | None) -> list[Command]:
    """The commands that `--only` names, all of them without it."""
    return [command for command in commands if not only or command.key in only]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=None,
        help="comma-separated gift counts (default: 10000,100000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="runs of each command (default: 5)"
    )
    parser.add_argument(
        "--repeat-slow",
        type=int,
        default=2,
        help="runs of a peer whose first run exceeds --slow-after (default: 2)",
    )
    parser.add_argument(
        "--slow-after",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="a peer slower than this on its first run is slow (default: 20)",
    )
    parser.add_argument(
        "--repeat-small",
        type=int,
        default=None,
        help="runs of each small-ledger and start-up command (default: 2 × --repeat, ≥ 10)",
    )
    parser.add_argument("--no-small", action="store_true", help="skip the small-ledger run")
    parser.add_argument(
        "--only",
        type=lambda text: [key.strip() for key in text.split(",") if key.strip()],
        default=None,
        metavar="KEY,KEY",
        help="run only these commands, by their keys in the results file "
        "(validate-json,check-jsonschema,...); goals without their commands say so",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile `ledger validate` (cProfile) on the smallest size's YAML ledger",
    )
    parser.add_argument("--profile-top", type=int, default=25, help="entries to keep (default 25)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default: 0)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "gift-ledger-bench",
        help="where generated ledgers, exports and raw results go (default: %(default)s)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="the Markdown report (default: docs/performance.md; with --quick, in --cache)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=None,
        help="raw results as JSON (default: CACHE/results.json, or results-quick.json)",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep sizes, small-ledger run and profile of the previous --results file that "
        "this run does not measure again",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1800.0,
        metavar="SECONDS",
        help="kill a run after this long (default: 1800)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rewrite the report from the --results file",
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: 1000 gifts, 2 runs each")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)

    sizes: list[int] = args.sizes or ([1000] if args.quick else [10_000, 100_000])
    repeat: int = args.repeat or (2 if args.quick else 5)
    repeat_small: int = args.repeat_small or (2 if args.quick else max(10, 2 * repeat))
    cache: Path = args.cache.resolve()
    suffix = "-quick" if args.quick else ""
    output: Path = args.output or (
        cache / "performance-quick.md" if args.quick else ROOT / "docs" / "performance.md"
    )
    results_path: Path = args.results or cache / f"results{suffix}.json"
    if repeat < 1 or args.repeat_slow < 1 or repeat_small < 1:
        parser.error("repeat counts must be at least 1")

    if args.report_only:
        if not results_path.is_file():
            parser.error(f"no results file at {results_path}")
        report = Report.load(results_path)
        write_doc(output, render(report))
        log(f"wrote {output} from {results_path}")
        return 0
    spawner = Spawner(cache / "scratch")  # first, while this process is small
    try:
        report = measure_all(
            spawner,
            args,
            sizes=sizes,
            repeat=repeat,
            repeat_small=repeat_small,
            cache=cache,
            results_path=results_path,
        )
    finally:
        spawner.close()
    report.save(results_path)
    generated = render(report)
    write_doc(output, generated)
    log(f"wrote {output} and {results_path}")
    for size in (report.sizes[n] for n in sorted(report.sizes)):
        for goal in size_goals(size):
            print(
                f"{size.gifts:>7} goal {goal.key}: {goal.value or '-'} "
                f"({goal.target}) {goal.verdict}"
            )
    for goal in small_goals(report.small.results) if report.small else []:
        print(f"  small goal {goal.key}: {goal.value or '-'} ({goal.target}) {goal.verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
