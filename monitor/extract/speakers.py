"""Who speaks here: split a page into pieces where the speaker changes.

The shape rules of :mod:`monitor.extract.pieces` recognise the layouts they were written from. This
module tries one general mechanism instead: for each paragraph, does it introduce a speaker, found by the
tagger's people finder (:func:`monitor.tag.people.find_people`: a name with a post, post before or after
the name, brackets, shared posts)? A speaker is introduced when
1. the paragraph opens with the person (at most a short lead clause before the post), and the name is
   followed by speech ('说', '表示', '认为', a colon, an opening quotation mark), or
2. the paragraph is a dash closer ('——post NAME'): the speaker of the paragraphs above it.
A page where at least two different people are introduced this way is split where the speaker
changes: each piece runs from its speaker's paragraph to the next speaker's (or, with closers, from the
previous closer to its own). The people finder is asked only about paragraphs whose head holds an office
word and a speech mark, so ordinary pages cost a regex pass per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from monitor.items import Piece
from monitor.normalise import clean_text, looks_traditional, reads_traditional, strip_ruby, to_simplified
from monitor.tag.people import SPEAKER_OFFICES, SURNAMES, find_people, name_after, name_before_speech

__all__ = ["Speaker", "introduced_speaker", "split_by_speakers", "MIN_SPEAKERS"]

# Two different speakers, each opening a paragraph with a post and name (three cost nothing on the ordinary
# pages but found one piece fewer on the tune half)
MIN_SPEAKERS = 2
# The head of a paragraph the speaker must be introduced in (the post and name come first).
_HEAD = 120
# The offices and speakers' posts (people.SPEAKER_OFFICES): one vocabulary with the roundup splitter.
_SPEAKER_OFFICES = SPEAKER_OFFICES
# Speech right after the name (a verb, a colon, a quotation), allowing a few words between ('在会上表示').
_SPEECH = re.compile(r"[^。!?！？“\"]{0,6}?(?:说|表示|认为|建议|指出|谈到|坦言|强调|呼吁|提出|介绍|告诉|感慨|直言|"
                     r"解释|透露|提到|称|谈)|\s*[:“\"「]")
# A short lead before the post: '会上，', '对此，', '在…看来，' (ends with a comma, no sentence end).
_LEAD_MAX = 30
_LEAD_END = set(",，的。")  # not a label's colon ('主持人：post NAME' in an agenda)
_OPENS = 4  # '在鲁全国人大代表NAME', '会上全国政协委员NAME': the person opens the paragraph
_LABEL = re.compile("[:：]")  # '主持人：post NAME' (an agenda line): a label, not a speaker
_QUOTE_END = re.compile(r"[”\"」][^“\"「]{0,20}$")
_DASH_CLOSER = re.compile(r"(?:^|[”\"。!?！？」])\s*[—－-]{1,2}\s*(?=\S)")
_SENTENCE_BREAK = re.compile(r"[。!?！？;；:：“”\"「」,，]")
# One-character words that follow a two-character name ('张毅围绕' is not one of them: a guess, kept short)
_AFTER_SHORT_NAME = set("在说表认建指谈是的也还就将对提等从把为与和及则曾都已因又更于向今近围作多一")
_SPEECH_CHARS = set("说讲道称谈")
_POST_LEAD = re.compile(r"^[^\w]+")  # a bullet or dash before a post
# A page's labels ('来源：', '时间：', '口述时间：'), not a speaker's name though some start with a surname
_PAGE_LABEL = re.compile(r"(?:来源|來源|出处|时间|時間|日期|发布|發布|记者|記者|编辑|編輯|作者|地点|地點|口述|简介|簡介|"
                         r"摘要|导语|導語|原标题|原標題|关键|關鍵|主题|主題|链接|鏈接)")

# A post opening a paragraph has its first office word within its first characters ('全国政协委员、…'); farther
# on, the paragraph opens with a sentence ('此时不拼更待何时与会企业家…')
_FIRST_OFFICE = 8
_DASH_START = re.compile(r"^[—－-]+")
# A dash line under a line this short (a quotation as headline) heads the piece below it
_SHORT_ABOVE = 40
_POST_THEN_COMMA = re.compile(r"[^,，。:：“”\"]{0,30}(?:" + _SPEAKER_OFFICES.pattern + r")[,，]")
_HINT = re.compile(r"[:“\"「说示为议出到言调吁绍诉]")
_HEADING_PUNCT = re.compile(r"[。，,；;！？!?：:“”\"]")
_MAX_HEADING = 30


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    post: str | None
    closes: bool  # a dash closer: the speaker of the paragraphs above


def _person_at_head(head: str) -> tuple[str, str] | None:
    """The person the head of a paragraph opens with: (name, post as printed), or None. The person opens
    the paragraph (at most a few characters before), or follows a lead clause ending with a comma or
    a quotation ('“…”post NAME表示') and is followed by speech."""
    spans = [m.span() for m in _SPEAKER_OFFICES.finditer(head)]
    if not spans:
        return None
    for person in find_people(head, spans):
        name_at = head.find(person.name, max(0, person.start - 4))
        if name_at < 0:
            continue
        first = min(person.start, name_at)
        after = max(name_at + len(person.name), person.end)
        before = head[:first]
        if first <= _OPENS and not _LABEL.search(before):
            return person.name, _after_description(person.post)
        if _POST_THEN_COMMA.fullmatch(before):  # 'post,post NAME': one post printed in two parts
            return person.name, before + person.post
        quoted = before.startswith(("“", '"', "「")) and _QUOTE_END.search(before) and "—" not in head[:name_at]  # a dash: a closer
        if (quoted or first <= _LEAD_MAX and before[-1:] in _LEAD_END) and _SPEECH.match(head, after):
            return person.name, _after_description(person.post)
        return None
    return _opening_post_name(head)


def _after_description(post: str) -> str:
    """The post without a describing clause before it ('同样来自基层的广西团全国人大代表' -> '广西团全国人大代表')."""
    described, _, rest = post.rpartition("的")
    return rest if described and _SPEAKER_OFFICES.search(rest) else post


def _opening_post_name(head: str) -> tuple[str, str] | None:
    """'post NAME' opening the paragraph, the name followed by a word the people finder does not expect
    ('全国政协委员、…副主委邵志清今年将…'): the name is the surname and one or two characters, two unless
    the third is a word that follows names."""
    lead = _POST_LEAD.match(head)
    skip = lead.end() if lead else 0
    for n, office in enumerate(_SPEAKER_OFFICES.finditer(head, skip, _LEAD_MAX + 30)):
        comma = _POST_THEN_COMMA.match(head, skip)  # 'post,post NAME': one post printed in two parts
        if _SENTENCE_BREAK.search(head, comma.end() if comma else 0, office.start()):
            return None
        pos = office.end()
        # a name read by length between the post and a speech verb (people.name_before_speech: '…政治学者帕鲁克表示',
        # '日本贸易振兴机构北京代表处经济信息部部长河野圆洋表示'): post, name and verb are evidence enough, however long
        # the organisation before the office is (kind: speakers not read; r175, r177, eighteenth batch, tune half)
        if spoken := name_before_speech(head, pos):
            return spoken, _POST_LEAD.sub("", head[:pos])
        if not n and office.start() - skip > _FIRST_OFFICE:
            return None  # a post opens with an office within its first words ('全国政协委员、…'), not a sentence
        if head[pos:pos + 1] not in SURNAMES:
            continue
        name = head[pos:pos + 3]
        if len(name) < 3 or not all("\u4e00" <= c <= "\u9fff" for c in name):
            return None
        if name[2] in _AFTER_SHORT_NAME:
            name = name[:2]
        return name, _POST_LEAD.sub("", head[:pos])  # not a bullet before the post ('● 中科院院士NAME')
    return None


# A netizen signs with a handle in quotation marks, introduced by the word for netizen: at the paragraph's start
# ('中广网网友“龙儿”…留言：', '署名为“螳螂侠”的网友则认为：') or after the quotation that opens it ('“…”网友“熊猫神拳”
# 如是说'). The site before 网友 is the post, as with '凤凰网网友@handle' (pieces._OPEN_HANDLE).
_HANDLE = r"[“\"「]([^“”\"「」，,。！？!?：:]{1,12})[”\"」]"
_NETIZEN_OPENS = re.compile(rf"^([^，,。！？!?：:“”\"「」]{{0,8}}网友){_HANDLE}|^署名为{_HANDLE}的网友")
_NETIZEN_CLOSES = re.compile(rf"[”\"」][，,]?([^，,。！？!?：:“”\"「」]{{0,8}}网友){_HANDLE}(?:如是|这样)?(?:说|表示|认为|写道)")
# What follows the handle: a verb of saying, or a colon a few words on whatever the verb ('网友“陶景洲”评论：', '网友“肖磊看市”
# 解读道：': the colon shows words follow; kind: netizens whose verb no list holds not read, their lines merged into the
# piece above; r202, twentieth batch, tune half).
_NETIZEN_SPEECH = re.compile(r"[^。!?！？“\"]{0,12}?(?:说|表示|认为|写道|留言|跟帖|感叹|建议)|[^。!?！？“\"，,]{0,6}?[:：]|\s*[“\"「]")


def _netizen(head: str, simple: str) -> Speaker | None:
    """The netizen a paragraph introduces by a quoted handle, or None (see _NETIZEN_OPENS)."""
    opens = _NETIZEN_OPENS.match(simple)
    if opens and _NETIZEN_SPEECH.match(simple, opens.end()):
        group = 2 if opens.group(2) else 3
        post = head[opens.start(1):opens.end(1)] if opens.group(1) else None
        return Speaker(head[opens.start(group):opens.end(group)], post, False)
    if simple[:1] in "“\"「" and (closes := _NETIZEN_CLOSES.search(simple)):
        return Speaker(head[closes.start(2):closes.end(2)], head[closes.start(1):closes.end(1)], False)
    return None


def introduced_speaker(paragraph: str, traditional: bool = False) -> Speaker | None:
    """The speaker a paragraph introduces, or None. `traditional`: the page is in traditional script
    (:func:`monitor.normalise.reads_traditional`), so the paragraph is read folded even without a telling character."""
    raw = paragraph[:2 * _HEAD]  # a superset of the head once spaces are removed: a cheap first test
    netizen = "网友" in raw or "網友" in raw
    if not (_SPEAKER_OFFICES.search(raw) or "—" in paragraph or ":" in raw or "：" in raw or traditional or looks_traditional(raw)
            or netizen):
        return None
    text = clean_text(strip_ruby(paragraph))
    head = "".join(text[:_HEAD].split())
    simple = to_simplified(head, traditional)
    if len(simple) != len(head):  # the post is taken from the printed text by position
        simple = head
    if netizen and (found_netizen := _netizen(head, simple)):
        return found_netizen
    colon = ":" in simple[2:5] or "：" in simple[2:5]
    if not colon and not _SPEAKER_OFFICES.search(simple) and "—" not in text[-_HEAD:]:
        return None
    dashed = _DASH_START.match(simple)  # '——post NAME' alone: a signature line, closing (or heading) a piece
    cut = dashed.end() if dashed else 0
    found = _person_at_head(simple[cut:])
    if found:
        name, post = found
        at = simple.find(post, cut) if post else -1
        printed = head[at:at + len(post)] if at >= 0 else post
        if len(name) == 3 and name[2] in _SPEECH_CHARS:
            name = name[:2]  # '王赤说，': the finder takes the one-character verb for the name's end
        name_at = simple.find(name, cut)
        return Speaker(head[name_at:name_at + len(name)], _POST_LEAD.sub("", printed or "") or None, bool(dashed))
    if colon:
        name = name_after(simple, 0)  # a transcript's 'NAME：' (no post printed)
        if name and simple[len(name):len(name) + 1] in (":", "：") and not _PAGE_LABEL.match(name):
            return Speaker(head[:len(name)], None, False)
    dash = next(reversed(list(_DASH_CLOSER.finditer(text))), None)  # the last dash closes the paragraph
    if dash is not None:
        tail = "".join(text[dash.end():].split())[:_HEAD]
        simple_tail = to_simplified(tail, traditional)
        if len(simple_tail) != len(tail):
            simple_tail = tail
        spans = [m.span() for m in _SPEAKER_OFFICES.finditer(simple_tail)]
        for person in find_people(simple_tail, spans) if spans else ():
            at = simple_tail.find(person.name)
            # the dash line names the speaker first ('——来自…的全国人大代表NAME'), not someone it talks about
            if min(at, person.start) <= _LEAD_MAX:
                post = _POST_LEAD.sub("", tail[person.start:person.end])
                return Speaker(tail[at:at + len(person.name)], post or None, True)
            break
    return None


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= _MAX_HEADING and not _HEADING_PUNCT.search(paragraph)


def _is_quotation(paragraph: str) -> bool:
    text = paragraph.strip()
    return text[:1] in "“\"「" and text[-1:] in "”\"」" and len(text) > 2


def split_by_speakers(paragraphs: list[str], min_speakers: int = MIN_SPEAKERS,
                      traditional: bool | None = None) -> tuple[Piece, ...]:
    """The pieces of a page whose paragraphs introduce at least `min_speakers` different speakers, else ().
    `traditional`: the page's script as a caller decided it already (:func:`monitor.normalise.reads_traditional`, a
    pass of OpenCC over the whole page), else decided here."""
    if len(paragraphs) < min_speakers:
        return ()
    if traditional is None:  # one decision for the page, every paragraph folded alike
        traditional = reads_traditional("".join(paragraphs))
    found = [introduced_speaker(p, traditional) for p in paragraphs]
    for i, speaker in enumerate(found):
        # a dash line alone under a short quotation and above the prose is the piece's signature line, heading
        # what follows ('“quotation”' / '——post NAME' / the piece), not closing what is above
        if speaker and speaker.closes and 0 < i < len(paragraphs) - 1 and _DASH_START.match(paragraphs[i].strip()) \
                and len(paragraphs[i - 1]) <= _SHORT_ABOVE:
            found[i] = replace(speaker, closes=False)
    marks = [(i, s) for i, s in enumerate(found) if s is not None]
    openers = [(i, s) for i, s in marks if not s.closes]
    closers = [(i, s) for i, s in marks if s.closes]
    use_closers = len({s.name for _, s in closers}) > len({s.name for _, s in openers})
    chosen = closers if use_closers else openers
    if len({to_simplified(s.name, traditional) for _, s in chosen}) < min_speakers:
        return ()
    # one speaker introduced again in the next paragraphs keeps the piece
    changes: list[tuple[int, Speaker]] = []
    for i, speaker in chosen:
        if changes and changes[-1][1].name == speaker.name:
            continue
        changes.append((i, speaker))
    pieces = []
    if use_closers:
        top = 0
        for n, (i, speaker) in enumerate(changes):
            body = [p for p in paragraphs[top:i + 1] if p.strip()]
            if n == 0 and len(body) > 3:  # the text above the first piece is a lead: the piece is its last lines
                body = body[-3:]
            headline = ""
            if body and _is_heading(body[0]):
                headline = body.pop(0)
            pieces.append(Piece(headline=headline, body="\n\n".join(body), author=speaker.name,
                                author_post=speaker.post))
            top = i + 1
    else:
        # a quotation alone in the paragraph above the speaker's is the speaker's ('“…”' then 'post NAME说')
        changes = [(i - 1 if i > 0 and _is_quotation(paragraphs[i - 1]) and i - 1 not in dict(changes) else i, s)
                   for i, s in changes]
        starts = [i for i, _ in changes]
        ends = [*starts[1:], len(paragraphs)]
        for (i, speaker), end in zip(changes, ends, strict=True):
            headline = ""
            body = [p for p in paragraphs[i:end] if p.strip()]
            if body and end < len(paragraphs) and _is_heading(body[-1]):
                body.pop()  # the next speaker's sub-headline
            if i > 0 and _is_heading(paragraphs[i - 1]):
                headline = paragraphs[i - 1]
            pieces.append(Piece(headline=headline, body="\n\n".join(body), author=speaker.name,
                                author_post=speaker.post))
    return tuple(pieces)
