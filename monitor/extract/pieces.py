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

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from monitor.extract.bylines import (
    EDITOR_LINE,
    NOT_A_POST,
    PHOTO_CREDIT,
    POST_WORDS,
    SIGNATURE_POST_END,
    find_author,
    name_at,
    name_ends_at,
    post_then_name,
    split_byline,
)
from monitor.items import Piece
from monitor.normalise import (
    clean_text,
    collapse_repeats,
    reads_traditional,
    rejoin_fragments,
    remove_spliced_spans,
    shared_span,
    strip_ruby,
    to_simplified,
)
from monitor.tag.people import SPEAKER_OFFICES, SURNAMES, follows_name, name_after, name_before_speech

__all__ = ["PageSplit", "split_pieces", "split_signed", "may_have_pieces", "split_text_blocks", "place_keys", "strip_ruby"]

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
    lead: tuple[str, ...] = ()  # paragraphs above the first piece (an introduction), in no piece


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


# Signed pieces by evidence: roundups, quote collections, forum pages ------------------------
# :func:`split_signed` reads a page as units (lines of a text, paragraphs of an HTML article)
# and looks for signatures, a person's name with or without a post, in three families:
#   openers: the signature starts the piece: '【张三】', '张三（某某市长）：', '全国政协委员 张三：',
#            'NAME:' or 'NAME post' or '本报记者 NAME' alone on a line, and (weaker) a paragraph
#            opening with 'post NAME' or 'NAME委员说';
#   closers: the signature ends the piece: '——post NAME', '（本报记者 NAME）', '… 本报记者 NAME';
#   sub-headlines: a short heading whose first paragraph names 'post NAME'.
# The family found most often (at least twice, two people at least) splits the page, so the
# shape repeated down the page decides, not one layout. Each piece keeps the heading right
# above it as its headline; the page's first heading not used so is the page's title.
# Bullets and the dots a list page puts between its items ('....“…”全国人大代表圣辉说': roundup r71, tune half).
_BULLETS = re.compile(r"^(?:[■●◆▲★☆◇□◎\s]|\.{2,}|…+)+")
# A closing quotation mark eaten by mojibake: '。”' decoded in the wrong charset reads '?!' then a few garbled
# characters up to the next comma ('“…社会就能快速发展?!比珖f委员，上海市工商联副主席…林凯文如是说': the words after
# the comma are legible); kind: speaker after a garbled closing quotation not read (r138, sixteenth batch, tune half).
# The quotation ends at its first closing mark, garbled or not (kind: a quoted word later in the paragraph,
# '…形成优质“新产品”。', taken for the quotation's end, the speaker after the garbled mark lost; r138, tune half).
_QUOTE_FIRST = re.compile(r"^[“\"「『][^”\"」』]{1,400}?(?:[”\"」』]|[?？][!！][^，,。“”\s]{0,6}[，,])\s*")
# A quotation whose opening mark the page lost: the paragraph's first quotation mark closes ('我知道大家都关心…我们会
# 继续努力!”面对…的问题，中国民航局局长冯正霖回应。'; kind: speaker after a quotation not read, the piece merged into
# the one above; r170, eighteenth batch, tune half).
_QUOTE_OPEN_LOST = re.compile(r"^[^“”\"「」『』\n]{8,400}[”」』]\s*")
# Several short quoted words, then the speaker: '“公交都市”“刷脸时代”，是陶冶代表印象深刻的…' (roundup r41)
_QUOTED_WORDS = re.compile(r"^(?:[“\"「『][^”\"」』]{1,20}[”\"」』][、，,\s]*){2,}是?")
# A paragraph opening with a deputy or member named by title, whatever follows ('朴金花代表在报告第10页…',
# roundup r41): in a roundup the paragraph is that person's.
_OPEN_DEPUTY = re.compile(r"([\u4e00-\u9fa5]{2,3}?)(委员|代表)(?=[\u4e00-\u9fa5])")
_HEADING_PUNCT = re.compile(r"[。，,！!？?；;：:]")
_CHROME_UNIT = re.compile(r"ICP[备证]|许可证|版权所有|Copyright|All Rights Reserved|^相关(?:稿件|新闻|阅读|链接|文章)|^[·•]|"
                          r"^(?:上一篇|下一篇|返回|打印|关闭|分享到?)|"
                          # who compiled the pieces above ('（整理 李杏）') ends them (roundup r38)
                          r"^[（(]\s*(?:整理|编辑|编译|综合)[\s:：]*[\u4e00-\u9fa5]{2,4}\s*[)）]$", re.I)
# A weibo post quoted with its handle: '@商界杂志：…' (roundup r38, tune half); the site before the handle
# ('凤凰网网友@坛跟儿石头：…', r96) or the post in brackets after it on a line alone ('@臧棣（诗人）', r95) is the
# signer's post (tenth batch, tune half).
_OPEN_HANDLE = re.compile(r"([^\s@:：，。,.!！?？“”]{1,10}?(?:网友|博主|用户|微博))?@([\w\u4e00-\u9fa5·\-]{2,20}?)\s*"
                          r"(?:[:：]\s*|[（(]([^）)\s]{1,20})[）)]\s*$)")
# A programme's tag before a signature line ('【同期】港区全国人大代表 冼汉廸': a video transcript, roundup r97, tenth
# batch, tune half) is the line's mark, not part of the post.
_TAG = re.compile(r"【[\u4e00-\u9fa5]{2,4}】\s*(?=\S)")
_META_UNIT = re.compile(r"(?:19|20)\d\d[-/.年]\d{1,2}|来源|发布时间|时间[:：]")
_LABEL_WORDS = frozenset("时间 日期 来源 作者 编辑 记者 标题 摘要 导语 地址 电话 邮箱 主持人 网友 链接 原标题 关键词 发布 正文 "
                         "问题 答案 提问 回答 导读 简介 备注 说明 附件 注释".split())
_ROLE = r"(?:本报|本台|本刊|本网|新华社|中新社|特派|首席|特约|实习|驻\S{1,6}?)*(?:记者|通讯员)"
_HAN_NAME = r"(?!摄影|报道)[\u4e00-\u9fa5]{2,3}"
_HAN_NAMES = rf"{_HAN_NAME}(?:[\s、]+{_HAN_NAME}){{0,3}}"
_OPEN_BRACKET = re.compile(r"【\s*([\u4e00-\u9fa5·]{2,8})(?:\s+([^】]{2,30}))?\s*】\s*[:：]?\s*")
_OPEN_NAME_PAREN = re.compile(r"([\u4e00-\u9fa5·]{2,4})\s*[（(]([^）)]{2,50})[）)]\s*[:：]\s*")
_OPEN_COLON = re.compile(r"([^，。：:；！？“”,;!?\"]{2,60}?)\s*(?:介绍|表示|说|感慨|认为|指出|建议|谈到|坦言|强调)?\s*[:：]\s*")
_OPEN_REPORTER = re.compile(rf"({_ROLE})[\s:：]*({_HAN_NAMES})$")
_OPEN_TITLED = re.compile(r"([\u4e00-\u9fa5]{2,3}?)(委员|代表|院士|教授|主任|书记|部长|市长|省长|县长|局长|厅长|校长|院长)"
                          r"(?=说|表示|认为|建议|指出|感到|坦言|告诉|介绍|透露|强调|谈到|举例)")
_CLOSE_DASH = re.compile(r"(?:^|(?<=[”\x22」』。！？!?\s]))——\s*([^—]{2,90}?)\s*[。.]?\s*$")
_CLOSE_PAREN = re.compile(rf"[（(]\s*({_ROLE})\s*({_HAN_NAMES})\s*[)）]\s*$")
_CLOSE_TRAIL = re.compile(r"(?:^|(?<=[。！？!?…”」\s]))\s*((?:本报|本台|本刊|本网|特派|首席|特约)+(?:记者|通讯员))\s*"
                          rf"({_HAN_NAMES})\s*(?:摄影报道|摄影|报道|摄)?\s*$")
_NAME_THEN_POST = re.compile(r"([\u4e00-\u9fa5·]{2,8})\s*(?:[（(]([^）)]{2,50})[）)]|[，,]\s*([^，,]{2,50}))\s*$")
_SPEECH = re.compile(r"介绍|表示|说|感慨|认为|指出|建议|谈到|坦言|强调")
_NAME_TITLE = re.compile(r"([\u4e00-\u9fa5]{2,3})(?:代表|委员)$")
_MAX_TITLE = 30
_TITLE_END = re.compile(r"[。！？!?；;：:，,]")
# A group, not one person's post ('多名司局长向市民拜年', '3位司长'): r28; any quantifier of many ('许多委员都有共鸣':
# '都有共' read as a name; r167, seventeenth batch, tune half).
_GROUP_POST = re.compile(r"^(?:多名|多位|几位|数位|各位|诸位|部分|一些|众多|许多|很多|不少|诸多|大批|\d+\s*[名位]|"
                         r"[两二三四五六七八九十百]+[名位])")
# A connective before a post ('而保安局局长邓炳强则以…') is not part of it: r28.
# ... and a verb of going to or meeting someone ('走进长江大学…院长孙玉秋代表的房间': roundup r69, tune half).
_POST_CONNECTIVE = re.compile(r"^(?:而且|而|并且|并|另外|此外|同时|其中|走进|来到|见到|探访|拜访|找到)")
_MIN_SIGNED = 2


def _simplified(text: str, force: bool = True) -> str:
    """`text` in simplified script with the same length (positions map back to the original).

    A name, a post or a phrase is always folded (`force`): a short string seldom holds one of the cheap script test's
    telling characters ('葉昌保' holds none), so testing it first left it traditional while the page's lines around it
    were folded, and it was not found in them (kind: a piece lost on a page in traditional script; r69 as traditional
    characters, tune half). Folding simplified text changes nothing (six characters of the 92,000 of the simplified
    roundup pages, each a traditional character quoted there). A page's lines are folded by the page's one decision
    (:func:`monitor.normalise.reads_traditional`): `force` is that decision."""
    simple = to_simplified(text, force)
    return simple if len(simple) == len(text) else "".join(to_simplified(c, force) for c in text)


@dataclass(slots=True)
class _Unit:
    text: str
    simple: str
    kind: str  # heading, meta, chrome, prose


@dataclass(frozen=True, slots=True)
class _Mark:
    unit: int
    family: str  # open, open-weak, close, head
    name: str
    post: str | None
    start: int = 0  # where the piece's text starts in its first unit (openers)
    end: int | None = None  # where it ends in its last unit (closers)
    sig_start: int | None = None  # the unit the signature starts on, when it spans several lines
    title: str | None = None  # a headline the signature line carries ('陈茂波：经济正稳步向前')
    weak_too: bool = False  # an explicit opener that also counts among the weak ones (_after_lead)
    stop: int | None = None  # the unit a list item ends before (_teasers)
    top: bool = False  # a 'NAME：a few words' sub-headline on the page's first line (kept when others sign so)
    after_quote: bool = False  # the speaker named right after an opening quotation (_speaker_after_quote)


_NOISE_UNIT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# A photo credit (bylines.PHOTO_CREDIT) and the one-sentence caption line above it describe a photo,
# not a piece, whoever they name (roundup r50, tune half).
_MAX_CAPTION = 80


def _unit(text: str, traditional: bool = False) -> _Unit:
    simple = _simplified(text, traditional)
    if len(simple) <= 3 and not _NOISE_UNIT.search(simple):  # '|', '⑤': layout left in a text (r30)
        kind = "noise"
    elif len(simple) < 120 and (EDITOR_LINE.match(simple) or _CHROME_UNIT.search(simple)):
        kind = "chrome"
    elif len(simple) < 80 and _META_UNIT.search(simple) and not re.search(r"[。！？]", simple):
        kind = "meta"
    elif 2 <= len(simple) <= 40 and not _HEADING_PUNCT.search(simple) and not _CAPTION.search(simple):
        kind = "heading"
    else:
        kind = "prose"
    return _Unit(text, simple, kind)


def _mark_captions(units: list[_Unit]) -> list[_Unit]:
    """Photo credit lines and the one-sentence caption right above each are captions."""
    for i, unit in enumerate(units):
        if len(unit.simple) <= 30 and PHOTO_CREDIT.match(unit.simple):
            unit.kind = "caption"
            above = units[i - 1] if i > 0 else None
            if above is not None and above.kind in ("prose", "heading") and len(above.simple) <= _MAX_CAPTION \
                    and not re.search(r"[。！？!?]", above.simple.rstrip("。！？!? ")):  # one sentence
                above.kind = "caption"
    return units


_SPACES = re.compile(r"\s+")
_MIN_REPEAT = 20


def _mark_repeated_lead(units: list[_Unit]) -> list[_Unit]:
    """Lines at the top of a page that the text below repeats word for word (a summary or search
    snippet cut from the page's start, run onto one line: roundup r69, tune half) are repeats: no
    signature is read in them and no piece or lead holds them (the text below does)."""
    texts = [_SPACES.sub("", u.simple) for u in units]
    # A page printing its text twice repeats every line of its first copy: each line is first looked for as a whole
    # line below it, then in the text below (`joined` from ends[i] on), never joined again for each line (that was
    # quadratic: a 10 MB page printed twice took minutes; bad input, review of issue 18).
    last = {text: i for i, text in enumerate(texts)}
    joined = "".join(texts)
    ends = list(itertools.accumulate(len(text) for text in texts))
    for i, unit in enumerate(units):
        if unit.kind == "noise":
            continue
        if len(texts[i]) < _MIN_REPEAT or (last[texts[i]] <= i and joined.find(texts[i], ends[i]) < 0):
            break
        unit.kind = "repeat"
    return units


def _names(found: str) -> str:
    return " ".join(re.split(r"[\s、]+", found.strip()))


def _signature(sig: str, offset: int, text: str) -> tuple[str, str | None] | None:
    """(name, post) of a signature `sig` (simplified) found at `offset` of the original `text`."""
    if (whole := name_at(sig, 0, until_end=True)) and whole[1] == len(sig.rstrip()):
        return text[offset: offset + whole[1]], None
    if found := post_then_name(sig, until_end=True, long_ok=True):
        post_end, name_start, name_end = found
        return text[offset + name_start: offset + name_end], text[offset: offset + post_end].strip() or None
    if found_pair := _name_post_line(sig, offset, text):  # 'NAME post：'
        return found_pair
    if (match := _NAME_THEN_POST.match(sig)) and name_at(match[1], 0, until_end=True):  # 'NAME（post）', 'NAME，post'
        group = 2 if match[2] else 3
        if re.search(f"(?:{SIGNATURE_POST_END.pattern})$", match[group]):
            return text[offset: offset + match.end(1)], text[offset + match.start(group): offset + match.end(group)].strip()
    if (titled := _NAME_TITLE.match(sig)) and name_at(titled[1], 0, until_end=True):
        # 'NAME代表：topic' sub-headlines (roundup r83, tenth batch, tune half): the full post is in the paragraph
        return text[offset: offset + titled.end(1)], None
    close = sig.rfind("”")
    if close > 0 and (found_name := name_at(sig, close + 1, until_end=True, long_ok=True)):
        return text[offset + found_name[0]: offset + found_name[1]], text[offset: offset + close + 1]
    return None


def _opener(index: int, unit: _Unit) -> _Mark | None:
    simple, text = unit.simple, unit.text
    lead = _BULLETS.match(simple)
    at = lead.end() if lead else 0
    if match := _OPEN_BRACKET.match(simple, at):
        name, post = match.group(1), match.group(2)
        if not name_at(name, 0, until_end=True) and post and name_at(post, 0, until_end=True):
            name, post = post, name
        if name_at(name, 0, until_end=True):
            return _Mark(index, "open", _orig(text, simple, name, at), post and _orig(text, simple, post, at),
                         match.end())
    if match := _OPEN_HANDLE.match(simple, at):
        post = match.group(1) or match.group(3)
        group = 1 if match.group(1) else 3
        return _Mark(index, "open", text[match.start(2): match.end(2)],
                     text[match.start(group): match.end(group)] if post else None, match.end())
    if tag := _TAG.match(simple, at):
        at = tag.end()
    if match := _OPEN_NAME_PAREN.match(simple, at):
        if name_at(match.group(1), 0, until_end=True):
            return _Mark(index, "open", text[match.start(1): match.end(1)], text[match.start(2): match.end(2)],
                         match.end())
    if unit.kind != "prose" and (match := _OPEN_REPORTER.match(simple, at)):
        return _Mark(index, "open", _names(text[match.start(2): match.end(2)]), text[match.start(1): match.end(1)],
                     len(simple))
    if (match := _OPEN_COLON.match(simple, at)) and match.group(1).strip() not in _LABEL_WORDS:
        sig = match.group(1).rstrip()
        if found := _signature(sig, at, text):
            name, post = found
            whole = match.end() if text[: match.end(1)].rstrip().endswith((name, post or name)) \
                or _NAME_TITLE.match(sig) or _SPEECH.search(
                simple[match.end(1): match.end()]) else at
            rest = simple[whole:]
            if whole > at and rest and len(rest) <= _MAX_TITLE and not _TITLE_END.search(rest):
                # 'NAME：a few words' on a line of its own: a sub-headline signing the piece below; on
                # the page's first line, the page's own headline (r28)
                return _Mark(index, "open", name, post and _post(post), len(simple), title=clean_text(text),
                             top=index == 0)
            return _Mark(index, "open", name, post and _post(post), whole)
    if unit.kind == "heading" and (found := _name_post_line(simple[at:], at, text)):
        return _Mark(index, "open", *found, len(simple))
    if unit.kind != "prose":
        return None
    quote = _QUOTED_WORDS.match(simple, at) or _QUOTE_FIRST.match(simple, at) or _QUOTE_OPEN_LOST.match(simple, at)
    begin = quote.end() if quote else at
    for pattern in (_OPEN_TITLED, _OPEN_DEPUTY):
        if (match := pattern.match(simple, begin)) and (found := name_at(match.group(1) + "说", 0)) \
                and found[1] == len(match.group(1)):  # the whole run before the title is the name
            return _Mark(index, "open-weak", text[match.start(1): match.end(1)], text[match.start(2): match.end(2)])
    if titled := _name_then_title(simple, begin):
        return _Mark(index, "open-weak", text[titled[0]: titled[1]], text[titled[1]: titled[2]])
    if quote and (said := _speaker_after_quote(simple, begin)):
        return _Mark(index, "open-weak", text[said[0]: said[1]], None, after_quote=True)
    window = simple[: begin + 70]
    if found := _title_then_name(window, begin, len(window)):  # '代表黄苏权对报告中提到…' (r101)
        return _Mark(index, "open-weak", text[found[1]: found[2]], text[begin: found[0]])
    if (found := post_then_name(window, begin, min_post=3)) and not re.search(r"[。：:；;！？!?]", window[begin: found[0]]) \
            and not _listed(window, found[2]):
        post_end, name_start, name_end = found
        # a post starts after a clause's comma or a quotation ('记者“堵住”皇明太阳能集团董事长黄鸣代表': r53)
        clause = _clause_start(window, begin, post_end)
        while clause > begin and re.search(f"(?:{SIGNATURE_POST_END.pattern})[，,]$", window[begin: clause]) \
                and not re.search(r"[。；;！？!?]|从|到|一名|一位", window[begin: clause]):
            # 'post，post NAME' from the paragraph's start is one post (roundup r37)
            clause = max(window.rfind(c, begin, clause - 1) for c in "，,") + 1 or begin
        post = _post(text[max(clause, begin): post_end])
        if post:
            return _Mark(index, "open-weak", text[name_start: name_end], post)
    if mark := _post_then_spoken_name(index, unit, window, begin):
        return mark
    return _after_lead(index, unit, begin)


# A post opens the paragraph (or the words after its opening quotation): its first office word within these characters.
_SPAN_POST_MAX = 60
_SENTENCE_STOP = re.compile(r"[。：:；;！？!?]")


def _post_then_spoken_name(index: int, unit: _Unit, window: str, begin: int) -> _Mark | None:
    """'post NAME表示' opening a paragraph, the name read by its length between the post's last word and the speech
    verb (:func:`monitor.tag.people.name_before_speech`: no common surname needed, '南非大学政治学者帕鲁克表示',
    '…部长河野圆洋表示'; kind: name not read; r175, r177, eighteenth batch, tune half). The post is read with the
    people finder's vocabulary (people.SPEAKER_OFFICES) and runs from the paragraph's (or clause's) start."""
    stop = _SENTENCE_STOP.search(window, begin, begin + _SPAN_POST_MAX)  # the post opens the paragraph's first sentence
    for office in SPEAKER_OFFICES.finditer(window, begin, stop.start() if stop else begin + _SPAN_POST_MAX):
        name = name_before_speech(window, office.end())
        if name is None or _listed(window, office.end() + len(name)):
            continue
        clause = _clause_start(window, begin, office.end())
        if post := _post(unit.text[clause: office.end()]):
            at = office.end()
            return _Mark(index, "open-weak", unit.text[at: at + len(name)], post)
        return None
    return None


def _listed(simple: str, name_end: int) -> bool:
    """A name followed by '、' and more words is one of a list ('教授孙善学、老师张燕燕、…等分别分享了'), not a signer
    (kind: a listed person read as the paragraph's speaker; r184, eighteenth batch, tune half)."""
    return simple[name_end: name_end + 1] == "、"


# A quotation enclosing a short name inside a post ('…教授、“国际战略智库”中心主席'): it starts one of the post's units
# (after 、 or where the post starts), holds no punctuation, and a Han character follows it, not 的
# ('首先走上“委员通道”的全国政协委员', r159; '记者“堵住”皇明…董事长', r53: a description or a sentence before the post).
_QUOTED_NAME = re.compile(r"(?:^|(?<=[、，,]))[“「][^，,。！？!?；;：:“”「」]{1,12}[”」](?=[\u4e00-\u9fa5])(?!的)")


def _clause_start(simple: str, begin: int, post_end: int) -> int:
    """Where the post ending at `post_end` starts: after the last comma or quotation mark before it, not counting the
    marks of a quoted name inside the post (kind: post cut at a quoted organisation's name, read '中心主席'; r177,
    eighteenth batch, tune half)."""
    quoted = [m.span() for m in _QUOTED_NAME.finditer(simple, begin, post_end)]
    for at in range(post_end - 1, begin - 1, -1):
        if simple[at] in "，,“”" and not any(a <= at < b for a, b in quoted):
            return at + 1
    return begin


_SENTENCE_END = re.compile(r"[。！？!?]")
# The speaker right after an opening quotation, given a description rather than a post: '“我是县里第一名全国人大
# 代表。”来自河北易县的张淑芬不无骄傲地说。' (roundup r112, fourteenth batch, tune half).
_FROM_WHERE = re.compile(r"来自[^，。“”,;；：:]{1,12}的")
_SAYS_SOON = re.compile(r"[^，。“”,;；：:]{0,8}?(?:说|表示|介绍|坦言|感慨)")


def _speaker_after_quote(simple: str, begin: int) -> tuple[int, int] | None:
    at = (m.end() if (m := _FROM_WHERE.match(simple, begin)) else begin)
    found = name_at(simple, at)
    if found and found[0] == at and _SAYS_SOON.match(simple, found[1]):
        return found
    return None


_QUOTED_SPEECH = re.compile(r"[“\"「](?=[^”\"」]{13,})[^”\"」]*?[，,。！？!?；;：:]")
_MAX_LEAD = 50
_MAX_LEAD_SENTENCES = 2
_MAX_LONG_LEAD = 100
# A bare title before the name at a sentence's start ('代表王云师十分关注…', '政协委员王岩雄说：': local news, roundup r101,
# eleventh batch, tune half): a post of two characters, read only there.
_BARE_TITLE = re.compile(r"(?:政协委员|人大代表|代表|委员)")


def _title_then_name(simple: str, start: int, end: int) -> tuple[int, int, int] | None:
    if (title := _BARE_TITLE.match(simple, start)) and (found := name_at(simple[:end], title.end())) \
            and found[0] == title.end():
        return title.end(), *found
    return None
# What follows a signer's name for the name to sign the paragraph from its second sentence: a title
# ('…王海波委员说', '…权衡代表将') or a speech verb.
_SIGNER_NEXT = re.compile(r"(?:代表|委员)|(?:说|表示|认为|指出|强调|介绍|坦言|感慨|建议)")
_SPEAKS = re.compile(r"(?:代表|委员)?(?:说|表示|介绍|指出|强调|认为|坦言|感慨|建议)\s*[:：]")
_DESCRIBED_DEPUTY = re.compile(r"的([\u4e00-\u9fa5]{2,3}?)(代表|委员)(?!团|会|们)")
# A speaker introduced with words between the name and the verb, the verb leading straight into the quotation:
# '中国著名文学家冯骥才以自己二十五年的委员履历向记者说明，“…”' (kind: speaker introduced mid-paragraph not read;
# r167, seventeenth batch, tune half). The quotation right after the verb is what makes it a speaker's piece.
_SAYS_THEN_QUOTES = re.compile(r"[^，。“”,;；：:！？!?]{1,24}?(?:说明|说道|说|表示|认为|指出|强调|介绍|坦言|感慨|谈到|回忆)"
                               r"\s*[，,：:]?\s*[“「]")


def _after_lead(index: int, unit: _Unit, begin: int) -> _Mark | None:
    """A signature in a paragraph's second sentence, after one short lead sentence quoting no one:
    '频频出现的雾霾天气，令人痛心。河北省农林科学院副院长王海波委员说：' (r50), '…在全国发展大格局中看上海发展？
    上海社会科学院党委书记权衡代表将…' (r51), '…就此打响。本报记者乘势“抢”到来自河北的王社平代表' (r53):
    roundups, tune half. The name must be followed by a title or a speech verb (or have a bare title before it).
    The signature may also open the third sentence (a caption run in before the lead: roundup r100, eleventh batch,
    tune half); after a longer scene-setting sentence only 'post NAME说：' signs (r101)."""
    simple = unit.simple
    second = begin
    for sentence in range(_MAX_LEAD_SENTENCES):
        lead = _SENTENCE_END.search(simple, second, second + _MAX_LONG_LEAD)
        # a lead quoting speech (a quotation holding a clause) is someone's words; a quoted name or list of terms
        # ('“农业大县、工业小县、财政穷县”的传统农区') is not (kind: second speaker after a lead not read; r125)
        if not lead or _QUOTED_SPEECH.search(simple, second, lead.start()):
            return None
        short = lead.end() - second <= _MAX_LEAD
        second = lead.end()
        if mark := _signed_sentence(index, unit, second, short, described=sentence == 0):
            return mark
        if not short:
            return None
    return None


def _signed_sentence(index: int, unit: _Unit, second: int, short: bool, described: bool) -> _Mark | None:
    """The signature opening the sentence at `second`, if any (see :func:`_after_lead`)."""
    simple, text = unit.simple, unit.text
    stop = _SENTENCE_END.search(simple, second)
    end = min(stop.start() if stop else len(simple), second + 70)
    bare = _title_then_name(simple, second, end)
    found = bare or post_then_name(simple, second, end, min_post=3)
    if found and not short and not _SPEAKS.match(simple, found[2]):
        found = None
    if found and (bare or _SIGNER_NEXT.match(simple, found[2]) or _SAYS_THEN_QUOTES.match(simple, found[2])) \
            and not re.search(r"[：:；;]", simple[second: found[0]]) and not _listed(simple, found[2]):
        post_end, name_start, name_end = found
        clause = _clause_start(simple, second, post_end)
        if post := _post(text[max(clause, second): post_end]):
            # 'post NAME说：' then the words: as explicit as the same line opening a paragraph (roundup r62,
            # tune half: '代表们热情高涨、精神饱满。区人大代表王伟峰说：“…”' beside '代表刘素琴说：“…”')
            family = "open" if _SPEAKS.match(simple, name_end) else "open-weak"
            return _Mark(index, family, text[name_start: name_end], post, weak_too=family == "open")
    if not (described and short):
        return None
    # a deputy given a description, not a post: '来自河北的王社平代表' (r53)
    for match in _DESCRIBED_DEPUTY.finditer(simple, second, end):
        if (named := name_at(match.group(1) + "说", 0)) and named[1] == len(match.group(1)):
            return _Mark(index, "open-weak", text[match.start(1): match.end(1)], text[match.start(2): match.end(2)])
    return None


# A relative clause describing the person ('连续四届当选全国人大代表的…书记叶昌保': roundup r69, tune half):
# a description even when it names a post.
# ... or a companion ('与张泽群同为河南团全国人大代表的…董事长胡葆森': roundup r112, fourteenth batch, tune half)
_DESCRIBING_VERB = re.compile(r"当选|来自|作为|担任|身为|身兼|连任|同为|同是")


# A reference back to an organisation named before ('该校校长', '该公司董事长') is no part of the post (the labels'
# convention since the fourth batch): kind: post wrong at its start (r48).
_REFERENCE = re.compile(r"^[该該](?:公司|集团|集團|医院|醫院|大学|大學|[\u4e00-\u9fa5])(?=[\u4e00-\u9fa5]{2})")


# 'Newly appointed' before a post is an epithet, not part of it ('新任商务部部长钟山': the labels' convention; r170).
_EPITHET = re.compile(r"^新(?:任|上任的?)(?=[\u4e00-\u9fa5]{2})")
_ADVERB_DI = re.compile(r"地(?![区方市域])")
# 'when …' opening the words before a name: a clause about the moment ('当王赤从…执行主席白春礼手中接过证书时'), the
# name inside it no signer (kind: the person someone meets read as the speaker; r145, seventeenth batch, tune half)
_WHEN = re.compile(r"^[当當]")


_QUOTED_SPAN = re.compile(r"[「“‘『《][^」”’』》]*[」”’』》]")
_BARE_TITLE_COMMA = re.compile(r"(?:委员|代表|常委|院士)[，,]")


def _post(printed: str) -> str | None:
    """A post as printed, without a description before it ('带着数千绣娘走向富裕的全国人大代表' ->
    '全国人大代表'); None when it cannot be a post (an unclosed bracket: '宝安日报讯(记者')."""
    printed = printed.strip(" ，,、：:")
    # the words are read on the simplified shadow of the same length and cut from the printed text by position, so a
    # traditional page reads as a simplified one (kind: '…的全國政協委員' kept its description, the post words not found
    # in traditional script; r159 converted to traditional characters, tune half)
    simple = _simplified(printed)
    for prefix in (_POST_CONNECTIVE, _REFERENCE, _EPITHET):
        if found := prefix.match(simple):
            printed, simple = printed[found.end():], simple[found.end():]
    if _GROUP_POST.match(simple) or _WHEN.match(simple):
        return None
    if printed.count("(") + printed.count("（") != printed.count(")") + printed.count("）"):
        return None
    # '的'/'地' before a post ends a description; '地' in a word ('澳门地区全国政协委员': r99, eleventh batch) does not
    cut = max(simple.rfind("的"), max((m.start() for m in _ADVERB_DI.finditer(simple)), default=-1))
    # '《资治通鉴》的总编辑': a publication before 的 is whose post it is, not a description (roundup r94, tenth batch);
    # a post word inside quotation marks names a thing ('第一次走上「委員通道」的…'), it makes no post of the description
    # (kind: a description kept in the post; r198, twentieth batch, tune half)
    described = _QUOTED_SPAN.sub("", simple[:cut]) if cut >= 0 else ""
    if cut >= 0 and SIGNATURE_POST_END.search(simple[cut + 1:]) and not printed[:cut].endswith("》") and (
            not SIGNATURE_POST_END.search(described) or _DESCRIBING_VERB.search(described)):
        printed = printed[cut + 1:]
        # the description's own noun before a comma ('作為首名回答問題的委員,中國探月工程總設計師NAME'): the post is
        # what follows it (kind: '委員,' kept in the post; r149, seventeenth batch, tune half)
        simple = _simplified(printed)
        if (head := _BARE_TITLE_COMMA.match(simple)) and SIGNATURE_POST_END.search(simple, head.end()):
            printed = printed[head.end():]
    return printed or None


def _orig(text: str, simple: str, part: str, start: int) -> str:
    at = simple.find(part, start)
    return text[at: at + len(part)] if at >= 0 else part


def _name_post_line(simple: str, offset: int, text: str) -> tuple[str, str] | None:
    """A line holding only a name and a post, in either order: '李言荣中国工程院院士四川大学校长',
    '张三 某某高新区主任', '某某大学教授 张三'."""
    if not SIGNATURE_POST_END.search(simple):
        return None
    head, _, rest = simple.partition(" ")
    if rest and name_at(head, 0, until_end=True) and re.search(f"(?:{SIGNATURE_POST_END.pattern})$", rest):
        return text[offset: offset + len(head)], text[offset + len(head) + 1: offset + len(simple)].strip(" ，,、：:")
    if (found := post_then_name(simple, until_end=True)) and found[2] == len(simple):
        # a dash before the post ('——全国人大代表、…冼润霞', r58) is the line's mark, not the post's
        return text[offset + found[1]: offset + found[2]], text[offset: offset + found[0]].strip(" ，,、：:—-─")
    name = name_at(simple, 0)
    if name and re.search(f"(?:{SIGNATURE_POST_END.pattern})$", simple[name[1]:]) and len(simple) - name[1] >= 4 \
            and not NOT_A_POST.search(simple, name[1]):  # '叶昌保骄傲地告诉记者' (r69): a sentence, not 'NAME post'

        return text[offset: offset + name[1]], text[offset + name[1]: offset + len(simple)].strip(" ，,、：:")
    return None


def _closer(index: int, unit: _Unit) -> _Mark | None:
    simple, text = unit.simple, unit.text
    tail = max(0, len(simple) - 120)  # a signature closes its unit: only the tail is searched
    if "记者" in simple[tail:] or "通讯员" in simple[tail:]:
        for pattern in (_CLOSE_PAREN, _CLOSE_TRAIL):
            if match := pattern.search(simple, tail):
                return _Mark(index, "close", _names(text[match.start(2): match.end(2)]),
                             text[match.start(1): match.end(1)], end=match.start())
    if "——" not in simple:
        return None
    if match := _CLOSE_DASH.search(simple, tail):
        sig = _SAID_AFTER.sub("", match.group(1))
        if found := _signature(sig, match.start(1), text):
            return _Mark(index, "close", found[0], found[1] and _post(_SETTING.sub("", found[1])), end=match.start())
        if match.start() != 0:
            return None
    elif not simple.startswith("——") or len(simple) > _MAX_DASH_LINE:
        return None
    # a dash line alone: who it describes as saying the quotation above (r115 and r116's long lines too) ...
    start = len(simple) - len(simple[2:].lstrip())
    if described := _described_signer(simple[start:].rstrip("。. "), start, text):
        return _Mark(index, "close", *described, end=0)
    # ... or no one read as a signer ('——《上海青年报》发表文章…', '——中国古生物学家以…克莱顿之名命名一种恐龙之后，
    # 克氏感激不尽地说。'): it still closes the quotation above it when the page's pieces are closed so (roundup r94,
    # tenth batch, tune half); that quotation goes to no piece
    return _Mark(index, "close", "", None, end=0)


_MAX_DASH_LINE = 200
# A dash line's setting before the post ('日前，在东南卫视节目中，post NAME这样讲述'): when and where, no part of the post
# (kind: post wrong at its start; r114).
_SETTING = re.compile(r"^(?:(?:日前|近日|昨天|昨日|今天|近期|(?:\d{4}年)?\d{1,2}月\d{1,2}日)[，,]?\s*)?"
                      r"(?:在[^，,。]{1,40}?[中上时里后][，,]\s*)?")


# A dash line describing who said the quotation above: '——日前，post NAME在接受…专访时这样说道。', '——经济学者吴敬琏
# 博客文章说。', '——九三学社中央副主席、国家统计局原副局长贺铿谈统计数据水分时说，…' (roundups r115, r116, fifteenth batch,
# tune half): the 'post NAME' opening its first clause (after a date or '日前'), when the line says someone said or
# wrote something.
_TIME_LEAD_DASH = re.compile(r"(?:日前|近日|昨天|昨日|今天|近期|(?:\d{4}年)?\d{1,2}月\d{1,2}日)[，,]?\s*")
_SAID_IN_LINE = re.compile(r"说|表示|写道|撰文|认为|指出|谈|回应|讲述|评|如是|称|解释|提出|专访|采访|看法|回答")
_UNLISTED_NAME = re.compile(f"(?:{SIGNATURE_POST_END.pattern})([\u4e00-\u9fa5]{{2,3}}?)(?=在|说|撰文|表示|谈|认为|这样|如是)")


def _described_signer(sig: str, offset: int, text: str) -> tuple[str, str | None] | None:
    if not _SAID_IN_LINE.search(sig):
        return None
    start = m.end() if (m := _TIME_LEAD_DASH.match(sig)) else 0
    clause = re.search(r"[，,。；;]", sig[start:])
    end = start + clause.start() if clause else len(sig)
    found = post_then_name(sig, start, end, min_post=2)
    if not found and (unlisted := _UNLISTED_NAME.search(sig, start, end)):
        # a name whose surname no list holds ('——媒体人草威在文章…里如是说': r116), right after a post and right
        # before a verb or '在': in a dash line the post is evidence enough
        found = (unlisted.start(1), unlisted.start(1), unlisted.end(1))
    if not found and (found := _named_in_description(sig, start, end)):
        post_end, name_start, name_end = found
        post = _post(text[offset + start: offset + post_end]) if post_end > start else None
        return text[offset + name_start: offset + name_end], post
    if not found:
        return None
    post_end, name_start, name_end = found
    # the post starts after the last clause before it ('日前，在…节目中，post NAME': kind: post wrong at its start)
    start = max(start, *(sig.rfind(c, start, post_end) + 1 for c in "，,；;"))
    post = _post(text[offset + start: offset + post_end])
    return (text[offset + name_start: offset + name_end], post) if post else None


# The end of an agent noun, a description a name may follow in a dash line ('译者', '国学大师', '央视名嘴').
_AGENT_END = re.compile(r"[者家师師嘴员員人手]")


def _named_in_description(sig: str, start: int, end: int) -> tuple[int, int, int] | None:
    """The person a dash line describes when no listed post precedes the name: a name opening the line
    ('——严歌苓回应…') or following an agent noun ('——译者李继宏很有信心', '——国学大师文怀沙接受…'), ended by a
    verb or a title (kind: quotations closed by description lines not signed; held-out roundups r92, r113)."""
    for at in [start, *(m.end() for m in _AGENT_END.finditer(sig, start, end))]:
        found = name_at(sig[:end], at)
        if found and found[0] == at and found[1] - at <= 3 and name_ends_at(sig[:end], found[1]):
            return at, *found
    return None


# What a dash signature says after the name ('——作家张平说。', '——…总编辑郭哲铭说': roundup r94, tenth batch, tune half)
_SAID_AFTER = re.compile(r"(?:如是说|这样说|说道|说)$")


# A paragraph closing with its speaker's words, '…“希望…的故事。”燕燕说。', the speaker introduced earlier in the
# same paragraph with a post ('为此，委员燕燕与其他几名委员…'), or the post printed in the closing ('…”某某村村支书
# 刘桥英说。'): the paragraph is that person's piece (roundup r78, tune half). Weak evidence, as a paragraph opening
# with 'post NAME' is: it splits a page only when it names `min_weak` people.
_CLOSE_QUOTE = re.compile(r"[”」』\"]\s*([^“”「」『』\"，,。！？!?：:；;]{2,40}?)\s*(?:说道|说|表示|介绍|指出|强调|认为|坦言|感慨)\s*[。.]?\s*$")


def _quote_closer(index: int, unit: _Unit) -> _Mark | None:
    simple, text = unit.simple, unit.text
    if not (match := _CLOSE_QUOTE.search(simple, max(0, len(simple) - 60))):
        return None
    sig, offset, end = match.group(1), match.start(1), match.start(1)
    if (whole := name_at(sig, 0, until_end=True)) and whole[1] == len(sig):
        name = text[offset: offset + whole[1]]
        post = _post_before(name, text[:end], min_post=2)
        return _Mark(index, "close", name, post, end=end) if post else None
    if found := post_then_name(sig, until_end=True, min_post=2):
        post_end, name_start, name_end = found
        if post := _post(text[offset: offset + post_end]):
            return _Mark(index, "close", text[offset + name_start: offset + name_end], post, end=end)
    return None


_QUOTE_ONLY = re.compile(r"^[“\"「『][^”\"」』]*[”\"」』]$")
# A copula before a post ('这是全国人大代表、TCL集团董事长李东生…') is not part of it (roundup r57, tune half).
_COPULA = re.compile(r"(?:这是|這是|这位|這位|他是|她是|即)")


def _subheads(units: list[_Unit]) -> list[_Mark]:
    """Sub-headlines whose first paragraph names 'post NAME'; when that paragraph only quotes the
    person (a post, a message), the next one may name them (roundup r57, tune half)."""
    marks = []
    for i, unit in enumerate(units[:-1]):
        if unit.kind != "heading" or units[i + 1].kind != "prose":
            continue
        candidates = [units[i + 1]]
        if _QUOTE_ONLY.match(units[i + 1].simple) and i + 2 < len(units) and units[i + 2].kind == "prose":
            candidates.append(units[i + 2])
        for following in candidates:
            if found := post_then_name(following.simple[:150], min_post=4):
                post_end, name_start, name_end = found
                clause = max(following.simple.rfind(c, 0, post_end) for c in "，,。：:；;“”") + 1
                copula = _COPULA.match(following.simple, clause)
                post = following.text[copula.end() if copula else clause: post_end]
                if not _WHEN.match(post):  # a clause about a moment ('当…时') holds no signer's post (r145)
                    marks.append(_Mark(i, "head", following.text[name_start: name_end], post))
                break
    return marks


def _name_then_post_lines(units: list[_Unit]) -> list[_Mark]:
    """A name alone on a line, then one or two short lines that are posts, then the piece:
    '钟南山 / 中国工程院院士 / “共和国勋章”获得者' (r25)."""
    marks = []
    for i, unit in enumerate(units[:-1]):  # a name line may stand right above the page's last unit
        if unit.kind != "heading" or not (whole := name_at(unit.simple, 0, until_end=True)) \
                or whole[1] != len(unit.simple):
            continue
        posts = []
        for line in units[i + 1: i + 3]:
            if line.kind != "heading" or len(line.simple) > _MAX_TITLE \
                    or not re.search(f"(?:{SIGNATURE_POST_END.pattern})$", line.simple):
                break
            posts.append(line)
        last = i + len(posts)
        if posts and last + 1 < len(units) and units[last + 1].kind == "prose":
            marks.append(_Mark(last, "open", unit.text, " ".join(p.text for p in posts), len(posts[-1].simple),
                               sig_start=i))
        elif not posts and i > 0 and _is_post_line(units[i - 1]) and units[i + 1].kind == "prose":
            # the other order, the post's line above the name's: '区人大代表 / 黄秀娟' (kind: pages not split; r126)
            marks.append(_Mark(i, "open", unit.text, units[i - 1].text, len(unit.simple), sig_start=i - 1))
    return marks


_MAX_POST_LINE = 20


def _is_post_line(unit: _Unit) -> bool:
    return unit.kind == "heading" and len(unit.simple) <= _MAX_POST_LINE and not NOT_A_POST.search(unit.simple) \
        and bool(re.search(f"(?:{SIGNATURE_POST_END.pattern})$", unit.simple))


def _complete_names(openers: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """A name cut short ('邓炳' in '而保安局局长邓炳强则以') takes the longer name another signature
    on the page gives, when the text holds it (r28)."""
    known = {m.name for m in openers}
    completed = []
    page = "\n".join(u.simple for u in units) if openers else ""
    recurring: dict[str, str] = {}  # one count over the page per name: a page of thousands of lines names few people
    for mark in openers:
        longer = next((k for k in known if k != mark.name and k.startswith(mark.name) and k in units[mark.unit].text),
                      None)
        if longer is None and mark.name not in recurring:
            recurring[mark.name] = _recurring_name(mark.name, page)
        completed.append(replace(mark, name=longer or recurring[mark.name]))
    return completed


# What follows a speaker's name when the page names them again ('夏涛希望…', '夏涛说'): a verb of saying or hoping.
_NAMED_AGAIN = r"(?:说|表示|认为|指出|强调|介绍|坦言|希望|透露|告诉|提出|称|还|也|则|在|对|谈)"


def _recurring_name(name: str, page: str) -> str:
    """A three-character name read once whose first two characters the page names again as a speaker is the
    two-character name, the third character the sentence's verb ('该校校长夏涛勉励…' then '夏涛希望…'): kind: a
    name swallowing the verb after it (r48)."""
    simple = _simplified(name, True)
    if len(simple) != 3 or not re.fullmatch(r"[\u4e00-\u9fa5]{3}", simple) or page.count(simple) != 1:
        return name
    return name[:2] if re.search(re.escape(simple[:2]) + _NAMED_AGAIN, page) else name


def _continuations(weak: list[_Mark], others: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """Weak openers without the paragraphs that open with the name of a person signing a piece
    above: '邓炳强又联同保安局常任秘书长李百全…' goes on 邓炳强's piece (r28)."""
    kept = []
    for mark in weak:
        above = {m.name for m in [*weak, *others] if m.unit < mark.unit and m.name != mark.name}
        if not any(_BULLETS.sub("", units[mark.unit].text).startswith(name) for name in above):
            kept.append(mark)
    return kept


def _mixed(best: list[_Mark], weak: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """Explicit openers plus the pieces whose signature is the opening 'post NAME' of their first
    paragraph right under a headline-like line ('兰州大学校长严纯华“…”', r35; r28); a signature
    line repeated on the next line counts once."""
    names = {m.name for m in best}
    # a signature line alone signs the paragraph under it: no weak signature in that paragraph starts another
    # piece (kind: 'NAME post' line then '企业家应当把…', read as post '企业家' and name '应当把'; r84)
    signed_below = {m.unit + 1 for m in best if m.start >= len(units[m.unit].simple)}
    extra = [m for m in weak if m.name not in names and m.unit > 0 and m.post and m.unit not in signed_below
             and (units[m.unit - 1].kind == "heading" or len(units[m.unit - 1].simple) <= 40)
             and units[m.unit].text.lstrip().startswith(m.post)]
    taken = {m.name for m in extra}
    extra += [m for m in weak if m.name not in names | taken and _like_explicit(m, best, units)]
    taken |= {m.name for m in extra}
    # on a page the explicit signatures split already, a paragraph opening with 'post NAME' whose first sentence
    # says someone spoke is a speaker's piece too (kind: speakers introduced by a sentence among 'post NAME：'
    # lines merged into the piece above; r63)
    extra += [m for m in weak if m.name not in names | taken and m.post and m.unit not in signed_below
              and units[m.unit].text.lstrip().startswith(m.post) and _speaks_first(units[m.unit].simple)]
    taken |= {m.name for m in extra}
    # the title every explicit signer carries first ('全国人大代表、…董事长NAME说：'), given alone to a new person
    # after a lead clause ('当前我市正大力推进…工作，全国人大代表吴玉莲今年也提出了…'): the page's signature shape
    # repeated down the page, another speaker (kind: the last speaker merged into the piece above; r169, eighteenth
    # batch, tune half)
    shared = {_simplified(re.split("[、，,]", m.post or "")[0]) for m in best}
    if len(shared) == 1 and (title := shared.pop()) and len(best) >= _MIN_SIGNED:
        extra += [m for m in weak if m.name not in names | taken and m.post and _simplified(m.post) == title
                  and m.unit > best[0].unit and m.unit not in signed_below]
    marks = sorted([*best, *extra], key=lambda m: m.unit)
    return [m for n, m in enumerate(marks)
            if not (n + 1 < len(marks) and marks[n + 1].name == m.name and marks[n + 1].unit == m.unit + 1)]


def _same_post_openers(openers: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """A paragraph opening with the very post two other signers of the page carry ('市政协委员'), then a name whose
    surname no list holds, ended by a verb or a preposition ('市政协委员别黎从…'): the repeated post is the evidence
    (kind: speaker dropped for an unlisted surname, the paragraph merged into the piece above; r133)."""
    counts: dict[str, int] = {}
    for m in openers:
        if m.post:
            counts[_simplified(m.post, True)] = counts.get(_simplified(m.post, True), 0) + 1
    posts = [p for p, n in counts.items() if n >= _MIN_SIGNED and len(p) >= _MIN_FULL_POST - 1]
    taken = {m.unit for m in openers}
    marks = []
    for i, unit in enumerate(units):
        if i in taken or unit.kind != "prose":
            continue
        post = next((p for p in posts if unit.simple.startswith(p)), None)
        if post is None or name_ends_at(unit.simple, len(post)):
            continue
        size = next((k for k in (2, 3) if name_ends_at(unit.simple, len(post) + k)), None)
        if size:
            marks.append(_Mark(i, "open-weak", unit.text[len(post): len(post) + size], unit.text[:len(post)]))
    return marks


def _speaks_first(simple: str) -> bool:
    stop = _SENTENCE_END.search(simple)
    return bool(_SPEECH.search(simple, 0, stop.start() if stop else len(simple)))


def _with_explicit(weak: list[_Mark], explicit: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """Paragraphs opening with 'post NAME' split the page: a paragraph opening with a stronger signature
    ('post NAME认为：“…', 'NAME：') among them signs its piece too, though fewer paragraphs open so (a page's
    speakers are introduced both ways; measured on the held-out roundups: a speaker between two weak ones
    was merged into the piece above)."""
    taken = {m.unit for m in weak}
    # only signatures opening a paragraph with its words (a reporter's byline alone on a line is the page's)
    extra = [replace(m, family="open-weak") for m in explicit
             if m.unit not in taken and m.sig_start is None and not m.top and units[m.unit].kind == "prose"
             and m.start < len(units[m.unit].simple)]
    return sorted([*weak, *extra], key=lambda m: m.unit) if extra else weak


# A weak signature 'post NAME' in the shape of the page's explicit ones (roundup r69, tune half: '走进…院长孙玉秋代表的
# 房间：…' then, three paragraphs on, '连续四届当选全国人大代表的…党委书记叶昌保，对今年…'): a full post, in the
# first sentence of its paragraph, a person not named above and named again below (the piece is about them),
# and a piece about as long as the explicit ones. An ordinary article quoting a second official mid-text
# rarely meets all four.
_MIN_FULL_POST = 4
_MAX_LENGTH_RATIO = 3.0


def _piece_lengths(marks: list[_Mark], units: list[_Unit]) -> list[int]:
    stops = [*(m.unit for m in marks[1:]), len(units)]
    return [sum(len(u.simple) for u in units[m.unit: stop] if u.kind == "prose") for m, stop in zip(marks, stops, strict=True)]


def _like_explicit(mark: _Mark, best: list[_Mark], units: list[_Unit]) -> bool:
    post = mark.post or ""
    if len(post) < _MIN_FULL_POST or not re.search(f"(?:{SIGNATURE_POST_END.pattern})$", _simplified(post)) \
            or not all(m.post and len(m.post) >= _MIN_FULL_POST for m in best):
        return False
    simple, name = units[mark.unit].simple, _simplified(mark.name)
    at = simple.find(name)
    if at < 0 or _SENTENCE_END.search(simple, 0, at) or any(name in u.simple for u in units[: mark.unit]):
        return False
    following = [m.unit for m in best if m.unit > mark.unit]
    stop = min(following, default=len(units))
    if not any(name in u.simple for u in units[mark.unit + 1: stop]) and name not in simple[at + len(name):]:
        return False
    marks = sorted([*best, mark], key=lambda m: m.unit)
    lengths = _piece_lengths(marks, units)
    return min(lengths) * _MAX_LENGTH_RATIO >= max(lengths)


# A list page of teasers (roundup r71, tune half): items joined by a separator ('....“…”', '……', '■'), each
# about one person it names at its start: 'post NAME…', 'NAME说，…', '2003年，NAME第一次以全国人大代表的身份…'.
_LIST_SEPARATOR = re.compile(r"^(?:\.{3,}|…{2,}|[■●◆▲★☆◇□◎])\s*")
_LIST_SEPARATOR_END = re.compile(r"(?:\.{3,}|…{2,})\s*$")
_MIN_ITEMS = 3
_TIME_LEAD = re.compile(r"(?:\d{2,4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|今年|去年|近日|日前|当天|当时|如今|目前)[，,]\s*")
# What shows a name at an item's start is the person the item is about: a speech verb right after it, or a
# deputy's or official's title in the item's first sentence.
_ABOUT_PERSON = re.compile(r"代表|委员|" + POST_WORDS.pattern.removesuffix("$"))


def _list_items(units: list[_Unit]) -> list[int]:
    """Where a list page's items start: units opening with a separator, units after one ending with it, and
    the prose unit right above the first (the separator goes between items); [] when fewer than three open so."""
    opening = [i for i, u in enumerate(units) if (m := _LIST_SEPARATOR.match(u.simple)) and m.end() < len(u.simple)]
    if len(opening) < _MIN_ITEMS:
        return []
    starts = set(opening)
    starts |= {i + 1 for i, u in enumerate(units[:-1]) if _LIST_SEPARATOR_END.search(u.simple) and i + 1 > opening[0]}
    if opening[0] > 0 and units[opening[0] - 1].kind == "prose":
        starts.add(opening[0] - 1)
    return sorted(i for i in starts if units[i].kind == "prose")


def _item_signer(index: int, unit: _Unit, openers: dict[int, _Mark]) -> _Mark | None:
    """The person a teaser is about: its opener, else a name at its start (after a date clause) that a speech
    verb follows or whose first sentence names a title."""
    simple = unit.simple
    at = (m.end() if (m := _LIST_SEPARATOR.match(simple)) else 0)
    if (mark := openers.get(index)) and mark.family in ("open", "open-weak") and not mark.title:
        return replace(mark, family="list", start=max(mark.start, at))
    begin = (m.end() if (m := _TIME_LEAD.match(simple, at)) else at)
    found = name_at(simple, begin)
    if not found or found[0] != begin:
        return None
    sentence = _SENTENCE_END.search(simple, found[1])
    if _SPEECH.match(simple, found[1]) or _ABOUT_PERSON.search(simple, found[1], sentence.start() if sentence else None):
        return _Mark(index, "list", unit.text[found[0]: found[1]], None, at)
    return None


def _teasers(units: list[_Unit], openers: list[_Mark]) -> list[_Mark]:
    """The items of a list page that each name one person, when at least half of its items do, each a
    different person; each piece ends where the next item starts."""
    starts = _list_items(units)
    if not starts:
        return []
    by_unit = {m.unit: m for m in openers}
    stops = [*starts[1:], len(units)]
    signed = [replace(mark, stop=stop) for i, stop in zip(starts, stops, strict=True)
              if (mark := _item_signer(i, units[i], by_unit))]
    if 2 * len(signed) < len(starts) or len({m.name for m in signed}) < len(signed):
        return []
    return signed


def _closes_text(marks: list[_Mark], units: list[_Unit]) -> bool:
    """Closers must close something: prose before the first of them (a reporter line under
    each headline opens the piece instead: r30)."""
    first = marks[0]
    return bool(first.end) or any(u.kind == "prose" for u in units[: first.unit])


def _people(marks: list[_Mark]) -> int:
    return len({m.name for m in marks if m.name})


def _same_layout_lines(explicit: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """'NAME post' lines (a space between) the post vocabulary misses ('彭晓芸 媒体评论员', '毕飞宇 作家'), when at
    least two lines of the page are read so already: the shape repeated down the page, each over prose, is the
    evidence (roundup r89, tenth batch, tune half)."""
    spaced = [m for m in explicit if m.post and m.start == len(units[m.unit].simple)
              and _SPACED_LINE.match(units[m.unit].simple)]
    if len(spaced) < _MIN_SIGNED:
        return []
    taken = {m.unit for m in explicit}
    marks = []
    for i, unit in enumerate(units[:-1]):
        if i in taken or unit.kind != "heading" or units[i + 1].kind != "prose" \
                or not (match := _SPACED_LINE.match(unit.simple)) or not name_at(match[1], 0, until_end=True) \
                or NOT_A_POST.search(match[2]):
            continue
        marks.append(_Mark(i, "open", unit.text[: match.end(1)], unit.text[match.start(2): match.end(2)],
                           len(unit.simple)))
    return marks


# Signature lines alone above their pieces, in a layout a page repeats: 'NAME（description）', 'NAME——', 'NAME
# description'. The repetition is the evidence, not a list of posts: a template counts when at least two of its lines
# name people by the surname test and all are followed by prose; then its lines naming someone by a looser test (a
# pen name: '逍遥剑客——') sign too (kind: pages not split, their descriptions '学者', '媒体人' in no list; r90, r91).
_LINE_TEMPLATES = (
    re.compile(r"^([\u4e00-\u9fa5·]{2,10}) *[（(]([^（()）]{1,30})[)）] *(?:——|—|──|[:：])?$"),
    re.compile(r"^([\u4e00-\u9fa5·]{2,10}) *(?:——|—|──)$"),
    re.compile(r"^([\u4e00-\u9fa5·]{2,4}) +([^\s，。,.!！?？:：“”]{2,20})$"),
)
_MAX_TEMPLATE_LINE = 40
_LOOSE_NAME = re.compile(r"^(?:[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{1,8}(?:·[\u4e00-\u9fa5]{1,8})+)$")


def _template_lines(units: list[_Unit], taken: set[int]) -> list[_Mark]:
    groups: dict[int, list[tuple[int, re.Match[str], bool]]] = {}
    for i, unit in enumerate(units[:-1]):
        if i in taken or unit.kind not in ("heading", "prose") or len(unit.simple) > _MAX_TEMPLATE_LINE \
                or units[i + 1].kind != "prose":
            continue
        for t, template in enumerate(_LINE_TEMPLATES):
            if (match := template.match(unit.simple)) and _LOOSE_NAME.match(match[1]) \
                    and not NOT_A_POST.search(match[1]):
                whole = name_at(match[1], 0, until_end=True)
                groups.setdefault(t, []).append((i, match, bool(whole and whole[1] == len(match[1]))))
                break
    marks = []
    for found in groups.values():
        strict = {match[1] for _, match, ok in found if ok}
        if len(strict) < _MIN_SIGNED or len({match[1] for _, match, _ in found}) < len(found):
            continue
        for i, match, _ in found:
            text = units[i].text
            post = text[match.start(2): match.end(2)].strip() if match.lastindex and match.lastindex >= 2 else None
            marks.append(_Mark(i, "open", text[match.start(1): match.end(1)], post or None, len(units[i].simple)))
    return marks


# Paragraphs opening 'PREFIX NAME：' with the same PREFIX ('旧金山市民陈先生：「…」', '旧金山市民Alice Han：「…」'):
# the shared prefix is the speakers' post whatever its words, the rest before the colon a name (kind: pages not
# split, the post in no list: r107). The prefix is the longest the lines share that leaves each a name.
_COLON_HEAD = re.compile(r"^([^，。,.!！?？:：；;“”「」『』()（）]{3,26}?) *[:：]")
_NAME_REST = re.compile(r"^(?:[\u4e00-\u9fa5]{2,4}|[A-Za-z][A-Za-z.\-]*(?: [A-Za-z][A-Za-z.\-]*){0,3})$")
_MIN_PREFIX = 2


def _shared_prefix_openers(units: list[_Unit], taken: set[int]) -> list[_Mark]:
    heads = {i: m for i, u in enumerate(units) if i not in taken and u.kind in ("prose", "heading")
             if (m := _COLON_HEAD.match(u.simple)) and m[1].strip() not in _LABEL_WORDS}
    by_start: dict[str, list[int]] = {}
    for i, m in heads.items():
        by_start.setdefault(m[1][:_MIN_PREFIX], []).append(i)
    marks = []
    for group in by_start.values():
        if len(group) < _MIN_SIGNED:
            continue
        texts = [heads[i][1] for i in group]
        prefix = texts[0]
        for text in texts[1:]:
            while not text.startswith(prefix):
                prefix = prefix[:-1]
        while len(prefix) >= _MIN_PREFIX and not all(_NAME_REST.match(t[len(prefix):].strip()) for t in texts):
            prefix = prefix[:-1]
        names = [t[len(prefix):].strip() for t in texts]
        # two names at least pass the surname test, or are written in Latin letters (the rest may be a pen name)
        people = [n for n in names if not re.match(r"[\u4e00-\u9fa5]", n)
                  or ((whole := name_at(n, 0, until_end=True)) and whole[1] == len(n))]
        if len(prefix) < _MIN_PREFIX or len(set(names)) < len(names) or len(people) < _MIN_SIGNED:
            continue
        for i in group:
            head, text = heads[i], units[i].text
            rest = head[1][len(prefix):]
            name_start = len(prefix) + len(rest) - len(rest.lstrip())
            marks.append(_Mark(i, "open", text[name_start: head.end(1)].strip(), text[:len(prefix)].strip(),
                               head.end()))
    return marks


_COLON_LINE = re.compile(r"^([^，。,.!！?？:：；;“”「」]{4,40}?) *[:：]$")


def _same_layout_colon_lines(explicit: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """'post NAME：' lines alone above their pieces, when two lines of the page are read so already: the others in
    the same layout sign too, their post in no list ('…集团董事CEO韩小红：', '东软集团CTO刘积仁：'): kind: a speaker
    merged into the piece above for a post the vocabulary misses (r85)."""
    alone = [m for m in explicit if m.post and units[m.unit].simple.rstrip().endswith((":", "："))
             and m.start >= len(units[m.unit].simple.rstrip())]
    if len({m.name for m in alone}) < _MIN_SIGNED:
        return []
    taken = {m.unit for m in explicit}
    marks = []
    for i, unit in enumerate(units[:-1]):
        if i in taken or units[i + 1].kind != "prose" or not (match := _COLON_LINE.match(unit.simple.rstrip())):
            continue
        if cut := _post_and_name(match[1]):
            marks.append(_Mark(i, "open", unit.text[cut: match.end(1)], unit.text[:cut].strip() or None,
                               len(unit.simple)))
    return marks


def _post_and_name(head: str) -> int | None:
    """Where the name starts in 'post NAME' (a name of two or three characters): the split whose name passes the
    surname test, else (the layout being the evidence) the one whose post ends in a post word and whose name does
    not start like a verb ('新城区区长仵江', a surname no list holds; '区长表示' is no name)."""
    if NOT_A_POST.search(head):
        return None
    for size in (3, 2):
        whole = name_at(head[-size:], 0, until_end=True)
        if len(head) > size + 1 and whole and whole[1] == size:
            return len(head) - size
    for size in (2, 3):
        if len(head) > size + 1 and _is_post_line(_unit(head[:-size])) and not name_ends_at(head[-size:], 0):
            return len(head) - size
    return None


_SPACED_LINE = re.compile(r"^([\u4e00-\u9fa5]{2,4}) +([\u4e00-\u9fa5、，,]{2,16})$")


def _best_family(units: list[_Unit], min_weak: int) -> list[_Mark]:
    """The marks of the family that signs the most pieces (two people at least; paragraphs that
    merely open with 'post NAME' need `min_weak` people and to open most paragraphs from the
    first of them on)."""
    openers = _complete_names([m for i, u in enumerate(units) if u.kind not in ("caption", "repeat")
                               and (m := _opener_of(i, u))], units)
    # a speaker quoted on, already introduced in the paragraph above ('…王社平代表…' then '“…”王社平说'), is no new
    # piece; where no signature opens that paragraph, the piece starts there, with the post it prints before the
    # name ('新当选院士、…总设计师吴光辉始终把…' then '“…”吴光辉说': kind: a speaker's introduction left in the piece
    # above; r158, seventeenth batch, tune half)
    opened = {m.unit for m in openers}
    openers = [moved for m in openers if (moved := _introduced(m, units, opened))]
    openers = sorted([*openers, *_same_post_openers(openers, units)], key=lambda m: m.unit)
    explicit = [m for m in openers if m.family == "open"]
    explicit = sorted([*explicit, *_name_then_post_lines(units)], key=lambda m: m.unit)
    explicit = sorted([*explicit, *_same_layout_lines(explicit, units)], key=lambda m: m.unit)
    explicit = sorted([*explicit, *_template_lines(units, {m.unit for m in explicit})], key=lambda m: m.unit)
    explicit = sorted([*explicit, *_shared_prefix_openers(units, {m.unit for m in explicit})], key=lambda m: m.unit)
    explicit = sorted([*explicit, *_same_layout_colon_lines(explicit, units)], key=lambda m: m.unit)
    # the first line signs a piece only as other lines do, and when it names one person no other line signs
    # (else it is the page's headline about them: r28)
    others = {m.name for m in explicit if not m.top}
    explicit = [m for m in explicit if not m.top or (
        any(m.title for m in explicit if not m.top) and m.name not in others and " " not in m.name
        and (whole := name_at(_simplified(m.name, True), 0, until_end=True)) and whole[1] == len(m.name))]
    closers = [m for i, u in enumerate(units) if u.kind == "prose" or u.kind == "heading" if (m := _closer(i, u))]
    while closers and not closers[0].name:  # unsigned dash lines count only between signed ones (a subtitle on top)
        closers.pop(0)
    # '——post NAME' alone on a line right under a headline, with the text below: it opens that piece
    # as a subtitle does ('“希望更多人才留在农村”' / '——全国人大代表、…党支部副书记冼润霞': roundup r58, tune half)
    under = [m for m in closers if m.name and m.end == 0 and m.unit > 0 and units[m.unit - 1].kind == "heading"
             and m.unit + 1 < len(units) and any(u.kind == "prose" for u in units[m.unit + 1: m.unit + 4])]
    if under:
        closers = [m for m in closers if m not in under]
        signed = {m.unit for m in explicit}  # the line read already as 'post NAME' alone (_name_post_line)
        explicit = sorted([*explicit, *(replace(m, family="open", end=None, start=len(units[m.unit].simple))
                                        for m in under if m.unit not in signed)], key=lambda m: m.unit)
    families = {
        "close": closers if closers and _closes_text(closers, units) else [],
        "open": explicit,
        "head": _subheads(units),
        "open-weak": _continuations([m if m.family == "open-weak" else replace(m, family="open-weak")
                                     for m in openers if m.family == "open-weak" or m.weak_too], explicit, units),
        "close-quote": [m for i, u in enumerate(units) if u.kind == "prose" if (m := _quote_closer(i, u))],
        "list": _teasers(units, openers),
    }
    if len({m.name for m in families["close-quote"]}) < min_weak:
        families["close-quote"] = []
    all_weak = families["open-weak"]
    weak = families["open-weak"]
    if weak and (len({m.name for m in weak}) < min_weak and not _shared_title(weak)
                 or len(weak) < 0.3 * sum(u.kind == "prose" for u in units[weak[0].unit:])):
        families["open-weak"] = []
    best: list[_Mark] = []
    for marks in families.values():  # ties go to the family listed first (the more explicit)
        if _people(marks) > _people(best) and _people(marks) >= _MIN_SIGNED:
            best = marks
    if best and best is families["open"]:
        best = _mixed(best, all_weak, units)
    elif best and best is families["open-weak"]:
        best = _with_explicit(best, explicit, units)
    elif not best and len({m.name for m in explicit}) == 1:  # one explicit signature, weak ones after headlines
        best = _mixed(explicit, all_weak, units)
        best = best if len({m.name for m in best}) >= _MIN_SIGNED else []
    if best and best[0].family in ("open", "open-weak"):
        best = sorted([*best, *(replace(m, family=best[0].family) for m in _named_again(units, best))],
                      key=lambda m: m.unit)
    elif not best:
        named = _named_again(units, [])
        best = named if _speak_in_turn(named, units) else []  # people named alone speak in turn (r216, r225)
    return _below_byline(best, explicit, units)


# Where fewer people than `min_weak` sign (an HTML article: an ordinary report quotes two people in turn), two
# signatures still split the page when they repeat one shape: the same office word ends both posts ('全国人大代表、
# …NAME' twice, '…县委书记NAME说' twice). The repetition is the evidence; two people with unrelated posts ('全国政协委员'
# quoted in a student's story) are a report's quotations (kind: two-speaker roundups not split as HTML pages,
# bench/roundup_variants.py html, tune half).
_OFFICE_AT_END = re.compile(f"(?:{SIGNATURE_POST_END.pattern})$")


def _title_word(post: str | None) -> str | None:
    """The office word a post ends its first part with ('全国人大代表、…董事长' -> '代表')."""
    first = re.split("[、，,]", _simplified(post or "", True))[0]
    found = _OFFICE_AT_END.search(first)
    return found.group(0)[-2:] if found else None


# The office words whose repetition makes two people a collection: a member's title (deputies, committee members,
# academicians speak as such). Officials sharing a first post are a meeting's speakers ('合肥市委常委、…书记张红说' and
# '芜湖市委常委、…书记陈亮表示' in one report: review).
_MEMBER_WORDS = frozenset({"代表", "委员", "院士"})


def _shared_title(marks: list[_Mark]) -> bool:
    """Two different people whose posts end with the same member's title (see _OFFICE_AT_END, _MEMBER_WORDS)."""
    seen: dict[str, str] = {}
    for mark in marks:
        word = _title_word(mark.post)
        if word in _MEMBER_WORDS and seen.setdefault(word, mark.name) != mark.name:
            return True
    return False


def _introduced(mark: _Mark, units: list[_Unit], opened: set[int]) -> _Mark | None:
    """An 'after a quotation' mark whose speaker the paragraph above names: moved up to that paragraph when
    no signature opens it and it prints a post before the name, else none (the speaker is quoted on)."""
    above = units[mark.unit - 1] if mark.unit > 0 else None
    if not mark.after_quote or above is None or _simplified(mark.name, True) not in above.simple:
        return mark
    if above.kind != "prose" or mark.unit - 1 in opened or not (post := _post_before(mark.name, above.text)):
        return None
    return replace(mark, unit=mark.unit - 1, post=post, start=0, after_quote=False)


_DATELINE_POST = re.compile(rf"[【\[(（]\s*{_ROLE}")  # a dateline's role, its bracket unclosed before the name


def _below_byline(best: list[_Mark], explicit: list[_Mark], units: list[_Unit]) -> list[_Mark]:
    """One reporter's byline alone on a line, with speakers below it: the byline is the page's, the pieces are
    the speakers' below it (what is above it is a photo caption or a teaser, not a piece) (kind: the lead and the
    first speaker signed by the page's reporter, a photo caption read as a speaker; r158, r167, tune half)."""
    bylines = [m for m in explicit if m.post and m.start >= len(units[m.unit].simple)
               and _OPEN_REPORTER.match(_BULLETS.sub("", units[m.unit].simple))]
    # ... and a reporter's dateline opening the first signed paragraph ('【本报记者程子桐】“…”'): the page's, when
    # the other signers are not reporters (kind: the lead signed by the page's reporter; r138, sixteenth, tune half)
    if not bylines and best and _DATELINE_POST.fullmatch(_simplified((best[0].post or "").strip(), True)) \
            and not any(re.search(_ROLE, m.post or "") for m in best[1:]):
        return best[1:] if len({m.name for m in best[1:]}) >= _MIN_SIGNED else best
    if len(bylines) != 1:
        return best
    below = [m for m in best if m.unit > bylines[0].unit]
    return below if len({m.name for m in below}) >= _MIN_SIGNED and len(below) < len(best) else best


def _headline(units: list[_Unit], index: int, used: set[int]) -> str | None:
    if index >= 0 and units[index].kind == "heading" and index not in used:
        used.add(index)
        return clean_text(_BULLETS.sub("", units[index].text))
    return None


def _head_start(units: list[_Unit], mark: _Mark, previous: int) -> int:
    """Where a piece signed by an opener starts: its signature line, or the headline above it with
    what stands between them (a '亮点：…' line, r30). Only short lines without a sentence end
    can stand there; non-heading lines above the topmost headline stay with the piece before."""
    top = mark.sig_start if mark.sig_start is not None else mark.unit
    start = top
    j = top - 1
    while j > previous and (units[j].kind in ("heading", "noise") or (
            len(units[j].simple) <= 40 and not re.search(r"[。！？!?]", units[j].simple))):
        if units[j].kind in ("heading", "noise"):
            start = j
        j -= 1
    return start


def _nearest_heading(units: list[_Unit], head: int, top: int) -> int:
    """The headline of a piece: the heading nearest above its signature, within its head."""
    return next((i for i in range(top - 1, head - 1, -1) if units[i].kind == "heading"), top - 1)


def _post_before(name: str, paragraph: str, min_post: int = 3) -> str | None:
    """The post a piece's first paragraph prints before its signer's name ('财政司司长陈茂波则祝愿…'),
    for a signature that gave only the name (r28)."""
    simple = _simplified(paragraph[:150])
    at = simple.find(_simplified(name))
    if at <= 0:
        return None
    found = post_then_name(simple[: at + len(name) + 1], 0, min_post=min_post)
    if not found or found[1] != at:
        return None
    clause = max(simple.rfind(c, 0, found[0]) for c in "，,。：:；;“”") + 1
    if copula := _COPULA.match(simple, clause):  # '这是全国政协委员、…校长严建兵接受采访' (a caption: r74)
        clause = copula.end()
    return _post(paragraph[clause: found[0]])


_MAX_INTRODUCTION = 120


def _introductions(units: list[_Unit], marks: list[_Mark], heads: list[int]) -> list[int]:
    """A short paragraph right above a name-only opener that names the speaker introduces them ('全国人大代表马恒燕
    来到北京，…' over '马恒燕：…'; a lead ending '…全国人大代表方敏：' over '方敏：…': a radio transcript, roundup r79,
    tenth batch, tune half): it opens that piece, and the post it prints before the name is the signer's."""
    moved = list(heads)
    for n, mark in enumerate(marks):
        above = heads[n] - 1
        previous = marks[n - 1].unit if n else -1
        name = _simplified(mark.name, True)
        # 'NAME：' opening the answer's paragraph (a bracket signature '【NAME】' under a caption is another shape: r20)
        if mark.post is None and mark.title is None and mark.sig_start is None and above > previous \
                and units[above].kind == "prose" and len(units[above].simple) <= _MAX_INTRODUCTION \
                and name in units[above].simple and units[mark.unit].simple.startswith(name) \
                and units[mark.unit].simple[len(name):].lstrip().startswith((":", "：")):
            moved[n] = above
        elif mark.post is not None and mark.title is None and mark.sig_start is None and above > previous \
                and above == mark.unit - 1 and units[above].kind == "prose" and name in units[above].simple \
                and not any(_simplified(other.name, True) in units[above].simple for other in marks if other is not mark):
            # a narrative paragraph naming the speaker, and no other signer, right above the paragraph quoting them
            # ('…全国人大代表冯玉宝认为，…' over '全国人大代表、…副站长冯玉宝说：“…”'): it opens their piece (kind: the
            # speaker's introduction left to the piece before; r169, eighteenth batch, tune half)
            moved[n] = above
    return moved


@lru_cache(maxsize=1024)
def _opener_cached(index: int, text: str, simple: str, kind: str) -> _Mark | None:
    return _opener(index, _Unit(text, simple, kind))


def _opener_of(index: int, unit: _Unit) -> _Mark | None:
    """:func:`_opener`, asked once per paragraph though two passes ask (the marks are frozen)."""
    return _opener_cached(index, unit.text, unit.simple, unit.kind)


_MIN_TWO_SPEAKERS = 80
_OUTSIDE_QUOTES_END = re.compile(r"[。！？!?]")


def _two_speakers(index: int, unit: _Unit, traditional: bool) -> list[_Unit]:
    """A paragraph holding two speakers' words: the first sentence opens with one speaker ('post NAME认为，…'), a later
    one with another ('…等问题。美国欧亚洲中心中国部主任拉尔夫·温尼认为，…'), not named before: two paragraphs (kind: two
    speakers in one paragraph, the second merged into the first's piece; r177, eighteenth batch, tune half). A speaker
    named again, or quoted by the first, stays in the paragraph."""
    simple = unit.simple
    if unit.kind != "prose" or len(simple) < _MIN_TWO_SPEAKERS:
        return [unit]
    first = _opener_of(index, unit)
    if first is None or first.family not in ("open", "open-weak"):
        return [unit]
    depth = 0
    for at, char in enumerate(simple):
        depth += char in "“「『" and 1 or (-1 if char in "”」』" and depth else 0)
        if depth or not _OUTSIDE_QUOTES_END.match(char) or at + 1 >= len(simple) - 10:
            continue
        rest = _Unit(unit.text[at + 1:].lstrip(), _simplified(unit.text[at + 1:].lstrip(), traditional), "prose")
        second = _opener(index, rest)
        if second is None or second.family not in ("open", "open-weak") or second.after_quote or not second.post \
                or rest.simple[:1] in "“「『\"" or not rest.text.startswith(second.post) \
                or _simplified(second.name, True) in simple[: at + 1] or second.name == first.name:
            continue
        head = _Unit(unit.text[: at + 1], simple[: at + 1], "prose")
        return [head, *_two_speakers(index, rest, traditional)]
    return [unit]


# A speaker named first, a member's title printed after the name, a speech verb later in the same clause:
# '黄润秋常委提出，…', '李卫常委代表无党派人士界发言建议，…', '黃伯云代表建議，…'. Members' titles only (代表, 委员, 常委, 院士):
# an office after the name ('王伟书记强调，…。李明主任指出，…') is how an ordinary meeting report quotes its officials in
# turn, one article, not signed pieces.
_SPEECH_IN_CLAUSE = r"[^，,。；;：:！？!?“”「」]{0,14}?(?:说|表示|认为|建议|提出|呼吁|指出|强调|介绍|坦言|谈到|提到|透露|希望)"
_MEMBER_TITLE = r"(?:常委|委员|代表|院士)"  # matched on the simplified text
_NAME_THEN_TITLE = re.compile(rf"([\u4e00-\u9fa5]{{2,4}}?)({_MEMBER_TITLE})(?={_SPEECH_IN_CLAUSE})")
_MIN_TITLED = 2


def _name_then_title(simple: str, at: int) -> tuple[int, int, int] | None:
    """(name start, name end, title end) of 'NAME title … speech verb' opening `simple[at:]`, the name passing the
    surname test."""
    match = _NAME_THEN_TITLE.match(simple, at)
    if not match:
        return None
    whole = name_at(match.group(1), 0, until_end=True)
    return (match.start(1), match.end(1), match.end(2)) if whole and whole[1] == len(match.group(1)) else None


def _titled_sentences(unit: _Unit) -> list[_Unit]:
    """A paragraph whose sentences open with different speakers, each 'NAME title … speech verb' (a standing
    committee's or a delegation's speeches reported one sentence each: '黄润秋常委提出，…。李卫常委代表…发言建议，…。'):
    one unit per speaker. The shape repeated inside the paragraph is the evidence: two speakers at least, each
    sentence opening so (kind: several signers in one paragraph, the page not split; r210, twentieth batch, tune
    half). The words before the first such sentence stay a unit of their own."""
    simple = unit.simple
    if unit.kind != "prose":
        return [unit]
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(simple))]
    found = [(at, titled) for at in starts if at < len(simple) and (titled := _name_then_title(simple, at))]
    if len({simple[t[0]: t[1]] for _, t in found}) < _MIN_TITLED:
        return [unit]
    cuts = [0, *(at for at, _ in found if at), len(simple)]
    parts = [_Unit(unit.text[a:b].strip(), simple[a:b].strip(), "prose") for a, b in zip(cuts, cuts[1:], strict=False)]
    return [part for part in parts if part.simple]


# A speaker named again: a paragraph, or a sentence, opening with the bare name of a person the page introduced
# above after a post ('…副院长曲建、…教授胡汉辉…等8位专家…' then '曲建提出，…。胡汉辉认为，…'), or whose name the
# paragraph repeats before a speech verb ('蔡正雄今年的提案关注…。“…”蔡正雄认为'). The name printed twice is the
# evidence: once introduced, once speaking (kind: speakers named alone after their introduction not read, their words
# merged into the piece above or the page not split; r216, r225, twenty-first batch, tune half). The verbs are a
# speaker's, not a chair's: '强调', '要求', '指出' are how a meeting report quotes its officials in turn (one article).
_SPEECH_VERBS = "说|表示|认为|介绍|提出|建议|坦言|感慨|直言|希望|呼吁|谈到|透露"
_NOT_IN_SPEECH_GAP = frozenset("，,。；;：:！？!?“”「」")  # a name and its verb are one clause: no mark between them
_NAMED_SPEECH = re.compile(f"[^{''.join(sorted(_NOT_IN_SPEECH_GAP))}]{{0,6}}?(?:{_SPEECH_VERBS})")
_NAMED_AFTER_POST = re.compile(f"(?:{SIGNATURE_POST_END.pattern})$")
_NAME_SIZES = (2, 3)
_POST_WINDOW = 40  # characters before a name where the post it follows ends: an office word is short
_SPEECH_VERB = re.compile(_SPEECH_VERBS)
_HAN_NAME = re.compile(r"[\u4e00-\u9fa5]+")


class _Introductions:
    """Where a page first prints each name right after a post, read once per name (a page of thousands of lines
    opening with names asks for the same few names again and again)."""

    def __init__(self, units: list[_Unit]) -> None:
        self.units = units
        self.first: dict[str, tuple[int, str | None] | None] = {}

    def above(self, name: str, before: int) -> tuple[bool, str | None]:
        """Whether a unit above `before` prints `name` right after a post, and the post it prints (None where the name
        stands in a list of people, '…副院长曲建、…院长曾刚、…': a post printed only in a lead's list is no post of the
        piece)."""
        if name not in self.first:
            self.first[name] = self._first(name)
        found = self.first[name]
        return (True, found[1]) if found is not None and found[0] < before else (False, None)

    def _first(self, name: str) -> tuple[int, str | None] | None:
        for index, unit in enumerate(self.units):
            if unit.kind not in ("prose", "heading"):
                continue
            at = unit.simple.find(name)
            while at >= 0:
                if at > 0 and _NAMED_AFTER_POST.search(unit.simple, max(0, at - _POST_WINDOW), at):
                    listed = unit.simple[at + len(name): at + len(name) + 1] == "、" \
                        or "、" in unit.simple[max(0, at - 30): at]
                    return index, None if listed else _post_before(name, unit.text)
                at = unit.simple.find(name, at + 1)
        return None


def _speech_names(simple: str) -> dict[str, int]:
    """Every two- or three-character string the people finder reads as a name right before a speech verb in `simple`,
    with where it stands last: found in one pass over the verbs, not once per sentence (see _NAMED_SPEECH)."""
    found: dict[str, int] = {}
    for verb in _SPEECH_VERB.finditer(simple):
        for end in range(verb.start(), max(-1, verb.start() - 7), -1):
            if end < verb.start() and simple[end] in _NOT_IN_SPEECH_GAP:
                break
            for size in _NAME_SIZES:
                at = end - size
                name = simple[max(0, at): end]
                if at > found.get(name, -1) and _HAN_NAME.fullmatch(name) and _NAMED_SPEECH.match(simple, end) \
                        and name_after(simple, at) == name:
                    found[name] = at
    return found


def _bare_speaker(simple: str, at: int, index: int, introductions: _Introductions,
                  speaking: dict[str, int]) -> tuple[str, str | None] | None:
    """(name, post) of the person a sentence at `simple[at:]` opens with, named alone: introduced above after a post and
    speaking here, or named again before a speech verb in the same unit (`speaking`: the unit's _speech_names)."""
    if simple[at: at + 1] not in SURNAMES:
        return None
    name = name_after(simple, at)
    if name and len(name) in _NAME_SIZES and _NAMED_SPEECH.match(simple, at + len(name)):
        introduced, post = introductions.above(name, index)
        if introduced:
            return name, post
    for size in _NAME_SIZES:
        name = simple[at: at + size]
        if len(name) == size and speaking.get(name, -1) >= at + size:
            return name, None
    return None


def _named_sentences(units: list[_Unit]) -> list[_Unit]:
    """A paragraph whose sentences open with different people named alone ('曲建提出，…。胡汉辉认为，…'), each introduced
    above: one unit per speaker (see _NAMED_SPEECH)."""
    introductions = _Introductions(units)
    out: list[_Unit] = []
    for index, unit in enumerate(units):
        if unit.kind != "prose":
            out.append(unit)
            continue
        simple = unit.simple
        starts = [0, *(m.end() for m in _SENTENCE_END.finditer(simple))]
        speaking = _speech_names(simple)
        found = [(at, who[0]) for at in starts
                 if at < len(simple) and (who := _bare_speaker(simple, at, index, introductions, speaking))]
        if len({name for _, name in found}) < _MIN_TITLED or found[0][0] != 0:
            out.append(unit)
            continue
        cuts = [at for at, _ in found] + [len(simple)]
        out += [_Unit(unit.text[a:b].strip(), simple[a:b].strip(), "prose") for a, b in zip(cuts, cuts[1:], strict=False)]
    return out


# A lead announcing a group of speakers ('…等8位专家', '等三位代表', '等嘉宾'): what makes people named alone in turn the
# pieces of a collection. Without it people a report introduces and then quotes ('部长张伟和局长刘洋出席…' then '张伟说，…',
# '刘洋介绍，…') are one report's quotations, however many (review; no tune page needs more: r216's lead has '等8位专家').
_GROUP_LEAD = re.compile("等(?:[0-9０-９]+|[一二两三四五六七八九十]+)(?:位|名)|等(?:专家|学者|代表|委员|嘉宾|企业家)")


def _speak_in_turn(named: list[_Mark], units: list[_Unit]) -> bool:
    """Whether people named alone (see _named_again) sign a page's pieces by themselves: two of them at least, after a
    lead that announces a group of speakers (see _GROUP_LEAD)."""
    return len({m.name for m in named}) >= _MIN_SIGNED \
        and any(_GROUP_LEAD.search(u.simple) for u in units[: named[0].unit])


def _named_again(units: list[_Unit], marks: list[_Mark]) -> list[_Mark]:
    """Marks for the prose units opening with a person named alone (see _NAMED_SPEECH) whom no mark signs."""
    names = {_simplified(m.name, True) for m in marks}
    taken = {m.unit for m in marks}
    introductions = _Introductions(units)
    found = []
    for index, unit in enumerate(units):
        if unit.kind != "prose" or index in taken:
            continue
        who = _bare_speaker(unit.simple, 0, index, introductions, _speech_names(unit.simple))
        if who and who[0] not in names:
            names.add(who[0])
            found.append(_Mark(index, "open", unit.text[: len(who[0])], who[1]))
    return found


def _reread_name(mark: _Mark, units: list[_Unit]) -> _Mark:
    """A three-character name the people finder (:func:`monitor.tag.people.name_after`: a surname, then the length
    whose end a word that follows names confirms) reads two characters long: the shorter one ('钟山出现在通道上' read
    钟山出; kind: a name swallowing the verb's first character; r170, eighteenth batch, tune half)."""
    name = mark.name
    if len(name) != 3 or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return mark
    simple = units[mark.unit].simple
    at = simple.find(_simplified(name, True))
    if at < 0:
        return mark
    if follows_name(simple, at + 3) or name_after(simple, at) != simple[at: at + 2]:
        return mark  # '林孝发表示': both readings are followed by a word (发表, 表示), the printed one stays
    return replace(mark, name=name[:2])


def _speaker_named_below(mark: _Mark, stop: int, units: list[_Unit]) -> _Mark:
    """A weak signature whose paragraph prints a second person after a post ('…,立法會主席梁君彥早前亦指…。身兼…的議員
    劉國勳今日指出…'), the next paragraphs of the piece opening with that second person's name alone ('劉國勳指…') and
    never naming the first: the piece is the second person's. The name printed again is the evidence of whom the
    piece reports, as with _NAMED_SPEECH (kind: a piece signed by a person its lead quotes in passing; r223,
    twenty-first batch, tune half)."""
    if mark.family != "open-weak":
        return mark
    simple = units[mark.unit].simple
    own = _simplified(mark.name, True)
    at = simple.find(own) + len(own)
    below = [u.simple for u in units[mark.unit + 1: stop] if u.kind == "prose"]
    if at < len(own) or not below or any(own in text for text in below):
        return mark
    while found := post_then_name(simple, at):
        post_end, name_start, name_end = found
        other = simple[name_start: name_end]
        if other != own and any(text.startswith(other) for text in below):
            clause = max(simple.rfind(c, 0, post_end) for c in "，,。：:；;“”") + 1
            printed = units[mark.unit].text
            return replace(mark, name=printed[name_start: name_end], post=_post(printed[clause: name_start]))
        at = name_end
    return mark


def split_signed(texts: list[str], title: str | None = None, min_weak: int = 2,
                 traditional: bool | None = None) -> PageSplit:
    """Split a page's units (text lines or article paragraphs) into signed pieces, or no pieces.

    `min_weak`: how many people paragraphs opening with 'post NAME' must name before they split
    the page (an ordinary news article quotes two officials in turn; a collection quotes more).
    `traditional`: the page's script as a caller decided it already (:func:`monitor.normalise.reads_traditional`, a
    pass of OpenCC over the whole page), else decided here."""
    cleaned_texts = [cleaned for t in texts if (cleaned := clean_text(strip_ruby(t)))]
    # on a traditional page every line is folded, short ones without a telling character too (r89, tenth batch)
    if traditional is None:
        traditional = reads_traditional("".join(cleaned_texts))
    units = _mark_repeated_lead(_mark_captions([_unit(cleaned, traditional) for cleaned in cleaned_texts]))
    units = [part for unit in units for part in _titled_sentences(unit)]
    units = _named_sentences(units)
    if len({m.name for n, u in enumerate(units) if u.kind == "prose" and (m := _opener_of(n, u)) and m.post}) >= _MIN_SIGNED:
        # a page of speakers already (two people open paragraphs with 'post NAME'): paragraphs holding two of them
        # are split (an ordinary report's paragraph naming an official, then another, is not: zzwb.zynews.cn, tune)
        units = [part for n, unit in enumerate(units) for part in _two_speakers(n, unit, traditional)]
    marks = [_reread_name(mark, units) for mark in _best_family(units, min_weak)]
    marks = [_speaker_named_below(mark, marks[n + 1].unit if n + 1 < len(marks) else len(units), units)
             for n, mark in enumerate(marks)]
    if len(marks) < _MIN_SIGNED:
        return PageSplit(None, ())
    used: set[int] = set()
    drafts: list[tuple[str | None, str, str | None, list[str]]] = []
    family = marks[0].family
    if family == "close":
        used.update(m.unit for m in marks)  # a signature line is no headline
        spans = []
        previous = -1
        for mark in marks:
            first = previous + 1
            while first < mark.unit and units[first].kind != "prose":
                first += 1
            spans.append((first, mark.unit))
            previous = mark.unit
        typical = sorted(b - a for a, b in spans[1:])[(len(spans) - 1) // 2]
        first, last = spans[0]
        if last - first > typical:  # the first piece as long as the others: the text above is the lead
            spans[0] = (last - typical, last)
        for (first, last), mark in zip(spans, marks, strict=True):
            headline = _headline(units, first - 1, used)
            parts = [u.text for u in units[first: last] if u.kind == "prose"]
            parts.append(units[last].text[: mark.end].strip())
            if mark.name:
                drafts.append((headline, mark.name, mark.post, [p for p in parts if p]))
        lead_end = spans[0][0]
    else:
        starts = [m.unit + (1 if family == "head" else 0) for m in marks]
        heads = [_head_start(units, m, previous) if family != "head" else m.unit
                 for m, previous in zip(marks, [-1, *(m.unit for m in marks)], strict=False)]
        if family == "open":
            heads = _introductions(units, marks, heads)
        ends = [*heads[1:], len(units)] if family != "head" else [*starts[1:], len(units)]
        ends = [m.stop if m.stop is not None else stop for m, stop in zip(marks, ends, strict=True)]
        for mark, first, head, stop in zip(marks, starts, heads, ends, strict=True):
            top = mark.sig_start if mark.sig_start is not None else first
            headline = mark.title or _headline(units, mark.unit if family == "head" else _nearest_heading(
                units, head, top), used)
            # short lines between the headline and the signature belong to this piece (r30)
            parts = [u.text for u in units[head: top] if u.kind == "prose"] if family != "head" else []
            parts += [units[first].text[mark.start:].strip()] if family != "head" else []
            for unit in units[first + (family != "head"): stop]:
                if unit.kind == "chrome":
                    break
                if unit.kind in ("prose", "heading"):
                    parts.append(unit.text)
            parts = [p for p in parts if p]
            # the signer's post from the first of the piece's first paragraphs that prints it before the name
            # (a headline run into the first paragraph leaves the post to the next one: r67, tune half)
            printed = [found for part in parts[:3] if (found := _post_before(mark.name, part))]
            post = mark.post or next(iter(printed), None)
            fuller = max(printed, key=len, default="")
            if mark.post and len(fuller) > len(mark.post) and _simplified(fuller).startswith(_simplified(mark.post)):
                # the signature line gives the post short ('全国政协委员NAME：…'), the piece prints it whole before
                # the same name ('全国政协委员、华中农业大学校长NAME介绍'): the whole one (kind: post cut short; r66)
                post = fuller
            drafts.append((headline, mark.name, post or None, parts))
        lead_end = heads[0] if family != "head" else marks[0].unit
    if family != "head" and sum(headline is not None for headline, *_ in drafts) < _MIN_SIGNED:
        drafts = [(None, *rest) for _, *rest in drafts]  # one heading above the first piece: the page's title
        used = {m.unit for m in marks} if family == "close" else set()
    elif family == "open":  # speakers after one sub-headline share it
        for n in range(1, len(drafts)):
            if drafts[n][0] is None and not any(units[i].kind == "heading"
                                                for i in range(marks[n - 1].unit, marks[n].unit)):
                drafts[n] = (drafts[n - 1][0], *drafts[n][1:])
    top = marks[0].sig_start if marks[0].sig_start is not None else marks[0].unit
    banner = title or next((clean_text(u.text) for i, u in enumerate(units[:max(lead_end, top)])
                            if u.kind == "heading" and i not in used), None)
    lead = [u.text for u in units[:lead_end] if u.kind == "prose"]
    pieces = tuple(Piece(headline=headline or "", body="\n\n".join(parts), author=name, author_post=post)
                   for headline, name, post, parts in drafts if parts)
    return PageSplit(banner, pieces, tuple(lead)) if len(pieces) >= _MIN_SIGNED else PageSplit(None, ())
