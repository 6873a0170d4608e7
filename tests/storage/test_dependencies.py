"""The dependency rule: storage never imports the bot, the domain only the standard library."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_top_levels(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield path, node.module.split(".")[0]


def test_storage_never_imports_the_bot():
    offenders = [
        (str(path), name)
        for folder in ("storage", "migrations")
        for path, name in imported_top_levels(ROOT / folder)
        if name in {"bot", "sandbox"}
    ]
    assert offenders == []


def test_domain_imports_only_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"domain"}
    offenders = [
        (str(path), name)
        for path, name in imported_top_levels(ROOT / "domain")
        if name not in allowed
    ]
    assert offenders == []
    assert any(True for _ in imported_top_levels(ROOT / "domain")), "domain/ not scanned"


def test_the_sandbox_imports_nothing_of_ours():
    ours = {"bot", "domain", "storage", "migrations"}
    offenders = [
        (str(path), name) for path, name in imported_top_levels(ROOT / "sandbox") if name in ours
    ]
    assert offenders == []


def test_only_the_composition_root_and_entry_points_of_the_bot_import_storage():
    entry_points = {"app.py", "cli.py", "runner.py", "webhook.py", "doctor.py", "export_job.py"}
    offenders = [
        (str(path), name)
        for path, name in imported_top_levels(ROOT / "bot")
        if name == "storage" and path.name not in entry_points
    ]
    assert offenders == []
