"""Source kinds. Each module here defines one Scraper subclass; they are found by walking the package."""

from __future__ import annotations

import importlib
import pkgutil

from monitor.errors import ConfigError

from .base import Scraper

__all__ = ["Scraper", "scraper_registry"]


def scraper_registry() -> dict[str, Scraper]:
    """kind -> scraper instance; two scrapers claiming one kind is an error."""
    registry: dict[str, Scraper] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name in ("base",) or module_info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Scraper) and value is not Scraper and value.__module__ == module.__name__:
                if value.kind in registry:
                    raise ConfigError(f"two scrapers claim kind {value.kind!r}: {type(registry[value.kind]).__name__} and {value.__name__}")
                registry[value.kind] = value()
    return registry
