"""The lock files pin every dependency pyproject.toml declares, within its range.

A dependency added to or changed in pyproject.toml without `bash requirements/lock` fails
here, before CI or a newcomer installs a lock that misses it.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

from .conftest import PROJECT

PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$", re.MULTILINE)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lock: str) -> dict[str, str]:
    """Each pinned name and the version this Python installs from `lock`."""
    text = (PROJECT / "requirements" / lock).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for name, version, marker in PIN.findall(text):
        if not marker or Requirement(f"x; {marker}").marker.evaluate(default_environment()):  # type: ignore[union-attr]
            pins[_norm(name)] = version
    return pins


def _declared(*extras: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    names = [*project["dependencies"]]
    for extra in extras:
        names += project["optional-dependencies"][extra]
    build_in = (PROJECT / "requirements" / "build.in").read_text(encoding="utf-8")
    names += [line for line in build_in.splitlines() if line and not line.startswith("#")]
    return [Requirement(n) for n in names if not n.startswith("gift-ledger")]


@pytest.mark.parametrize(
    ("lock", "extras"),
    [
        ("main.txt", ()),
        ("test.txt", ("test",)),
        ("dev.txt", tuple(PYPROJECT["project"]["optional-dependencies"])),
    ],
)
def test_every_declared_dependency_is_locked_within_its_range(
    lock: str, extras: tuple[str, ...]
) -> None:
    pins = _pins(lock)
    for requirement in _declared(*extras):
        if requirement.marker and not requirement.marker.evaluate():
            continue
        name = _norm(requirement.name)
        assert name in pins, f"{requirement} is not in requirements/{lock}: bash requirements/lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={pins[name]}, outside {requirement}: "
            "bash requirements/lock"
        )


def test_every_pin_has_a_hash() -> None:
    for lock in ("main.txt", "test.txt", "dev.txt"):
        text = (PROJECT / "requirements" / lock).read_text(encoding="utf-8")
        for block in re.split(r"\n(?=[A-Za-z])", text):
            if PIN.match(block):
                assert "--hash=sha256:" in block, f"{lock}: {block.splitlines()[0]} has no hash"
