"""Every output of the worktree's tagger as JSON, to compare a change with: a change made for speed must
leave the dump byte for byte the same.

The calls are bench/tagging_vs.py's (every text of tests/data/tagging, tests/data/tagging_real and
tests/data/dedup, tagged several ways, and its 1,500 throughput articles), plus each text with its title
and body in traditional script (the OpenCC path) and through ``tag_article`` (the entry point ingest uses).

    .venv/bin/python bench/tagging_dump.py OUT.json          # write
    .venv/bin/python bench/tagging_dump.py OUT.json --check  # compare with OUT.json; exit 1 on a difference
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tagging_vs  # noqa: E402

from monitor.items import ExtractedArticle  # noqa: E402
from monitor.normalise import to_simplified  # noqa: E402
from monitor.tag import ZoneTagger, tag_article  # noqa: E402

# simplified -> traditional for the characters TRADITIONAL_HINTS tests and a few more, so the traditional
# path (detection, OpenCC, offsets after folding) is exercised on every text
_S2T = str.maketrans("区们这发产业开会为国与经济术关东阳华头书记长务体场设计划进实将对于从来过里当",
                     "區們這發產業開會為國與經濟術關東陽華頭書記長務體場設計劃進實將對於從來過裡當")


def dump() -> dict[str, object]:
    tagger = ZoneTagger()
    out: dict[str, object] = {}
    calls = tagging_vs.calls()
    for label, args, kwargs in calls:
        key = label
        while key in out:
            key += "+"
        out[key] = dataclasses.asdict(tagger.tag(*args, **kwargs))
    for label, args, _ in calls[::7]:  # a seventh of them again in traditional script
        out[label + "/traditional"] = dataclasses.asdict(tagger.tag(*(a.translate(_S2T) if isinstance(a, str) else a
                                                                       for a in args)))
    for label, args, kwargs in calls[::5]:
        title, text = args[0], args[1]
        article = ExtractedArticle(url=kwargs.get("url") or "https://example.invalid/a", title=title, body=text)
        out[label + "/tag_article"] = dataclasses.asdict(tag_article(article, args[2] if len(args) > 2 else (),
                                                                     tagger=tagger))
    assert to_simplified("高新區") == "高新区"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args()
    text = json.dumps(dump(), ensure_ascii=False, sort_keys=True, indent=0)
    if not args.check:
        args.path.write_text(text, encoding="utf-8")
        print(f"written {args.path} ({len(text):,} characters)")
        return
    old = json.loads(args.path.read_text(encoding="utf-8"))
    new = json.loads(text)
    differ = [key for key in old.keys() | new.keys() if old.get(key) != new.get(key)]
    print(f"{len(new)} outputs; identical: {'yes' if not differ else 'NO'} ({len(differ)} differ"
          + (f": {', '.join(sorted(differ)[:5])}" if differ else "") + ")")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
