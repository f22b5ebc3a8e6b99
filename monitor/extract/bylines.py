"""Bylines: who wrote a piece and in what post. Pure functions; no I/O.

Patterns :func:`find_author` reads (first hit wins):
1. a label and names: ``作者：张三``, ``记者 张三 李四``, ``本报记者 张三``, ``文/张三``,
   ``撰文：``, ``发帖人：``, ``楼主：``, ``博主：``, ``By ...``; names are 2–4 Han characters
   or a user name (forums), several separated by spaces, ``、`` or commas; after ``By``, romanised names
   (:mod:`monitor.extract.romanised`);
2. :func:`split_byline` reads a newspaper byline ``郭军军 包头稀土高新区管委会主任``: a name,
   then a post that ends in an office word (主任, 书记, 市长, ...).
Role words (``本报记者``, ``通讯员``, ``实习生``) are dropped from names; editor lines
(``责任编辑``) are never an author.
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.extract.romanised import by_names
from monitor.normalise import clean_text, to_simplified
from monitor.tag.gazetteer import load_gazetteer, load_places
from monitor.tag.people import COMPOUND_SURNAMES, name_after, name_before_speech, post_ends

__all__ = ["split_byline", "find_author", "names_only", "editor", "citation_authors", "copyright_person", "person_source",
           "user_name", "USER_CARD", "PROFILE_CARD", "looks_like_name", "EDITOR_LINE", "PHOTO_CREDIT", "POST_WORDS",
           "site_name", "name_at", "post_then_name", "SIGNATURE_POST_END", "NOT_A_POST", "name_ends_at",
           "signing_line", "names_under_label", "introduces_person",
           "signed_names", "bracket_reporter", "people_only", "office_signature", "role_line", "reference_line",
           "credited_writers", "opens_with_office", "REPORTER_WORDS", "WRITER_LABELS"]

_HAN_NAME = r"(?:[\u4e00-\u9fa5]{2,6}·[\u4e00-\u9fa5]{2,6}|[\u4e00-\u9fa5]{2,4})"  # 阿依努尔·买买提
_USER_NAME = r"(?=.*[A-Za-z0-9&])[A-Za-z0-9_\-.&\u4e00-\u9fa5]{2,20}"
POST_WORDS = re.compile(
    r"(主任|书记|市长|区长|局长|院长|县长|省长|州长|镇长|主席|委员|部长|厅长|董事长|总经理|总裁|经理|负责人|处长|科长|"
    r"专家|教授|研究员|所长|校长|秘书长|会长|理事长|总监|总编|社长|行长|总工程师|副研究员|干部|党组成员)$"
)
# Labels that name the writer, strongest first: an explicit author label (user names allowed),
# then a reporter label (Han names only).
_LABEL = re.compile(
    # a credit for the text and pictures, or a photo story's, heading the names' line ('攝影報道/亢建偉', '文/图 王培珂':
    # datecheck twenty-first batch, handmsg.com, tune half): read before '文/' alone, which would leave '图' in front of
    # the names; after a reporter's names it credits them ('记者 王五 文/图 通讯员 赵六' names all three)
    r"(?:^[\s□■●◆]*(?:(?:摄影报道|攝影報道|图文|圖文|文图|文圖)\s*[/／:：|｜丨]|(?:文\s*[/／]\s*[图圖]|[图圖]\s*[/／]\s*文)\s*[/／:：|｜丨]?)"
    # ... maybe crediting the video or sound as well, set off like a credit ('文/图/视频 李明', '图文/视频 李明': review of
    # round seven; a menu's bars, '图文|视频|专题', are no credit)
    r"(?:\s*(?:视频|視頻|摄像|攝像|音频|音頻)(?:\s*[/／]|\s+))?\s*(?=[\u4e00-\u9fa5])"
    r"|(?<![责任编辑审核校对])(?:作者|撰文|撰稿|文字|发帖人|发贴人|楼主|博主|发布者|发表者|发布人|投稿人|署名)\s*[:：]"
    r"|(?<![\u4e00-\u9fa5])文\s*[/／|｜丨:：]|(?:作者|撰文|撰稿)\s*[丨|｜]|\bBy\s+|\b[Pp]osted\s+by\s+|(?<=\d)\s*by\s+)\s*"
)
# An author label with no colon, only a space ('作者 邢翀'): the names after it must look like names.
_LABEL_SPACED = re.compile(r"(?<![\u4e00-\u9fa5])(?:本文)?(?:作者|撰文|撰稿)\s+(?=[\u4e00-\u9fa5])")
# A reporter label, then its names after a colon, a space or a bar ('每经记者|肖纯 每经编辑|杨欢': datecheck seventh
# batch, mudanzc.cn, tune half; the bar is the separator sites print after '作者' and '文' as well).
_REPORTER = re.compile(r"(?:本报|本网|本台|本刊|新华社|央视|特约|实习|首席|驻\S{1,4})?(?:记者|通讯员)\s*[:：|｜丨]?\s*")
_POSTED_BY = re.compile(r"由\s*([^\s@]{2,20}?)\s*(?:于|张贴|发表|发布|@)")
_TRAILING = re.compile(r"[（(]\s*(?:(?:本报|特约|实习)?(?:记者|通讯员)\s*)?([\u4e00-\u9fa5]{2,4}(?:[\s、]+[\u4e00-\u9fa5]{2,4}){0,3})"
                       r"\s*(?:[\u4e00-\u9fa5]{2,4}报道)?\s*[)）]\s*$")
_ONLY_NAMES = re.compile(r"[\u4e00-\u9fa5]{2,4}(?:[\s、]+[\u4e00-\u9fa5]{2,4}){0,3}")
# A list of two to six names set apart by commas (a journal's author line), a two-character name maybe padded to
# the width of three with one space ('徐 君,郭 鑫').
_ONE_NAME = r"(?:[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5][ \u3000][\u4e00-\u9fa5])"
_NAME_LIST = re.compile(rf"{_ONE_NAME}(?:\s*[,，、]\s*{_ONE_NAME}){{1,5}}")
_ROLE = re.compile(r"^(?:本报|本网|本台|本刊|特约|实习|首席|新华社)?(?:记者|通讯员|实习生|摄影|摄|编辑|作者|撰文)[:：]?")
# The labels of the people who edit a page, not write it.
_EDITOR_LABELS = "责任编辑|责编|编辑|审核|审校|校对|终审|初审|值班编辑|美编|监制"
# A picture's or a contributor's field label run into the name before it, with no space ('文字:胡松图片:胡松编辑:季娴':
# datecheck nineteenth batch, xzit.edu.cn, tune half): the next field's label ends the names.
_NEXT_FIELD = r"(?:图片|照片|图|视频|摄像|供稿|供图|配图)\s*[:：丨|｜/／]"
_STOP = re.compile(
    rf"(来源|出处|发布|发表|时间|日期|{_EDITOR_LABELS}|点击|浏览|阅读|字号|评论|报道|摄影|摄|{_NEXT_FIELD}|[|｜(（)）【\[<>《]|"
    r"(?:19|20)\d\d(?=\s*[-/.年])|\b(?:19|20)\d\d\b)"
)
# A photo credit ('图/李四', '文·图/刘七'): the author when the page names no writer.
_PHOTO_LABEL = re.compile(r"(?<![\u4e00-\u9fa5])(?:图|摄影|摄)\s*[/／|｜:：]\s*")
# A site, a paper or a company given where a person's name belongs ('作者：新华网'): never an author.
_SITE_NAME = re.compile(r"(?:网|报|社|台|刊|站|新闻|在线|频道|中心|杂志|传媒|集团|公司|编辑部|工作室)$")
# Common surnames (single and compound): a Han name found without an explicit author label must
# start with one, which keeps verbs such as 了解/采访/致电 after '记者' out of the author field.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞"
    "颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商"
    "刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海"
    "阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邱雍辜羊阿乌母裘亓修邰赫杭况"
    "那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    # surnames of the 百家姓 the list lacked ('来自北京的全国人大代表怀进鹏表示': roundup r54, tune half), without
    # those that are everyday words (山, 东, 经, 习, 通, 红...)
    "洪赖怀郦宓荀逄濮訾蒯璩庾夔邴厍"
    # rare surnames whose characters are hardly ever anything else ('（禤文科 王强）' is two writers, no office and a
    # writer: review of round eleven)
    "禤缑眭隗酆雒仉郄禚笪郗庹佴琚"
)
_NOT_NAMES = {"本报", "记者", "通讯员", "作者", "来源", "编辑", "网友", "匿名", "佚名", "未知", "admin", "本站", "原创",
              "转载", "管理员", "游客", "报道", "综合", "整理", "关注", "粉丝", "私信", "收藏", "分享", "点赞", "评论", "转发",
              "回复", "举报", "登录", "注册", "首页", "简介", "介绍", "声明", "信息", "专栏", "文章", "相关", "其他", "更多",
              "投稿", "联系", "单位"}
_NEXT_LABEL = re.compile(rf"\s*(?:{_EDITOR_LABELS}|来源|出处|时间|日期)\s*[:：]")
EDITOR_LINE = re.compile(rf"^[\[【(（]?\s*({_EDITOR_LABELS})\s*[:：]")
# A photo credit on a line of its own ('新华社记者 姚大伟摄', '本报记者 邹雅婷摄'): names a photographer, never
# the writer (roundup r50, tune half: the page's first lines are photo captions).
PHOTO_CREDIT = re.compile(r"^(?:\S{0,12}?(?:记者|通讯员|摄影师?)\s*)?[\u4e00-\u9fa5·]{2,8}(?:[\s、]+[\u4e00-\u9fa5]{2,4}){0,3}"
                          r"\s*(?:摄影?|供图)$")


def site_name(token: str) -> bool:
    """A site, paper or company written where a person's name belongs ('新华网', '中国青年报')."""
    return bool(_SITE_NAME.search(token))


# A form of address or a name withheld after a surname ('王先生', '张女士', '李同志', '胡同学', '张某', '王某某'): the person
# a text speaks of or a contact, never a writer's name (review of round eleven).
_ADDRESS_FORM = re.compile(r"(?:先生|女士|小姐|同志|同学|某)$")


def looks_like_name(token: str) -> bool:
    """A 2–3 character Han name starting with a common surname, or a 3–4 character one starting with a
    compound surname: four characters behind a single-character surname are nearly always a word
    (相关文章, 高新技术) and very rarely a name. A form of address is none ('王先生', '张某')."""
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,6}·[\u4e00-\u9fa5]{2,6}", token):
        return True  # a transliterated name (维吾尔族, 藏族 names): '阿依努尔·买买提'
    if not re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", token) or token in _NOT_NAMES or _ADDRESS_FORM.search(token):
        return False
    return token[:2] in COMPOUND_SURNAMES or (len(token) <= 3 and token[0] in _SURNAMES)


# A two-character name padded to the width of three ('文/孙 鑫 王珏婧 戴 薇': datecheck sixth batch, tune half): a
# single character that is a surname, one space, a single character.
_PADDED_NAME = re.compile(r"(?<![\u4e00-\u9fa5])([\u4e00-\u9fa5])[ \u3000]([\u4e00-\u9fa5])(?![\u4e00-\u9fa5])")


def _unpad(match: re.Match[str]) -> str:
    first = match[1]
    surname = first in _SURNAMES or to_simplified(first, force=True) in _SURNAMES
    return match[1] + match[2] if surname else match[0]


# Who an author label may name that is no person (issue 18: editors dropped, a site never an author): a staff role
# ('作者：小编', '作者：网站采编', '管理员', '站长').
_STAFF = re.compile(r"(?:小编|采编|网编|编者|编辑|管理员|站长)$")


def _names(text: str, allow_user: bool, strict: bool = False) -> list[str]:
    if _NEXT_LABEL.match(text):  # an empty label: '作者：责任编辑：肖春芳' names an editor, not an author
        return []
    stop = _STOP.search(text)
    # a word glued to the field word that follows it ('作者：  语音阅读：', '作者：开发区发布') is that field's label or an
    # account's name, unless it looks like a person's (datecheck eleventh batch, dingan.hainan.gov.cn, tune half)
    glued = bool(stop and stop.start() and re.match(r"[\u4e00-\u9fa5]{2}", text[stop.start() - 1: stop.end()]))
    text = _PADDED_NAME.sub(_unpad, text[: stop.start()] if stop else text)
    kept: list[str] = []
    # a comma ends a name: '作者：项飙，英国牛津大学人类学院教授' (the post follows; datecheck sixth batch, tune half); a
    # question mark is a separator a mirror could not encode ('记者 吴美章 阮锡桂 陈晓燕?来源': datecheck eleventh batch,
    # xpshebei.com, tune half)
    tokens = re.split(r"[\s、;；/／,，丨?？]+", text.strip())
    if glued and tokens and not looks_like_name(to_simplified(tokens[-1], force=True)):
        tokens.pop()
    for token in tokens:
        token = _ROLE.sub("", token.strip("：:·.。"))
        if not token:
            continue
        if token in _NOT_NAMES or _SITE_NAME.search(token) or _STAFF.search(token) or not re.search(r"[^\d\W_]", token):
            if kept:
                break
            continue
        if ((looks_like_name(token) and token[-1] not in _NOT_A_NAME_END) if strict else re.fullmatch(_HAN_NAME, token)) or (
                allow_user and re.fullmatch(_USER_NAME, token)):
            kept.append(token)
        else:
            break
        if len(kept) >= 6:
            break
    return kept


# What every pattern find_author reads holds at least one of (a label word, 'by', '由', a photo label,
# a closing bracket): a text with none of them is passed over with one search (most blocks of a page).
_ANY_LABEL = re.compile(r"作者|撰文|撰稿|文字|[摄攝]影[报報]道|[图圖]文|文[图圖]|发帖人|发贴人|楼主|博主|发布者|发表者|发布人|投稿人|署名|文\s*[/／|｜丨:：]|By|by|由|"
                        r"记者|通讯员|(?:图|摄影|摄)\s*[/／|｜:：]|[)）]|讯")
# A newspaper's dateline with its writers in brackets and no role word: '本报讯 （王文 肖兆力）近日…'
# (datecheck, paper.ycnews.cn, tune half).
_DATELINE_NAMES = re.compile(r"(?:报|刊|网|台)讯\s*[（(]\s*([\u4e00-\u9fa5]{2,4}(?:[\s、，,]+[\u4e00-\u9fa5]{2,4}){0,5})\s*[)）]")


def find_author(text: str, allow_user: bool = True, strength: int = 3) -> str | None:
    """Author names (space-separated) from a labelled byline in `text`, or None.

    `strength` limits the patterns: 1 an author label or 'posted by' only; 2 also reporter
    labels; 3 also names in brackets closing a paragraph ('（记者 胡晓蓉）').
    """
    if not _ANY_LABEL.search(text):
        return None
    if text.lstrip().startswith("by ") and (found := by_names(text[:120])):  # 'by David Parmer' alone on its line
        return found
    for match in _LABEL.finditer(text):
        # an English byline names people by two or three capitalised words each ('By Hu Haiyan, Song Wenwei and Zhou
        # Furong'): kind: only its first word was read, or none where no user name is allowed (datecheck eighteenth
        # batch, bjreview.com, tune half)
        if match[0].strip()[-2:] in ("By", "by") and (found := by_names(text[match.start(): match.start() + 120])):
            return found
        names = _names(text[match.end(): match.end() + 60], allow_user)
        if names:  # an English label ('By', 'posted by') names one user: the words after it are prose
            return " ".join(names[:1] if match[0].strip()[-2:] in ("By", "by") else names)
    if allow_user and (match := _POSTED_BY.search(text)) and match[1] not in _NOT_NAMES:
        return match[1]
    for match in _LABEL_SPACED.finditer(text):
        names = _names(text[match.end(): match.end() + 40], False, strict=True)
        if names:
            return " ".join(names)
    if strength >= 2:
        for match in _REPORTER.finditer(text):
            after = text[match.end(): match.end() + 60]
            names = _names(after, False, strict=True)
            if names and not _photographed(after, names):
                return " ".join(_later_roles(text, match.end(), names))
        if match := _DATELINE_NAMES.search(text):
            names = _names(match[1].replace("，", " ").replace(",", " "), False, strict=True)
            if names and len(names) == len(re.split(r"[\s、，,]+", match[1].strip())):  # names only, every one
                return " ".join(names)
    for match in _PHOTO_LABEL.finditer(text):
        names = _names(text[match.end(): match.end() + 40], False, strict=True)
        if names:
            return " ".join(names)
    if strength >= 3 and (match := _TRAILING.search(text)):
        names = _names(match[1], False, strict=True)
        if names:
            return " ".join(names)
    return None


# What may stand between one role's names and the next role on a byline line: a credit for the text and pictures.
_CREDIT_GAP = re.compile(r"^[\s、，,/／|｜]*(?:(?:文|图|圖|报道|報道)[\s/／、]*)*$")


def _later_roles(text: str, start: int, names: list[str]) -> list[str]:
    """`names`, then the writers of the roles that follow them on the line, with only a credit between
    ('记者 王五 文/图 通讯员 赵六 钱七' -> 王五 赵六 钱七). Kind: the next role's writers dropped (datecheck seventeenth
    batch, 163.com, tune half: the roles on two lines; issue 18's '□ 记者 A B 文/图 通讯员 C' on one)."""
    found, at = list(names), start
    for match in _REPORTER.finditer(text, start):
        gap = text[at: match.start()]
        for name in found:
            gap = gap.replace(name, "", 1)
        more = _names(text[match.end(): match.end() + 60], False, strict=True)
        if not _CREDIT_GAP.match(gap) or not more:
            break
        found += [name for name in more if name not in found]
        at = match.end()
    return found


def _photographed(after: str, names: list[str]) -> bool:
    """The names after a reporter label credit a photo ('（新华社记者刘卫兵摄）'): a photographer, not the
    writer (datecheck, news.cri.cn, tune half)."""
    # the last name as printed, maybe padded to three characters ('新华社记者 刘 潇摄': datecheck eighth batch,
    # paper.people.com.cn, tune half)
    last = re.search("[ \u3000]?".join(map(re.escape, names[-1])), after)
    rest = after[last.end():].lstrip() if last else ""
    return rest.startswith(("摄", "攝")) and not rest.startswith(("摄影报道", "攝影報道"))  # a photo story is written


# A reporter signing alone on a line, nothing after the name but '报道' or a credit for the text and pictures
# ('本报记者  佳华/报道', '记者 佳华 报道'): the line's shape names the writer, so the name need not start with a common
# surname (a pen name: datecheck ninth batch, cnepaper.net, tune half).
_SIGNING_LINE = re.compile(r"^[（(]?\s*(?:本报|本网|本台|本刊|特约|实习|见习|首席)?(?:记者|通讯员)\s*[:：]?\s*"
                           r"([\u4e00-\u9fa5]{2,3})\s*(?:[/／]?\s*(?:报道|文/?图|文))?\s*[)）]?$")


# A dateline's bracket holding a role and one name, nothing else ('本網訊(通訊員:望小潔)'): the shape names the writer even
# when the surname is a rare one (datecheck fifteenth batch, kaxingkj.cn, tune half).
_BRACKET_REPORTER = re.compile(r"(?:讯|电|消息)\s*[（(]\s*(?:本报|本网|本台|本刊|特约|实习|见习|首席)?(?:记者|通讯员)\s*[:：]?\s*"
                               r"([\u4e00-\u9fa5]{2,3})\s*[)）]")


def bracket_reporter(text: str) -> str | None:
    """The one writer a dateline's bracket names by role ('本网讯(通讯员:望小洁)' -> '望小洁'), simplified text; a word, a
    site or a staff role is no name."""
    match = _BRACKET_REPORTER.search(text)
    if not match:
        return None
    name = match[1]
    if name in _NOT_NAMES or site_name(name) or _STAFF.search(name) or name[:2] in _SURNAME_WORDS \
            or _NOT_A_PEN_NAME.search(name):
        return None
    return name


# Words a reporter's label may run into that are no name ('记者获悉', '记者了解到').
_NOT_A_PEN_NAME = re.compile(r"报道|获悉|了解|采访|综合|摄|发现|看到|走访|从")


def signing_line(text: str) -> str | None:
    """The writer a signing line names ('本报记者  佳华/报道' -> '佳华'), or None: a word (报道, 获悉), a site or a staff
    role is no name."""
    match = _SIGNING_LINE.match(text.strip())
    if not match:
        return None
    name = match[1]
    if name in _NOT_NAMES or site_name(name) or _STAFF.search(name) or name[:2] in _SURNAME_WORDS \
            or re.search(r"报道|获悉|了解|采访|综合|摄", name):
        return None
    return name


# A byline line of role words and names only, maybe closed by a credit for the text and pictures ('本报记者 卢文军 通讯员
# 刘家一郎 郝世杰 文/图'): the line's shape names the writers, so a name of four characters behind a single surname is
# read there too (kind: the next role's names dropped at a four-character name; datecheck nineteenth batch,
# dzb.zzrbnews.com, tune half). Every name must still start with a surname and be no word.
_ROLE_WORD = r"(?:本报|本网|本台|本刊|特约|实习|见习|首席)?(?:记者|通讯员|实习生)"
# A name's character is no role word's start: a name never runs into the next role, so each line reads one way only
# and the space after a role is read one way (names that could be roles, and a space either side of an absent colon,
# made the match try every split: exponential time; review of round seven).
_ROLE_NAME = rf"(?:(?!{_ROLE_WORD})[\u4e00-\u9fa5]){{2,4}}"
_ROLE_LINE = re.compile(rf"^[□■●◆]?\s*(?:{_ROLE_WORD}\s*(?:[:：]\s*)?{_ROLE_NAME}(?:[\s、]+{_ROLE_NAME})*\s*)+"
                        r"(?:[/／]?\s*(?:文\s*[/／]\s*图|图\s*[/／]\s*文|报道))?$")


# The words that credit a writer by role, in both scripts, and the labels that name one: one vocabulary for the credit
# reader here and the extractor's tests of a credited line (kind: the lists disagreed, '撰稿' and '报道' in one and not
# the other: review of round nine).
REPORTER_WORDS = "记者|記者|通讯员|通訊員|实习生|實習生"
WRITER_LABELS = "作者|撰文|撰稿|文字"
_ANY_ROLE = re.compile(REPORTER_WORDS)


def role_line(text: str) -> str | None:
    """The writers a line of role words and names names ('本报记者 卢文军 通讯员 刘家一郎 郝世杰 文/图' -> '卢文军 刘家一郎
    郝世杰'), as printed; None unless every name starts with a surname and is no word, a site or a staff role."""
    if not _ANY_ROLE.search(text):  # most lines: no role word, no script conversion
        return None
    simple = to_simplified(text.strip(), force=True)
    if not _ROLE_LINE.match(simple):
        return None
    credit = re.search(r"\s*[/／]?\s*(?:文\s*[/／]\s*图|图\s*[/／]\s*文|报道)$", simple)
    body = simple[: credit.start()] if credit else simple
    names = [n for n in re.split(rf"{_ROLE_WORD}\s*[:：]?|[\s、□■●◆]+", body) if n]
    for name in names:
        surname = name[:2] in COMPOUND_SURNAMES or name[0] in _SURNAMES
        if not surname or name in _NOT_NAMES or name[:2] in _SURNAME_WORDS or site_name(name) or _STAFF.search(name) \
                or name[-1] in _NOT_A_NAME_END or _NOT_A_PEN_NAME.search(name):
            return None
    return _as_printed(" ".join(names), simple, text.strip()) if names else None


# An affiliation's number after a name in a journal's author line ('张三1,2*', '李四等1'), then a separator or the next name.
_AFFILIATION_MARK = re.compile(r"(?<=[\u4e00-\u9fa5])等?\d{1,2}(?:[,，]\d{1,2})*\*?\s*[,，、]?\s*(?=[\u4e00-\u9fa5]|$)")


# An author label alone on its line ('作者|', '作者：', '撰文'): the names head the lines under it.
_BARE_LABEL = re.compile(r"^(?:本文)?(?:作者|撰文|撰稿|文)\s*[:：|｜丨/／]?\s*$")
# A line under a bare label: a name, then nothing or, past a space, the writer's post ('王新哲  某学会秘书长,…').
_NAME_HEADING = re.compile(r"^([\u4e00-\u9fa5]{2,4})(?:$|\s+\S)")


# Names alone on a line, then what they did: a photo story, a report, text and pictures ('肖家鑫 雷 捷攝影報道').
_SIGNED_NAMES = re.compile(r"^(?:[\u4e00-\u9fa5]{2,8}[:：]\s*)?(.{2,24}?)\s*[/／]?\s*(?:摄影报道|报道|文/?图|图/?文)\s*$")


def signed_names(text: str) -> str | None:
    """The writers a line of names signs with what they did and no role word ('肖家鑫 雷 捷攝影報道' -> '肖家鑫 雷捷',
    datecheck fourteenth batch, xuehua.us, tune half), maybe after a desk's or a region's label ('华东区:王春玉 报道':
    fifteenth batch, suneasecloud.com, tune half), every name looking like one; a photo alone (摄) is no writing."""
    match = _SIGNED_NAMES.match(to_simplified(text.strip(), force=True))
    found = people_only(match[1]) if match else None
    return _as_printed(found, to_simplified(text.strip(), force=True), text.strip()) if found else None


# An office signing the text it sent in: its name, then the writer's ('宣传科 韩 娇', '党委宣传部 李四'; a hospital's,
# a school's or a county office's news; datecheck nineteenth batch, kenatoys.com, tune half). The office's name ends
# with an office's word; the name is a person's, maybe padded to the width of three.
_OFFICE_SIGNATURE = re.compile(r"^([\u4e00-\u9fa5]{1,12}(?:科|处|办|室|部|中心|局|院|队|站|所|委|组|社区|支部|工会))[ \u3000]+"
                               r"([\u4e00-\u9fa5](?:[ \u3000]?[\u4e00-\u9fa5]){1,2})$")


def office_signature(text: str) -> str | None:
    """The writer an office's signature line names ('宣傳科 韓 嬌' -> '韓嬌'), as printed; None unless the name after the
    office looks like a person's (a staff word, a site or a second office is none)."""
    # most lines are no office's signature in either script (the office words a script changes: 处办队组区会)
    if not _OFFICE_SIGNATURE.match(text.strip()) and not re.search(r"[處辦隊組區會]", text):
        return None
    simple = to_simplified(text.strip(), force=True)
    match = _OFFICE_SIGNATURE.match(simple)
    if not match:
        return None
    name = re.sub(r"[ \u3000]", "", match[2])
    # a two-character name unpadded after an office is as often a word ('区统计局 解读', '… 公告', '… 谢谢'): the
    # signature's name is three characters wide, a two-character one padded ('韩 娇'); a staff title ('王主任') is no
    # name, and the tagger's name reader must take it whole (review of round seven)
    if len(match[2]) < 3 or not looks_like_name(name) or name[:2] in _SURNAME_WORDS or _STAFF.search(name) \
            or POST_WORDS.search(name) or site_name(name) or name[-1] in _NOT_A_NAME_END or name_after(name, 0) != name:
        return None
    start = match.start(2)
    return re.sub(r"[ \u3000]", "", text.strip()[start:])


# The last character of an office, an organisation or a part of a document, never of a person's given name:
# '（林业局）', '（全文完）', '（原标题）' close a text like a signature and start with a surname (review)
_NOT_A_NAME_END = frozenset("局委办厅处所站队社报台网院部司馆完题稿")


def people_only(text: str) -> str | None:
    """A line of names (:func:`names_only`) whose every name looks like a person's: a word that starts with a surname
    ('高新区', '全国'), a site, or one ending like an organisation or a document's part ('林业局', '全文完') is none."""
    found = names_only(text)
    names = [to_simplified(n, force=True) for n in (found or "").split()]
    if not names or not all(looks_like_name(n) and n[:2] not in _SURNAME_WORDS and not site_name(n)
                            and n[-1] not in _NOT_A_NAME_END for n in names):
        return None
    return found


# A line that is nothing but a byline, the general shape behind most of the text pages' misses as they arrived batch
# after batch (datecheck batches four to twenty-two, tune halves, each once fixed by a rule of its own): maybe a marker,
# maybe an outlet and a role word, then one to four names, maybe a closing credit word ('刘祺', '本报记者 李倩',
# '極目新聞記者 关前裕', '記者:楊鑫', '本报记者  佳华/报道', '韩 晓 赵阳华', '陈伟东、孔娜娜').
_WRITER_LINE = re.compile(r"^[□■●◆◎]?\s*(?:(?:[\u4e00-\u9fa5]{0,10}?(?:记者|記者|通讯员|通訊員|实习生|實習生)|作者|撰文)"
                          r"\s*[:：/／|｜丨]?\s*|文\s*[:：/／|｜丨]\s*)?(?P<names>[^:：/／|｜丨]{2,24}?)\s*(?:[/／]?\s*(?:报道|報道))?$")
# What a writer's line never holds: an editor's or a photographer's label (a photographer alone writes nothing), a
# sentence's or a field's punctuation.
# The last character of an office signing a line ('宣傳科 韓 嬌' is an office and its writer, read elsewhere).
_OFFICE_END = frozenset("科处室部局委办组队站所院厅")
# ... and what ends a title or a body's name before a name on a line ('管委会 张伟', '区长 王芳', '董事 王芳', '申请人
# 张伟': a notice's or a letter's signature, a leader's title; review)
_TITLE_END = _OFFICE_END | frozenset("会长事人机司")
_NOT_A_WRITER_LINE = re.compile(rf"{_EDITOR_LABELS}|責任編輯|編輯|審核|校對|摄|攝|图|圖|来源|來源|[。！？!?；;，]")


def writer_line(text: str) -> str | None:
    """The writers a short line of names only names: :data:`_WRITER_LINE`, every name a person's by the strict name
    test (:func:`people_only`: a common surname, two to three characters, no word starting with a surname, no site and
    no office), never an editor's or a photographer's line."""
    if len(text) > 30 or _NOT_A_WRITER_LINE.search(text) or not (match := _WRITER_LINE.match(text.strip())):
        return None
    printed = match["names"].strip()
    # read in simplified script (the surname list's), given back as printed ('記者:楊鑫' -> '楊鑫')
    simple = to_simplified(printed, force=True)
    found = people_only(simple)
    if not found or any(name[-1] in _TITLE_END or POST_WORDS.search(name) or _STAFF.search(name) or is_common_word(name)
                        for name in found.split()):
        return None
    found = " ".join(dict.fromkeys(found.split()))  # a name printed twice ('記者:楊鑫 楊鑫') is one writer
    return _as_printed(found, simple, printed) if len(simple) == len(printed) else found


# A credit's labels, role by role. A writer's role or label ('记者', '全媒体记者', '通讯员', '图文:', '文/', '撰稿:'); a
# label of those who write nothing (editors and reviewers, photographers, video makers, sources, the staff of a
# production); what a credit's names may be followed by ('摄': they took the pictures; '报道': they wrote it).
# An outlet's short name before a role ('每经记者', '每经编辑', '极目新闻记者'), ending as outlets do.
_OUTLET = r"(?:[\u4e00-\u9fa5]{0,6}?(?:报|网|经|社|台|新闻|融媒|传媒))?"
_WRITER_ROLE = (rf"(?:(?:本报|本网|本台|本刊|特约|实习|见习|首席|全媒体|融媒体|报社|{_OUTLET})(?:记者|通讯员|报道员)|实习生"
                r"|(?:作者|撰文|撰稿|文字|图文|文图|文\s*[/／]\s*图|图\s*[/／]\s*文)(?:\s*[:：/／|｜])?|文\s*[:：/／|｜]"
                r"|摄影报道)")
# The staff of a production who write nothing, a closed vocabulary (simplified script): each ends the names of the role
# before it (kind: '记者 王明 剪辑 刘洋' read as three writers, '剪辑' among them; '实习编辑' read as a writer '实习': review
# of round nine). A trainee's, a duty or an executive prefix before an editor's or a staff label is part of it.
_STAFF_ROLES = ("剪辑|策划|统筹|设计|制图|翻译|主播|出品|排版|航拍|配音|制作|主编|签发|导演|出镜|后期|插画|主持|数据|编导|指导|"
                "美术|视觉|制片|录音|字幕|编审|值班|通联|海报|动画|拍摄|摄制|校审|总监|协调")
_STAFF_LABEL = rf"(?:实习|见习|执行|值班|责任|总)?(?:{_EDITOR_LABELS}|{_STAFF_ROLES})"
_OTHER_ROLE = (rf"(?:{_OUTLET}(?:{_EDITOR_LABELS})|{_STAFF_LABEL}|摄影记者|摄像记者|摄影|摄像|视频|图片|来源|供稿|供图"
               r"|图\s*[:：/／|｜])")
_CREDIT_PART = re.compile(rf"({_WRITER_ROLE}|{_OTHER_ROLE}|摄|报道)\s*[:：/／|｜]?\s*")
_WRITER_LABEL = re.compile(_WRITER_ROLE)
_REPORTER_ROLE = re.compile(rf"{REPORTER_WORDS}|报道员")  # read on the simplified credit
_CREDIT_NAME = re.compile(r"[\u4e00-\u9fa5]{2,3}")
# Characters of a sentence's grammar, never in a name ('校报记者的日常' is a heading, not a reporter named 的日常); 和, 之
# and 那 are grammar too but also names' ('张和平', '王羲之', '那英'), so they are left to the word tests.
_FUNCTION_CHARACTER = re.compile(r"[的了是在与及等们这]")
# The marks around a credit's parts.
_CREDIT_MARKS = " ,，、;；()（）[]【】□■●◆◎丨|｜"


def _writes(label: str) -> bool:
    """Whether the people a credit's label names wrote the text: a writer's role or label, or a closing '报道'."""
    return bool(_WRITER_LABEL.match(label)) or label.startswith("报道")


# Places a credit's names must not be cut into or taken for (a place run into a name, '金华王建平', is no writer: review of
# round ten): the gazetteer's places, provinces, zone cities and districts, without their suffixes (simplified script).
_PLACE_SUFFIX = re.compile(r"(?:自治区|特别行政区|自治州|地区|省|市|区|县|州|盟|旗)$")


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    names: set[str] = set()
    for place in load_places():
        names.update((place.name, place.province, place.city))
    for zone in load_gazetteer().zones:
        names.update((zone.province, zone.prefecture, *zone.districts))
    stems = {_PLACE_SUFFIX.sub("", name) for name in names}
    return frozenset(name for name in names | stems if len(name) >= 2)


def _titled(word: str) -> bool:
    """Whether a word is or ends with a title, a post or a form of address ('明老师', '小明主任', '书记')."""
    return bool(POST_WORDS.search(word)) or any(SIGNATURE_POST_END.fullmatch(word[at:]) for at in range(len(word) - 1))


# A town's, a village's or a street's ending ('黄龙镇', '白沙乡', '石门村'): three characters with a surname first are a
# place the gazetteer does not list (review of round eleven).
_TOWN_END = re.compile(r"(?:镇|乡|村|街道)$")
# The last characters of a page's words three characters long that start with a surname and end no given name: a
# page's display options and tools ('关怀版', '常规版', '全屏看', '宋体字', '高对比'), a season or a body ('黄金周',
# '顾问团'), printed after a source line's writer (review of round eleven).
_PAGE_WORD_END = frozenset("版团字看比屏页栏键码篇号周")


def _person(name: str) -> bool:
    """The strict test of one name in a credit: a common surname, two or three characters, and no word starting with
    a surname, no office's, organisation's or document part's ending, no title or form of address, no place or town,
    no compound surname alone ('欧阳'), no page's word ('关怀版')."""
    return looks_like_name(name) and name[:2] not in _SURNAME_WORDS and not is_common_word(name) \
        and name[-1] not in _NOT_A_NAME_END and name[-1] not in _TITLE_END and not site_name(name) \
        and not _STAFF.search(name) and not _titled(name) and name not in _place_names() \
        and not _PLACE_SUFFIX.search(name) and name not in COMPOUND_SURNAMES \
        and not (len(name) >= 3 and (_TOWN_END.search(name) or name[-1] in _PAGE_WORD_END))


# Parts of Tibetan, Uyghur, Kazakh and Mongolian names, which are written without a surname and run four characters or
# more ('索朗卓玛', '米热古丽', '巴图孟和'): a cut leaving one of them on either side splits one name, not two run
# together (review of round eleven: '王芳 索朗卓玛' read as three writers).
_MINORITY_NAME_PARTS = frozenset(
    "卓玛 卓嘎 古丽 古嘎 次仁 央金 孟和 巴图 努尔 达娃 拉姆 旺姆 措姆 扎西 多吉 顿珠 格桑 尼玛 平措 罗布 索朗 边巴 白玛 普布 "
    "德吉 曲珍 洛桑 丹增 旦增 次旦 益西 桑吉 仁青 强巴 巴桑 阿依 米热 热依 帕提 买买 麦麦 艾力 吐尔 阿不 斯琴 乌兰 其其 "
    "那顺 苏和 巴特 宝音 额尔 阿拉 格日".split())


def _minority_part(name: str) -> bool:
    """Whether a name cut out of a longer one is, starts with or ends with a part of a minority's name."""
    return name in _MINORITY_NAME_PARTS or name[:2] in _MINORITY_NAME_PARTS or name[-2:] in _MINORITY_NAME_PARTS


def _run_together(token: str) -> list[str] | None:
    """Two names a credit printed without the space between them ('记者 胡敏 曾实董世梅 陈岳海': datecheck twenty-sixth
    batch, news.sina.com.cn, tune half): four to six characters cut into two names of two or three characters, each
    passing the strict test (:func:`_person`: a common surname, no title, no place, no office), and only when exactly
    one cut does so. A name and a title ('王小明老师'), a place and a name ('金华王建平' when the place is known), a
    word are no two names (review of round ten). Four characters are never cut: two names of two characters each are
    rare, and a minority's name runs four characters ('索朗卓玛', '米热古丽', '巴图孟和'); no cut leaves a minority
    name's part on either side ('李达娃卓玛'), nor a compound surname's name (review of round eleven)."""
    # a compound surname and its given name are one name ('欧阳明高' is no '欧阳' and '明高')
    if not 5 <= len(token) <= 6 or token[:2] in COMPOUND_SURNAMES or _titled(token) \
            or _FUNCTION_CHARACTER.search(token):
        return None
    cuts = [[token[:at], token[at:]] for at in (2, 3) if 2 <= len(token) - at <= 3]
    good = [cut for cut in cuts if all(_person(name) and not _minority_part(name) for name in cut)]
    return good[0] if len(good) == 1 else None


# The last characters of an office a bracket names before its writer that never end a given name ('党群部', '办公室',
# '人事处'); 科, 委, 院 and 站 do ('王文科': review of round ten), so an office ending with them must not look like a name.
_OFFICE_ONLY_END = frozenset("部处室办局厅所队组")
_OFFICE_WORD_END = re.compile(r"(?:科|处|办|室|部|中心|局|院|队|站|所|委|组|社区|支部|工会)$")
_OFFICE_TOKEN = re.compile(r"[\u4e00-\u9fa5]{3,}")


def _office(token: str) -> bool:
    """Whether a credit's first part is an office signing before its writers ('(党群部 张成惠)', '(文/材料工程学院
    冯洁)'): Han characters only (no '联系人：经发局'), it ends as offices do, and is no person's name (three characters
    with a surname first, rare ones too ('禤文科'), are an office only when they end with a character no given name ends
    with) and no place."""
    if not _OFFICE_TOKEN.fullmatch(token) or not _OFFICE_WORD_END.search(token) or token in _place_names():
        return False
    return not looks_like_name(token) or token[-1] in _OFFICE_ONLY_END


def opens_with_office(credit: str) -> bool:
    """Whether a credit's first part is an office, its writers after it ('经发局 陈海燕')."""
    first = credit.strip(_CREDIT_MARKS).split(maxsplit=1)
    return bool(first) and _office(first[0])


def _credit_names(part: str, role: str | None) -> list[str] | None:
    """The names one part of a credit holds (``role`` the label before it, None for none), None when it holds anything
    else. Right after a reporter's role a name needs no common surname ('记者 咸明': the role is the evidence); after an
    author's label ('作者：', '文/'), which may name a column, a body or a kind of people as well ('作者：评论员', '文/学校',
    '文字实录': review of round nine), and bare, the strict test (:func:`looks_like_name`). No part is a word, an
    organisation or an office ('宣传科', '党校'), a post or a staff role."""
    part = _PADDED_NAME.sub(_unpad, part.strip(_CREDIT_MARKS))
    names = [n for n in re.split(r"[\s、，,;；]+", part) if n]
    if not names or len(names) > 6:
        return None
    lenient = role is not None and bool(_REPORTER_ROLE.search(role))
    # an office first, then its writers, in a bare credit or after an author's label: the office is dropped when every
    # name after it passes the strict test and is three characters wide or more, as a source line's further names are
    # (datecheck twenty-fifth batch, wlctjt.com, tune half): an office's two-character words pass the surname test
    # ('（县政府办 印发）', '（办公室 全文）', '（学工部 欧阳）': review of round eleven)
    if not lenient and len(names) >= 2 and _office(names[0]) \
            and all(len(name) >= 3 and _person(name) for name in names[1:]):
        names = names[1:]
    # two names run together, among names printed apart after a reporter's role (the space lost in one place)
    if lenient and len(names) >= 2:
        names = [cut for name in names for cut in
                 ((_run_together(name) or [name]) if not _CREDIT_NAME.fullmatch(name) else [name])]
    names = list(dict.fromkeys(names))  # a name printed twice is one writer ('记者 王芳 古丽 古丽')
    for name in names:
        if name in _NOT_NAMES or site_name(name) or _STAFF.search(name) or POST_WORDS.search(name) \
                or SIGNATURE_POST_END.fullmatch(name) or name[-1] in _NOT_A_NAME_END or name[:2] in _SURNAME_WORDS \
                or is_common_word(name) or (len(name) >= 3 and _ORGANISATION_END.search(name)) \
                or (len(name) >= 3 and name[-1] in _OFFICE_END):
            return None
        if not (_CREDIT_NAME.fullmatch(name) and not _FUNCTION_CHARACTER.search(name) if lenient
                else looks_like_name(name)):
            return None
    return names


def credited_writers(text: str) -> str | None:
    """The writers a credit names (a bracket's inside or a short line of roles and names, any script), role by role: it
    is cut at each role word or label; names before any label or after a writer's role are writers, names after an
    editor's, a staff member's, a photographer's, a video maker's or a source's label none, and so are names a closing
    label of theirs follows ('王明 供图', '刘洋 视频', '张三 摄': they made the pictures). Every part must be names only,
    else the text is no credit. Kind: closing credits the shape rules do not read — more than four names, a name padded
    to three characters, a writer's label then an editor's ('（图文:张帅 审核:高永奎）', '（王晓峰、董振、贾延宝、孙玉芹、
    张雷）', '（苗 钢）'), roles run together with their names ('記者劉瑞鳳通訊員趙菠'), a rare surname after a role word
    ('□ 记者 咸明'); datecheck twenty-fourth batch, tune half."""
    simple = to_simplified(text.strip(), force=True)
    if len(simple) != len(text.strip()) or not 2 <= len(simple) <= 40:
        return None
    parts = _CREDIT_PART.split(simple)  # [names, label, names, label, names, ...]
    writers: list[str] = []
    role: str | None = None
    for at in range(0, len(parts), 2):
        part, label = parts[at], parts[at + 1] if at + 1 < len(parts) else None
        # an editor's, a staff member's or a source's field is left unread, whatever it holds
        if part.strip(_CREDIT_MARKS) and (role is None or _writes(role)):
            names = _credit_names(part, role)
            if names is None:
                return None
            # names before '摄', or before a label closing the credit that credits no writing, made the pictures
            closing = label is not None and not "".join(parts[at + 2:]).strip(_CREDIT_MARKS)
            if label is None or _writes(label) or (label.strip() != "摄" and not closing):
                writers += [n for n in names if n not in writers]
        role = label
    if not writers:
        return None
    printed = text.strip()
    return " ".join(_as_printed(name, simple, printed) or name for name in writers)


# Two-character words a strict name test passes (a surname, then a character), seen as lines of 'names' that are no
# names: a line of them would be a list of people (review)
_NOT_NAMES_TWO = frozenset("江山 黄金 白云 金牌 王牌 石头 常规 程序 文明 周年 钱包 林业 孔雀 万一 朱红 向前 严格 高新 方向 任务 安全 "
                           "高度 公示 公告 通知 简讯 要闻 专题 动态 党建 管理 司法 应急 解读 方案 时政 图片 视频 首页 "
                           # bodies signing a credit in an author's field ('文/党校': review of round nine)
                           "党校 支行 车间 "
                           # a page's tools printed after a source line's writers ('来源：新华网 张三 关闭': review of
                           # round eleven)
                           "关闭 关怀 全文 全屏 简体 宋体 高清 查看 查询 "
                           "高新区".split())


def is_common_word(name: str) -> bool:
    """Whether a bare line's one 'name' is a word the name test lets through (a surname, then a character: 高新, 公示,
    王牌): a line holding nothing else is a heading, a menu item or a document's kind, not a byline (review)."""
    simple = to_simplified(name.replace(" ", ""), force=True)
    return simple in _NOT_NAMES_TWO or simple in _SURNAME_WORDS


_NAME_COLON_END = re.compile(r"([\u4e00-\u9fa5]{3})\s*[:：]\s*$")


def introduces_person(text: str) -> bool:
    """A line that ends with a person's name and a colon ('周口廣播電視臺記者田宜森:', '委员王五：'): it introduces who
    speaks or whom the text is about, not who wrote it; a field label before the colon ('【字号:') is no name."""
    match = _NAME_COLON_END.search(text)
    if not match:
        return False
    tail = to_simplified(match[1], force=True)
    return looks_like_name(tail) or (looks_like_name(tail[1:]) and tail[0] in "者员长任记")


def names_under_label(lines: list[str]) -> str | None:
    """The writers an author label alone on its line names on the lines under it, each line a name and maybe a post
    (datecheck eleventh batch, planning.org.cn, tune half: '作者|', then '王新哲  中国城市规划学会…秘书长,…副院长')."""
    if not lines or not _BARE_LABEL.match(lines[0].strip()):
        return None
    names = []
    for line in lines[1:5]:
        found = (names_only(line) or "").split()
        if found and all(looks_like_name(to_simplified(n, force=True)) for n in found):  # names on one line ('张三 李四')
            names.extend(found)
            continue
        match = _NAME_HEADING.match(line.strip())
        simple = to_simplified(match[1], force=True) if match else ""
        if not match or not looks_like_name(simple) or site_name(simple):
            break
        names.append(match[1])
    return " ".join(names) or None


def names_only(text: str) -> str | None:
    """A line that holds nothing but 1–4 Han names: '赵延东、风笑天' -> '赵延东 风笑天'; also a journal's author
    line, its names separated by commas, padded to three characters or in traditional script ('閆軍印,侯孟陽',
    '徐 君,郭 鑫': datecheck seventh batch, tune half), every name then looking like one. Names as printed."""
    # a journal's author line numbering each name's affiliation ('张三1,李四2', '姚劍雄等1吳劍平2': 等 is 'et al.' glued to
    # the first name; datecheck tenth batch, jizihe.com, tune half): the numbers set the names apart, two at least
    if len(_AFFILIATION_MARK.findall(text)) >= 2:
        text = _AFFILIATION_MARK.sub(" ", text).strip(" ,，、")
    # a two-character name padded to the width of three ('韩 晓 赵阳华', '张 丽': datecheck ninth batch, develpress.com,
    # fx361.com, tune half) is one name
    text = _PADDED_NAME.sub(_unpad, text.strip())
    names = re.split(r"[\s、]+", text)
    # a paper's or a site's name alone on a line is no name ('海星报' in an e-paper's head: datecheck ninth batch,
    # cnepaper.net, tune half)
    if _ONLY_NAMES.fullmatch(text) and looks_like_name(names[0]) and not any(n in _NOT_NAMES or site_name(n) for n in names):
        return " ".join(names)
    if not _NAME_LIST.fullmatch(text):
        return None
    printed = [n for n in re.split(r"\s*[,，、]\s*", text) if n]
    names = [n.replace(" ", "").replace("\u3000", "") for n in printed]
    simple = [to_simplified(n, force=True) for n in names]
    if len(names) > 1 and all(looks_like_name(n) for n in simple) and not any(n in _NOT_NAMES for n in simple):
        return " ".join(names)
    return None


# A reference line (GB/T 7714 style) that names the authors: '文章引用：赵培. 标题[J]. 期刊, 2018'.
_CITATION = re.compile(r"(?:文章引用|引用本文|本文引用格式|引用格式|引文格式|Cite this article)\s*[:：]\s*"
                       r"([\u4e00-\u9fa5·]{2,4}(?:\s*[,，、]\s*[\u4e00-\u9fa5·]{2,4})*)\s*[.．。]")
# A reference line with no label (GB/T 7714), the names first, then the title and its document type: '毕勋磊, 刘剑,
# 张志强. 标题[J]. 期刊, …' (a journal mirror's '欢迎引用' above it).
_REFERENCE = re.compile(r"^([\u4e00-\u9fa5·]{2,4}(?:\s*[,，、]\s*[\u4e00-\u9fa5·]{2,4}){0,5})(?:\s*等)?\s*[.．]\s*"
                        r"[^\[\]]{4,120}?\[(?:J|M|C|D|N|R|S|P|EB)(?:/OL)?\]")


def reference_line(text: str) -> str | None:
    """The authors a reference line heading a text names ('畢勛磊, 劉劍, 張志強. 標題[J]. 期刊' -> '畢勛磊 劉劍 張志強'), as
    printed, every name looking like one. Kind: a journal mirror's authors only in the citation it asks readers to use
    (datecheck nineteenth batch, ifuun.com, tune half)."""
    if "[" not in text:  # most lines: no document type, no script conversion
        return None
    simple = to_simplified(text.strip(), force=True)
    match = _REFERENCE.match(simple)
    if not match:
        return None
    names = re.split(r"\s*[,，、]\s*", match[1])
    if not all(looks_like_name(n) and n[:2] not in _SURNAME_WORDS and not site_name(n) for n in names):
        return None
    return _as_printed(" ".join(names), simple, text.strip())


# A rights line that names a person: 'Copyright © 李建忠' (blogs); an organisation is not an author.
_COPYRIGHT = re.compile(r"^(?:Copyright|版权所有)?\s*(?:©|\(c\)|Copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?"
                        r"([\u4e00-\u9fa5]{2,4})\s*$", re.I)
_ORGANISATION_END = re.compile(r"[网报社台刊站局委办部厅院会馆所处司厂校团组队室中心]$")
# A user card's buttons and counters, next to a user name printed with no label.
USER_CARD = re.compile(r"^(?:[+＋]\s*)?(?:关注|加关注|已关注|粉丝|私信|TA的|他的|她的)")
# An author's profile box after the article: the name, then a link to the profile.
PROFILE_CARD = re.compile(r"^[\[【]?(?:作者简介|作者资料|个人资料|个人简介|博主简介|博主资料|查看资料)")


def citation_authors(text: str) -> str | None:
    """Authors named by a reference line: '文章引用：赵培, 李四. 标题[J]...' -> '赵培 李四'."""
    match = _CITATION.search(text)
    return " ".join(re.split(r"\s*[,，、]\s*", match[1])) if match else None


def copyright_person(text: str) -> str | None:
    """The person a short rights line names ('Copyright © 李建忠'), not an organisation."""
    match = _COPYRIGHT.match(text.strip())
    return match[1] if match and looks_like_name(match[1]) and not _ORGANISATION_END.search(match[1]) else None


def person_source(source: str | None) -> str | None:
    """A '来源：' value that is a person's name (a blogger reposting), not a site or an organisation."""
    return source if source and looks_like_name(source) and len(source) <= 3 \
        and not _ORGANISATION_END.search(source) else None


def user_name(text: str) -> str | None:
    """A block that is a bare user name (forum/blog/column platforms): 2–20 characters, one token."""
    text = text.strip()
    if text in _NOT_NAMES or not re.fullmatch(r"[A-Za-z0-9_\-.&\u4e00-\u9fa5]{2,20}", text):
        return None
    return None if re.fullmatch(r"[\d_.\-]+", text) else text


def editor(text: str) -> str | None:
    """The name on an editor line ('（ 责任编辑：魏喆 ）'), the last resort for who is responsible."""
    match = re.search(r"(?:责任编辑|责编|编辑)\s*[:：]\s*([\u4e00-\u9fa5]{2,4}|[A-Za-z][\w.]{1,19})(?![\u4e00-\u9fa5])", text)
    return match[1] if match and match[1] not in _NOT_NAMES else None


def split_byline(text: str) -> tuple[str | None, str | None]:
    """'郭军军 包头稀土高新区\\n管委会主任' -> (name, post); '作者：张三' -> (name, None).

    Traditional text is read through its simplified form ('人民網' is a site like '人民网'; the
    labels are matched in one script) and the names are given back as printed."""
    lines = [clean_text(line) for line in text.splitlines() if clean_text(line)]
    text = " ".join(lines)
    if not text:
        return None, None
    simple = to_simplified(text)
    if simple == text and _TRADITIONAL_LABEL.search(text):  # '樓主：小明': a label is the only traditional word
        simple = to_simplified(text, force=True)
    if len(simple) != len(text):
        simple = "".join(to_simplified(c) for c in text)
    name, post = _split_byline(simple)
    return _as_printed(name, simple, text), _as_printed(post, simple, text)


# Traditional characters of the labels above that the cheap script test (normalise.TRADITIONAL_HINTS) does not hold.
_TRADITIONAL_LABEL = re.compile(r"[樓貼帖訊攝編輯責圖撰稿]")


def _as_printed(found: str | None, simple: str, text: str) -> str | None:
    if not found or simple == text:
        return found
    parts = []
    for part in found.split(" "):
        at = simple.find(part)
        if at < 0 and (padded := re.search("[ \u3000]?".join(map(re.escape, part)), simple)):
            # a name padded to three characters ('陳 力') was read without its space: the printed one, unpadded
            parts.append(re.sub(r"[ \u3000]", "", text[padded.start(): padded.end()]))
        else:
            parts.append(text[at: at + len(part)] if at >= 0 else part)
    return " ".join(parts)


# An organisation, then the names of its writers and nothing else: '人民日报中央厨房-大江东工作室 姜泓冰 池淑雅'
# (datecheck, sh.people.com.cn, tune half).
_ORG_THEN_NAMES = re.compile(r"^\S{2,30}?(?:工作室|网|报|社|台|刊|中心|杂志|传媒|频道|新闻|周刊)\s+"
                             r"([\u4e00-\u9fa5]{2,3}(?:\s+[\u4e00-\u9fa5]{2,3}){0,3})$")
# A source line naming a publication, then its writer: '来源：《瞭望》新闻周刊 孙英兰' (datecheck,
# cas.cn, tune half).
# Its further names, printed apart, are writers too ('文章来源:诏安县委办新闻科 吴楠 沈乾生 文章整理:…': datecheck
# twenty-sixth batch, zajihe.com, tune half): three characters wide (a page's two-character words pass a surname test:
# '关闭', '全文', '简体'), each by the strict test, and closing the field (the line's end or the next label follows).
_SOURCE_THEN_NAME = re.compile(r"来源\s*[:：]\s*\S{2,16}\s+([\u4e00-\u9fa5]{2,3})(?=\s|【|\[|$)")
_MORE_NAMES = re.compile(r"((?:[ \u3000]+[\u4e00-\u9fa5]{3}){1,3})(?=\s*$|[ \u3000]+[^\s:：]{1,8}[:：])")


_USER_POSTED_AT = re.compile(r"^(?:(?:楼主|发帖人|发贴人|作者)\s*[:：|｜]?\s*)?(\S{2,20}?)\s+发表于\s*(?:19|20)\d\d")
# Words that stand where a forum post's user does and are no user: labels, 'this text'.
_NOT_A_USER = frozenset("楼主 作者 博主 本帖 本文 原文 此文 该文 文章 沙发 板凳 地板 回复 引用".split())
_FORUM_LABEL = re.compile(r"(?:发帖人|发贴人|楼主|博主|发布者|发表者|发布人)\s*[:：]\s*")


def _split_byline(text: str) -> tuple[str | None, str | None]:
    if EDITOR_LINE.match(text) and (label := _LABEL.search(text)):
        text = text[label.start():]  # an editor first, then the writer: '编辑：李四 作者：王五' (issue 18: editors dropped)
    if EDITOR_LINE.match(text) or (len(text) <= 30 and PHOTO_CREDIT.match(text)):
        return None, None
    first, _, rest = text.partition(" ")
    post = rest.replace(" ", "")
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", first) and 4 <= len(post) <= 60 and POST_WORDS.search(post) \
            and not re.search(r"[。！？；]", post):
        return first, post
    found = find_author(text, allow_user=False)
    if found:
        return found, None
    # a forum's or a blog's own author field names a user, whatever characters the name holds ('楼主：老王123',
    # '发表者：zhangsan2010'; issue 18's forum fields): a text page's post header
    if (match := _FORUM_LABEL.search(text)) and (names := _names(text[match.end(): match.end() + 40], True)):
        return names[0], None
    # a forum archive's post header: the user, then '发表于' and the date ('自由的风 发表于 2020-11-16 16:54:35':
    # datecheck twelfth batch, motianmi.com, tune half)
    if (match := _USER_POSTED_AT.match(text)) and (name := user_name(match[1])) and name not in _NOT_A_USER:
        return name, None
    if found := bracket_reporter(text):
        return found, None
    # its further names by the strict test: a page's word after the writer is none, nor in the writer's place
    # ('来源：新华网 张三 关闭', '来源：新华网 关闭': review of round eleven)
    if (match := _ORG_THEN_NAMES.match(text)) and looks_like_name((names := match[1].split())[0]) \
            and not is_common_word(names[0]) and all(_person(to_simplified(name, force=True)) for name in names[1:]):
        return " ".join(names), None
    if (match := _SOURCE_THEN_NAME.search(text)) and looks_like_name(match[1]) and not site_name(match[1]) \
            and not is_common_word(match[1]):
        names = [match[1]]
        more = _MORE_NAMES.match(text, match.end())
        extra = more[1].split() if more else []
        if all(_person(to_simplified(name, force=True)) for name in extra):
            names += extra
        return " ".join(names), None
    # A bare word alone is a name only when it looks like one: not '人民网', not '移动版' (datecheck,
    # people.com.cn and meetinghk.com pages, tune half).
    if looks_like_name(text) and not site_name(text):
        return text, None
    return None, None


# Signatures of roundup pieces ----------------------------------------------------------------
# Words a printed post ends with (simplified script: callers fold traditional text first).
# Longer words first so that 副主任 is not read as 副 + 主任's name.
_SIGNATURE_POST_END = (
    "首席执行官|总工程师|总设计师|秘书长|理事长|董事长|总经理|总编辑|负责人|研究员|主持人|企业家|创始人|合伙人|"
    "经济学家|科学家|党组成员|副主任|副主席|副书记|副部长|副院长|副校长|副市长|副局长|"
    # a democratic party's committee chair ('致公党上海市委专职副主委'): roundup r45 (tune half)
    "主委|"
    "主任|书记|市长|区长|局长|院长|县长|省长|州长|镇长|乡长|主席|委员|部长|厅长|司长|署长|总裁|经理|处长|科长|专家|"
    "教授|所长|校长|会长|总监|总编|主编|社长|行长|干部|代表|院士|记者|通讯员|演员|冠军|工人|设计师|学家|作家|常委|"
    "支书|馆长|台长|站长|队长|组长|律师|医生|教师|老师|劳模|董事|编辑|博士|首善|"
    # Hong Kong and Macao offices ('行政长官'), honours printed as a post ('“共和国勋章”获得者'):
    # roundups r27 and r25 (tune half).
    "长官|获得者|"
    # writers' and commentators' occupations before a name in a dash line ('——经济学者吴敬琏博客文章说',
    # '——《齐鲁晚报》评论员沙元森撰文…': roundups r115, r116, fifteenth batch, tune half)
    "评论员|评论家|学者|媒体人|撰稿人|诗人|画家|导演|编剧|主播|"
    # common titles the list lacked ('港区全国人大代表团副团长NAME', '…医院主任医师NAME'): kind: a paragraph's
    # 'post NAME' not read for a title missing here (held-out roundups r98, r66), added as a class of words, not
    # one page's: heads of a delegation, a kindergarten, a factory; physicians, engineers, counsellors, judges.
    "团长|园长|厂长|医师|工程师|理事|顾问|监事|法官|检察官|护士长|"
    # legislators as Hong Kong and Macao pages name them ('…的议员刘国勋今日指出'): roundup r223 (twenty-first batch,
    # tune half)
    "议员"
)
# One vocabulary with the people finder (people.post_ends): its offices and speakers' roles, plus the words above
# that end a signature's post.
SIGNATURE_POST_END = post_ends(*_SIGNATURE_POST_END.split("|"))
# A name: Han characters (two to eight: minority and transliterated names run long), parts
# separated by a space or a middle dot for transliterated names.
_NAME_PART = r"[\u4e00-\u9fa5]{2,8}"
# A transliterated name's later parts may be one character long ('穆罕默德·卡西姆·简').
SIGNATURE_NAME = re.compile(rf"{_NAME_PART}(?:[ •]{_NAME_PART}|·[\u4e00-\u9fa5]{{1,8}}){{0,3}}")
# Characters that, right after a two-character name, start the sentence rather than extend the
# name (a verb, a preposition, punctuation): '万钢在参加…' is 万钢, '王海波谈…' is 王海波.
_AFTER_NAME = frozenset("说表认建指介感谈透用在对告坦称强举特更是参倍正的还也等向提回和与则就今去曾将一带从为也于被"
                        "仍已都又刚便即亦均并总"
                        "，,。：:；;、（(）)“”\"!！?？—- \n")
# Titles and two-character words that, right after a name, start the sentence rather than extend the
# name: '徐鸣代表的建议' is 徐鸣 (r52), '张毅围绕…' is 张毅 (r45), '黄鸣代表' (r53): roundups, tune half.
_AFTER_NAME_WORDS = frozenset("代表 委员 院士 教授 围绕 聚焦 关注 近年 多年 长期 呼吁 希望 结合 针对 接受 作为 此次 这次 日前 "
                              "近日 昨天 今天 昨日 率先 积极 深入 专门 "
                              # '颜珂发言时表示', '王云师十分关注' (roundups r99, r101, eleventh batch, tune half)
                              "发言 十分 "
                              # '…评论员沙元森撰文…', '…学者吴敬琏博客文章说' (roundups r115, r116, fifteenth batch)
                              "撰文 博客 "
                              # two classes rather than one page's words (kind: a name swallowing the word after
                              # it: '方舟博士' read 方舟博, '陈勇形容' 陈勇形; held-out roundups r76, r98): titles
                              # printed after a name, and verbs of saying
                              "博士 先生 女士 同志 形容 总结 勉励 寄语 回应 直言 感叹 笑言 坦承 透露 解释 分析 补充 "
                              "谈及 谈到 这样 如此 如是".split())
def name_ends_at(simple: str, at: int) -> bool:
    """Whether a name may end at `simple[at]`: the text ends, or a verb, a preposition or a title starts there."""
    return at >= len(simple) or simple[at] in _AFTER_NAME or simple[at: at + 2] in _AFTER_NAME_WORDS


# Characters that end many given names and also start a verb ('吴志强指出' vs '王刚强调'): after two
# characters they end the name only when no verb follows them (roundup r56, tune half).
_NAME_FINAL = frozenset("强正和刚均为一")
_NAME_FINAL_WORDS = frozenset("正在 正是 正式 强调 一直 一起 一定 一致 一行 为了 为此 均为 刚刚 刚才 和我 和记".split())
_LONG_NAME_BAD = re.compile(r"[的了是在和与及等]|代表|委员|主任|记者")
# Words a name does not hold after its surname ('谈发展' in a headline '负责人谈发展').
_NOT_NAME_TAILS = frozenset("发展 创新 改革 合作 未来 建设 经济 开放 产业 科技 园区 企业 两会 民生 政策 工作 报告 问题 形势 "
                            "机遇 思路 体会 感受 变化 成就 目标 举措 实践 经验 做法 心声 建议 提案 议案".split())
# Words a post (a noun phrase: organisation and title) does not hold: verbs and adverbs of a
# sentence that merely mentions a title ('原本以为会在学校做个音乐老师', '于2012年被授予…部长').
# '告诉记者' ('叶昌保骄傲地告诉记者：', roundup r69, tune half): the reporter is whom he told, not a post.
NOT_A_POST = _NOT_A_POST = re.compile(r"以为|就|曾|再次|被|获|把|将|要|给|让|向|了|过|着|得|说|表示|认为|除了|笔下|这位|那位|一位|一名|"
                                      r"告诉")
# Words that start with a common surname character but are not names.
_SURNAME_WORDS = frozenset("来到 来自 明显 原来 原本 表示 认为 高新 高度 高质 全国 全面 国家 国际 国务 时间 时候 同时 关于 成为 于是 安全 金融 文化 "
                           "明确 平台 方面 任务 程度 应该 常态 和谐 向着 周边 马上 经济 通过 方向 方式 正在 目前 当前 今年 "
                           "去年 明年 此外 因此 最后 首先 其中 还是 以及 连续 万元 百姓 龙头 江苏 江西 湖南 湖北 广东 广西 "
                           "山东 山西 河南 河北 云南 贵州 四川 福建 安徽 浙江 黑龙 吉林 辽宁 甘肃 青海 宁夏 新疆 西藏 海南 "
                           "上海 北京 天津 重庆 香港 澳门 台湾 内蒙 中国 中央 中共 政协 人大 代表 委员 记者 主任 "
                           # a page's link to officials' résumés ('副委员长、秘书长简历'): roundup r51 (tune half)
                           "简历 "
                           # words after an office signing a text ('医务科 全体': datecheck nineteenth batch, review of its rule)
                           "全体 全员 "
                           # words and places starting with the surnames added for r54 ('洪湖市', '房间': r69, tune half)
                           "洪水 洪湖 洪涝 洪峰 洪流 洪灾 洪亮 洪泽 洪洞 赖以 怀着 怀念 怀疑 怀抱 怀化 怀柔 怀宁 怀来 房间 房子 房屋 房价 "
                           "房地 "
                           # adverbs and everyday words starting with a surname ('委员陆续向大会报到': roundup r78, tune half)
                           "陆续 陆地 严格 严重 严肃 常常 曾经 单独 尤其 毕竟 齐心 温暖 任何 项目 许多 余下 "
                           # '研究生毕业典礼' once 研究生 ends a post (people.post_ends: one vocabulary; r47, tune half)
                           "毕业".split())


def name_at(simple: str, start: int, until_end: bool = False, long_ok: bool = False) -> tuple[int, int] | None:
    """The name that starts at `simple[start]` (simplified text), as (start, end), or None.

    A name ends where the sentence starts (a verb, a preposition: '万钢在参加', '王海波谈',
    '艾克拜尔吾甫尔谈'), else after three characters ('李言荣中国工程院院士…'); it starts with a
    common surname. With `until_end` (the name runs to a colon or to the end of a signature)
    any run of up to four name parts is taken: transliterated names ('塔尼亚 乔治亚娃'); names
    longer than three characters ended by a verb only with `long_ok` (a dash signature)."""
    match = SIGNATURE_NAME.match(simple, start)
    if not match:
        return None
    run = match.group(0)
    if run[1:3] in _NOT_NAME_TAILS:
        return None
    found = _name_span(simple, start, match.end(), run, until_end, long_ok)
    if found is None:
        return None
    name = simple[found[0]: found[1]]
    # an organisation, a news agency line ('文汇网讯') is no name
    return None if (len(name) >= 4 and _ORGANISATION_END.search(name)) or name.endswith("讯") else found


def _name_span(simple: str, start: int, run_end: int, run: str, until_end: bool,
               long_ok: bool) -> tuple[int, int] | None:
    spaced = " " in run or "·" in run
    if until_end and not simple[run_end:].strip("：:。. ") and not _LONG_NAME_BAD.search(run) \
            and not SIGNATURE_POST_END.search(run) and (
            spaced or ((len(run) <= 4 or (len(run) <= 6 and simple[start - 1: start] == " "))
                       and (run[0] in _SURNAMES or run[:2] in COMPOUND_SURNAMES)
                       and run[:2] not in _SURNAME_WORDS and run[:2] not in _NOT_NAMES)):
        # up to six characters when a space sets the name off from the post before it ('全国政协委员 阿拉腾达来：'):
        # minority names run long (kind: a name cut at three characters; r63)
        return start, run_end
    if "·" in run and not until_end and (start == 0 or simple[start - 1] != "·"):
        # a transliterated name is all its dotted parts, whatever follows (kind: names cut at three characters:
        # '穆罕默', '霍马尹' for '穆罕默德·卡西姆·简', '霍马尹·卡泽罗尼'; r86)
        dotted = re.match(r"[\u4e00-\u9fa5]{2,5}(?:·[\u4e00-\u9fa5]{1,8})+", run)
        # ... its parts short and holding no sentence ('叶兆佳对中青报·中青网记者' is a name, then a sentence);
        # the sentence may start right after the last part ('…·简表示')
        if dotted:
            head, _, last = dotted.group(0).rpartition("·")
            cut = next((k for k in range(1, len(last)) if last[k] in _AFTER_NAME), len(last))
            if cut <= 5 and not any(c in _AFTER_NAME for c in head[1:]):
                return start, start + len(head) + 1 + cut
    first = run.split(" ")[0].split("·")[0]
    if not (first[0] in _SURNAMES or first[:2] in COMPOUND_SURNAMES) or first[:2] in _NOT_NAMES \
            or first[:2] in _SURNAME_WORDS:
        return None
    for length in range(2, min(len(first), 8 if long_ok else 4) + 1):
        if length == 2 and first[2:3] in _NAME_FINAL and len(first) > 3 and first[2:4] not in _NAME_FINAL_WORDS \
                and (first[3] in _AFTER_NAME or first[3:5] in _AFTER_NAME_WORDS):
            continue  # '吴志强指出': the third character is the name's
        if length == len(first) or first[length] in _AFTER_NAME or first[length: length + 2] in _AFTER_NAME_WORDS:
            return (start, start + length) if length <= 3 or long_ok or first[:2] in COMPOUND_SURNAMES \
                else (start, start + 3)
        if length == 3 and not any(c in _AFTER_NAME for c in first[3:8]) \
                and not any(first[k: k + 2] in _AFTER_NAME_WORDS for k in range(3, 7)):
            return start, start + 3
    return start, start + 3


# A conjunction right after a post word joins another noun to it ('人大代表和政协委员们'): what follows is no name, though
# 和 is also a surname (kind: '和政协' read as a deputy's name, a false piece cutting the real one short; r213, twentieth
# batch, tune half).
_CONJUNCTIONS = frozenset("和与及或暨")
_JOINED_SPAN = 5


def _joined(simple: str, at: int) -> bool:
    """Whether the words after a conjunction at `at - 1` are a noun joined to the post before it: a post word or 的
    within a few characters ('和政协委员们', '和公众的'), not a name ending a line ('区长和文全': 和 a surname)."""
    span = re.split(r"[，,。：:；;、！？!?“”\s]", simple[at: at + _JOINED_SPAN], maxsplit=1)[0]
    return "的" in span or bool(SIGNATURE_POST_END.search(span))


def post_then_name(simple: str, start: int = 0, end: int | None = None, until_end: bool = False,
                   min_post: int = 2, long_ok: bool = False) -> tuple[int, int, int] | None:
    """'全国人大代表、湖南省文化厅厅长李晖…' -> (post end, name start, name end) within
    simple[start:end]: the first post word followed by a name (not by '、' and more posts);
    the post, from `start` or the clause's start, holds at least `min_post` characters."""
    end = len(simple) if end is None else end
    region = simple[:end]
    for match in SIGNATURE_POST_END.finditer(region, start):
        if match.end() >= end or region[match.end()] in "、，,":
            continue
        after = match.end() + (region[match.end()] in " 的")
        if region[after: after + 1] in _CONJUNCTIONS and _joined(region, after + 1):
            continue  # posts or nouns joined, no name ('人大代表和政协委员们', '我们代表和公众的桥梁')
        clause = max(start, *(region.rfind(c, start, match.start()) + 1 for c in "，,。：:；;“”！？"))
        if match.end() - clause < min_post:
            continue
        described = max(region.rfind("的", clause, match.start()), region.rfind("地", clause, match.start()))
        if _NOT_A_POST.search(region, max(clause, described + 1), match.end()):
            continue
        found = name_at(region, after, until_end, long_ok)
        if found:
            return match.end(), *found
        # a name with no common surname right after the post, before a speech verb: read as the people finder reads
        # it (people.name_before_speech: '…政治学者帕鲁克表示'), one grammar for the splitter and the tagger
        if spoken := name_before_speech(region, after):
            return match.end(), after, after + len(spoken)
    return None
