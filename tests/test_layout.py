"""The layout's import rule, read from the source (ast): imports run downward only.

- A pipeline stage (fetch, extract, dedup, tag, store, digest) never imports the CLI, the service, the web
  app or an entry point (pipeline, importer, retag).
- The web app never imports the CLI or the service; the service never imports the CLI.
- The shared vocabulary at the top (items, errors, settings, ...) imports no stage and no entry point.
- The CLI's command modules share monitor.cli.common and never import one another.
Each stage package imports on its own (no cycle) and names its public interface in ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "monitor"
STAGES = ("fetch", "extract", "dedup", "tag", "store", "digest")
ENTRY_POINTS = ("monitor.pipeline", "monitor.importer", "monitor.retag")
UPPER = ("monitor.cli", "monitor.service", "monitor.web")
SHARED = ("items", "errors", "settings", "normalise", "sourcesfile", "timefmt", "addresses", "yamlfile")
CLI_COMMANDS = ("commands", "service_commands", "subscriber_commands")
INTERFACES = {"fetch": {"Fetcher", "RawPage"}, "extract": {"extract_article"},
              "dedup": {"Deduplicator", "New", "Unchanged", "Revision", "DuplicateOf"}, "tag": {"tag_article"},
              "store": {"Articles", "Sources", "CrawlRuns", "UrlQueue", "FetchHistory", "Repositories", "commit_retrying"}, "digest": {"send_digests", "preview_digest"}, "web": {"create_app"},
              "service": {"serve", "run_backfill"}}


def imported_modules(source: str, module: str) -> set[str]:
    """Every module `source` (the text of `module`) imports, anywhere in it (functions, TYPE_CHECKING blocks
    too), as absolute names; ``from a import b`` counts as both a and a.b, since b may be a module."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in paths:
        module = _module_name(path)
        for name in sorted(imported_modules(path.read_text(encoding="utf-8"), module)):
            if _within(name, forbidden):
                found.append(f"{module} imports {name}")
    return found


def test_the_checker_sees_every_form_of_import() -> None:
    source = ("from monitor.cli import main\nimport monitor.service.locks\ndef f():\n    from ..web import app\n"
              "from . import pipeline\n")
    found = imported_modules(source, "monitor.tag.tagger")
    assert {"monitor.cli", "monitor.service.locks", "monitor.web.app", "monitor.tag.pipeline"} <= found
    assert imported_modules("from .. import importer\n", "monitor.tag.tagger") >= {"monitor.importer"}


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_cli_service_web_or_entry_point(stage: str) -> None:
    assert violations(_modules(PACKAGE / stage), UPPER + ENTRY_POINTS) == []


def test_the_web_app_imports_no_cli_or_service_and_the_service_no_cli() -> None:
    assert violations(_modules(PACKAGE / "web"), ("monitor.cli", "monitor.service")) == []
    assert violations(_modules(PACKAGE / "service"), ("monitor.cli",)) == []


def test_the_shared_vocabulary_imports_no_stage() -> None:
    stages = tuple(f"monitor.{stage}" for stage in (*STAGES, "web", "service", "cli"))
    assert violations([PACKAGE / f"{name}.py" for name in SHARED], stages + ENTRY_POINTS) == []


def test_cli_command_modules_do_not_import_each_other() -> None:
    others = tuple(f"monitor.cli.{name}" for name in CLI_COMMANDS)
    for name in CLI_COMMANDS:
        path = PACKAGE / "cli" / f"{name}.py"
        found = [v for v in violations([path], others) if not v.endswith(f" monitor.cli.{name}")]
        assert found == [], found
        assert "monitor.cli.common" in imported_modules(path.read_text(encoding="utf-8"), f"monitor.cli.{name}")


@pytest.mark.parametrize("stage", sorted(INTERFACES))
def test_each_stage_names_its_interface_and_imports_on_its_own(stage: str) -> None:
    # a fresh interpreter: a cycle shows only when the stage is the first thing imported
    done = subprocess.run([sys.executable, "-c", f"import monitor.{stage} as s; [getattr(s, n) for n in s.__all__]"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    package = importlib.import_module(f"monitor.{stage}")
    assert INTERFACES[stage] <= set(package.__all__)
