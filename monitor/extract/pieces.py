"""Multi-piece pages: an OCR'd newspaper page or an e-paper page holding several signed pieces.

:func:`split_pieces` takes the page as blocks of text (an OCR'd page split at blank lines, or
the text blocks of an e-paper HTML page) and, by general rules:
1. classifies each block: a *byline* (a name and a post, ``郭军军 包头稀土高新区管委会主任``,
   or a reporter line such as ``本报记者 张三``) right after a *heading* (a short line with no
   sentence punctuation) starts a piece; other headings are banners (the first is the page's
   title) or subtitles; captions (``视觉中国供图``, ``图为...``) are dropped;
2. gives each piece the prose that follows its byline up to the next piece's heading;
3. prose outside any piece (after a banner, OCR of columns read out of order) goes to the
   piece whose places (from the post and headline) it names most, else the one whose text it
   shares most character pairs with, else the next piece;
4. cleans each piece (:mod:`monitor.normalise`): repeated paragraphs once, a repeated span
   spliced into a paragraph removed, column-break fragments rejoined; a span shared by two
   pieces that names the places of only one of them is removed from the other.
A page with fewer than two pieces is not a multi-piece page: the result has no pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.bylines import POST_WORDS, find_author, split_byline
from monitor.items import Piece
from monitor.normalise import (
    clean_text,
    collapse_repeats,
    rejoin_fragments,
    remove_spliced_spans,
    shared_span,
)

__all__ = ["PageSplit", "split_pieces", "may_have_pieces", "split_text_blocks", "place_keys"]

_CAPTION = re.compile(r"(供图|摄影?$|图片来源|^图[为片：:]|^资料图|^[（(]?图|制图$)")
_SENTENCE = re.compile(r"[。！？；：，,;:]")
_PLACE = re.compile(r"([\u4e00-\u9fa5]{2,8}?)(?:稀土)?(?:高新区|高新技术产业开发区|经济技术开发区|开发区|工业园区|自治区|省|市|县)")
_MAX_HEADING = 40
# What every block :func:`_byline` accepts holds (an office word, an author or reporter label):
# a page with fewer than two such short blocks skips the costly splitting.
_BYLINE_HINT = re.compile(POST_WORDS.pattern.removesuffix("$") + r"|记者|通讯员|作者|撰文|撰稿|发帖人|发贴人|楼主|博主|"
                          r"发布者|发表者|发布人|投稿人|署名|文\s*[/／|｜]|By\s|by\s")
_MIN_SHARED_SPAN = 20


@dataclass(frozen=True, slots=True)
class PageSplit:
    banner: str | None  # the page's banner headline, if it has one
    pieces: tuple[Piece, ...]


@dataclass
class _Draft:
    headline: str
    author: str | None
    post: str | None
    paragraphs: list[str]
    keys: frozenset[str]


def split_text_blocks(text: str) -> list[str]:
    """An OCR'd page as blocks: runs of lines between blank lines (a byline keeps its line breaks)."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [b.strip() for b in blocks if clean_text(b)]


def place_keys(text: str) -> frozenset[str]:
    """Two-character place keys a post names: 包头稀土高新区 -> 包头, 山西省长治市副市长 -> 山西, 长治."""
    keys = set()
    for match in _PLACE.finditer(re.sub(r"[、，,\s]", "|", text)):
        name = match.group(1).split("|")[-1]
        for prefix in ("国家", "中国", "全国"):
            name = name.removeprefix(prefix)
        if len(name) >= 2:
            keys.add(name[:2])
    return frozenset(keys)


def _is_heading(block: str) -> bool:
    if len(block) > 3 * _MAX_HEADING:
        return False
    text = clean_text(" ".join(block.split()))
    return 4 <= len(text) <= _MAX_HEADING and not _SENTENCE.search(text) and not _CAPTION.search(text)


def _byline(block: str) -> tuple[str, str | None] | None:
    text = clean_text(" ".join(block.split()))
    if len(text) > 80 or _CAPTION.search(text):
        return None
    name, post = split_byline(block)
    if name and post:
        return name, post
    if len(text) <= 24 and (found := find_author(text, allow_user=False, strength=2)):
        return found, None
    return None


def _bigrams(text: str) -> set[str]:
    return {text[i: i + 2] for i in range(len(text) - 1)}


def _home(paragraph: str, drafts: list[_Draft], following: int) -> int:
    """Which piece an unattached paragraph belongs to: places, then shared text, then position."""
    hits = [sum(paragraph.count(k) for k in d.keys) for d in drafts]
    if max(hits) > 0 and hits.count(max(hits)) == 1:
        return hits.index(max(hits))
    grams = _bigrams(paragraph)
    overlap = [len(grams & _bigrams("".join(d.paragraphs))) / (len(grams) or 1) for d in drafts]
    best = max(overlap)
    if best >= 0.5 and overlap.count(best) == 1:
        return overlap.index(best)
    return min(following, len(drafts) - 1)


def _drop_foreign_spans(drafts: list[_Draft]) -> None:
    """A span two pieces share that names only the other piece's places leaves this one."""
    for i, mine in enumerate(drafts):
        others = frozenset().union(*(d.keys for j, d in enumerate(drafts) if j != i)) - mine.keys
        for j, other in enumerate(drafts):
            if i == j:
                continue
            for k, paragraph in enumerate(mine.paragraphs):
                for theirs in other.paragraphs:
                    span = shared_span(paragraph, theirs, _MIN_SHARED_SPAN)
                    if span and any(key in span for key in other.keys & others) and not any(
                            key in span for key in mine.keys):
                        paragraph = paragraph.replace(span, "")
                mine.paragraphs[k] = paragraph


def may_have_pieces(blocks: list[str]) -> bool:
    """A quick test: at least two short blocks that could be bylines (see :func:`_byline`)."""
    hits = 0
    for block in blocks:
        if len(block) <= 120 and _BYLINE_HINT.search(block):
            hits += 1
            if hits >= 2:
                return True
    return False


def split_pieces(blocks: list[str]) -> PageSplit:
    """Split a page's blocks into signed pieces (see the module docstring)."""
    if not may_have_pieces(blocks):
        return PageSplit(None, ())
    bylines: dict[int, tuple[str, str | None]] = {}
    for i, block in enumerate(blocks):
        if i > 0 and len(block) <= 120 and _BYLINE_HINT.search(block) and _is_heading(blocks[i - 1]) \
                and (found := _byline(block)):
            bylines[i] = found
    if len(bylines) < 2:
        return PageSplit(None, ())
    kinds: list[str] = []
    for i, block in enumerate(blocks):
        if i in bylines:
            kinds.append("byline")
        elif _CAPTION.search(clean_text(block)) and len(clean_text(block)) <= _MAX_HEADING:
            kinds.append("caption")
        elif _is_heading(block):
            kinds.append("heading")
        else:
            kinds.append("prose")
    for i in bylines:
        kinds[i - 1] = "headline"

    drafts: list[_Draft] = []
    banner: str | None = None
    last_byline = max(bylines)
    orphans: list[tuple[str, int]] = []  # (paragraph, index of the next piece)
    current: _Draft | None = None
    for i, (block, kind) in enumerate(zip(blocks, kinds, strict=True)):
        if kind == "byline":
            name, post = bylines[i]
            headline = clean_text(" ".join(blocks[i - 1].split()))
            current = _Draft(headline, name, post, [], place_keys(post or ""))
            drafts.append(current)
        elif kind == "heading":
            heading = clean_text(" ".join(blocks[i].split()))
            # The banner: the longest heading above the last piece that is not a dashed subtitle.
            if i < last_byline and not heading.startswith(("—", "-", "─")) and len(heading) > len(banner or ""):
                banner = heading
            current = None  # a banner or subtitle ends the piece before it
        elif kind == "prose":
            paragraph = clean_text(" ".join(block.split("\n")))
            if current is not None:
                current.paragraphs.append(paragraph)
            else:
                orphans.append((paragraph, len(drafts)))
    for paragraph, following in orphans:
        drafts[_home(paragraph, drafts, following)].paragraphs.append(paragraph)
    for draft in drafts:
        draft.paragraphs = collapse_repeats(draft.paragraphs)
        draft.paragraphs = remove_spliced_spans(draft.paragraphs, _MIN_SHARED_SPAN)
    _drop_foreign_spans(drafts)
    pieces = tuple(
        Piece(headline=d.headline, body="\n\n".join(rejoin_fragments([p for p in d.paragraphs if p])),
              author=d.author, author_post=d.post)
        for d in drafts
    )
    return PageSplit(banner, pieces)
