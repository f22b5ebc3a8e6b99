"""YAML that operators write (the sources file, a topics file), loaded safely and within bounds.

``yaml.safe_load`` builds no objects but plain data, yet two shapes of document still hurt: one
nested thousands of levels deep makes PyYAML's composer, which recurses once per level, fail with
a RecursionError; and nested aliases ('billion laughs') expand a few lines into millions of values.
Both are refused here with a :class:`~monitor.errors.ConfigError` (exit code 2) naming the place.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import Node

from monitor.errors import ConfigError

__all__ = ["MAX_DEPTH", "MAX_NODES", "load_yaml"]

# A sources file is five levels deep (document, 'sources' list, a source, 'selectors', a value); 64
# leaves room for anything written by hand and stays far below Python's recursion limit (1,000
# frames; PyYAML's composer uses about three per level).
MAX_DEPTH = 64
# Values after expanding aliases: the largest real file has a few thousand.
MAX_NODES = 200_000


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark | None) -> None:
        super().__init__()
        self.mark = mark


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that stops composing past MAX_DEPTH levels, before Python's own limit is reached."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)  # type: ignore[no-untyped-call, no-any-return]
        finally:
            self._depth -= 1


def _check_shape(data: Any, origin: str, error: type[ConfigError]) -> None:
    """Refuse a document whose values, aliases expanded, are too many or nested too deep (each level of
    aliases to aliases adds depth without adding to what was composed)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise error(f"{origin}: the document expands to more than {MAX_NODES} values "
                        "(nested YAML aliases?); write it out plainly")
        if depth > MAX_DEPTH:
            raise error(f"{origin}: values are nested more than {MAX_DEPTH} levels deep (through aliases)")
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in (*node.keys(), *node.values()))
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)


def load_yaml(text: str, origin: str, error: type[ConfigError] = ConfigError) -> Any:
    """The plain data of a YAML document; `error` (a ConfigError) when it is not valid YAML, is nested more
    than MAX_DEPTH levels deep or expands to more than MAX_NODES values."""
    try:
        loader = _BoundedLoader(text)  # the reader already refuses control characters here
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()  # type: ignore[no-untyped-call]
    except _TooDeep as exc:
        where = f" (line {exc.mark.line + 1}, column {exc.mark.column + 1})" if exc.mark else ""
        raise error(f"{origin}: nested more than {MAX_DEPTH} levels deep{where}; "
                    "a sources or topics file needs only a few levels") from None
    except yaml.YAMLError as exc:
        raise error(f"{origin}: not valid YAML: {exc}") from None
    except ValueError as exc:  # a scalar PyYAML cannot convert, e.g. an integer of more than 4,300 digits
        raise error(f"{origin}: a value cannot be read ({exc}); quote it if it is meant as text") from None
    _check_shape(data, origin, error)
    return data


class YamlPositions:
    """Where the values of a YAML document are written (1-based line and column), for messages that point at
    a line: read with ruamel.yaml, whose round-trip loader keeps each key's and item's position (PyYAML's
    plain data keeps none). Only called on a document ``load_yaml`` already accepted, so its size is bounded."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError as RuamelError

        try:
            self._root: Any = YAML(typ="rt", pure=True).load(text)
        except (RuamelError, ValueError):  # a document PyYAML reads but ruamel does not: no positions, no crash
            self._root = None

    def find(self, path: list[str | int]) -> tuple[int, int] | None:
        """Position of the deepest part of ``path`` (keys and list indexes) that is in the document: the key
        itself for a mapping's key, the item for a list's index."""
        node, found = self._root, None
        for part in path:
            lc = getattr(node, "lc", None)
            if lc is None:
                break
            if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                found, node = lc.item(part), node[part]
            elif isinstance(node, dict) and part in node:
                found, node = lc.key(part), node[part]
            else:
                break
        return (found[0] + 1, found[1] + 1) if found else None

    def value(self, path: list[str | int]) -> tuple[int, int] | None:
        """Position of the value at ``path`` (a scalar's first character), else of its key."""
        parent = self._root
        for part in path[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                return self.find(path)
        lc = getattr(parent, "lc", None)
        last = path[-1] if path else None
        if isinstance(parent, dict) and lc is not None and last in parent:
            line, column = lc.value(last)
            return line + 1, column + 1
        return self.find(path)
