"""Source kinds, one module each (see base.py for what a kind's module holds); found by walking this package.

Adding a kind is adding a module here: the sources file accepts its ``kind`` and fields, and the
pipeline runs its scraper, with no other file edited. Site plugins (``scrapers/sites/``) are
loaded by the ``plugin`` kind, not registered here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache
from types import ModuleType
from typing import Any, get_args

from monitor.errors import ConfigError
from monitor.sourcesfile import SourceConfig

from .base import Scraper

__all__ = ["Scraper", "find_scrapers", "scraper_for", "scraper_registry"]


def _declared_kind(scraper: type[Scraper[Any]]) -> None:
    """A scraper's config must be a SourceConfig whose ``kind`` is the Literal of the scraper's name."""
    where = f"scraper {scraper.__name__} ({scraper.__module__})"
    name = getattr(scraper, "name", None)
    config = getattr(scraper, "config", None)
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{where} has no `name` (the kind sources give)")
    if not (isinstance(config, type) and issubclass(config, SourceConfig)):
        raise ConfigError(f"{where} has no `config` (a SourceConfig subclass)")
    if get_args(config.model_fields["kind"].annotation) != (name,):
        raise ConfigError(f"{where} is named {name!r} but its config {config.__name__} declares "
                          f"kind: {config.model_fields['kind'].annotation}; write kind: Literal[{name!r}]")


def _scrapers_of(module: ModuleType) -> list[type[Scraper[Any]]]:
    return [value for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Scraper) and not inspect.isabstract(value)
            and value.__module__ == module.__name__]


def find_scrapers(package: ModuleType) -> dict[str, Scraper[Any]]:
    """Name -> scraper of every concrete Scraper defined in the package's modules (sub-packages are not
    walked); two scrapers with one name, or a scraper whose config does not declare its kind, is a ConfigError."""
    registry: dict[str, Scraper[Any]] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module_info.ispkg:
            continue
        name = f"{package.__name__}.{module_info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # a kind's module is code an operator may add: say which one fails, and how
            raise ConfigError(f"cannot load the source kind module {name}: {type(exc).__name__}: {exc}") from exc
        for scraper in _scrapers_of(module):
            _declared_kind(scraper)
            if scraper.name in registry:
                other = type(registry[scraper.name])
                raise ConfigError(f"two scrapers claim kind {scraper.name!r}: {other.__name__} ({other.__module__}) "
                                  f"and {scraper.__name__} ({scraper.__module__})")
            registry[scraper.name] = scraper()
    return registry


@cache
def scraper_registry() -> dict[str, Scraper[Any]]:
    """kind -> scraper instance, of this package; built once, at the first sources file loaded."""
    import scrapers

    return find_scrapers(scrapers)


def scraper_for(source: SourceConfig) -> Scraper[Any]:
    """The scraper of a source's kind (a loaded source's kind is always a registered one)."""
    return scraper_registry()[source.kind]
