"""Adding a catalogue entry to the sources file as a source, the way an operator would by hand.

The file is edited with ruamel.yaml's round-trip mode, so its comments, the order of its sources and
fields and its quoting stay as they were; the new source goes at the end of the ``sources`` list with a
comment saying where its URL came from. A zone's entry becomes a ``kind: html`` source with only a URL
(its news list, else its site) and ``zones: [<zone id>]``: the html kind finds the article links of such
a page itself. The file is written to a temporary file and renamed over the old one, so a failed write
leaves it as it was.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from monitor.catalogue import CatalogueEntry
from monitor.errors import CatalogueError, SourcesFileError

__all__ = ["add_to_sources", "source_of"]

_NEW_FILE = "# Sources of zone-monitor (see `monitor sources catalogue` and `monitor sources add`).\nsources: []\n"


def source_of(entry: CatalogueEntry) -> CommentedMap:
    """The source an entry becomes: name, kind, url, zones (a zone entry's), verified: false."""
    url = entry.source_url
    if url is None:
        raise CatalogueError(f"catalogue entry {entry.id!r} ({entry.name}) has no URL: its official site was not "
                             "found in a published page, so there is nothing to crawl yet. Add the site's host (or "
                             "host/path of its section of a portal) to the `websites` column of monitor/data/national-hitech-zones.csv (with the page it "
                             "was taken from in national-hitech-zones.notes.md), or write the source by hand.")
    source = CommentedMap()
    source["name"] = entry.id
    source["kind"] = entry.kind
    if entry.module:
        source["module"] = entry.module
    source["url"] = url
    if entry.zone_id:
        zones = CommentedSeq([entry.zone_id])
        zones.fa.set_flow_style()
        source["zones"] = zones
    source["verified"] = False
    return source


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and quotes kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long URL or comment
    yaml.indent(mapping=2, sequence=4, offset=2)  # `  - name: x` under `sources:`, as the shipped file
    return yaml


def _comment(entry: CatalogueEntry) -> str:
    note = re.sub(r"\s+", " ", entry.note).strip()
    return f"{entry.name}: added from the catalogue (verified: false). {note}".strip()


def add_to_sources(path: Path, entry: CatalogueEntry) -> str:
    """Append the entry's source to the sources file at `path` (created when missing); returns its name.
    A source of the same name or URL already there is refused (SourcesFileError)."""
    source = source_of(entry)
    text = path.read_text(encoding="utf-8") if path.exists() else _NEW_FILE
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise SourcesFileError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        data = yaml.load(_NEW_FILE)
    if not isinstance(data, CommentedMap) or not isinstance(data.get("sources", []), list | None):
        raise SourcesFileError(f"{path}: expected a mapping with a 'sources' list")
    if data.get("sources") is None:
        data["sources"] = CommentedSeq()
    sources: CommentedSeq = data["sources"]
    for existing in sources:
        if isinstance(existing, dict) and existing.get("name") == source["name"]:
            raise SourcesFileError(f"{path}: a source named {source['name']!r} is already there")
        if isinstance(existing, dict) and existing.get("url") == source["url"]:
            raise SourcesFileError(f"{path}: source {existing.get('name')!r} already reads {source['url']}")
    if sources.fa.flow_style():  # `sources: []` in a new file: written out as a block list
        sources.fa.set_block_style()
    blank_line = "\n" if sources else ""  # sources are set apart by a blank line, as written by hand
    sources.append(source)
    sources.yaml_set_comment_before_after_key(len(sources) - 1, before=blank_line + _comment(entry), indent=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    _write_atomically(path, buffer.getvalue())
    return str(source["name"])


def _write_atomically(path: Path, text: str) -> None:
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
