"""Bylines: who wrote a piece and in what post. Pure functions; no I/O.

Patterns :func:`find_author` reads (first hit wins):
1. a label and names: ``作者：张三``, ``记者 张三 李四``, ``本报记者 张三``, ``文/张三``,
   ``撰文：``, ``发帖人：``, ``楼主：``, ``博主：``, ``By ...``; names are 2–4 Han characters
   or a user name (forums), several separated by spaces, ``、`` or commas;
2. :func:`split_byline` reads a newspaper byline ``郭军军 包头稀土高新区管委会主任``: a name,
   then a post that ends in an office word (主任, 书记, 市长, ...).
Role words (``本报记者``, ``通讯员``, ``实习生``) are dropped from names; editor lines
(``责任编辑``) are never an author.
"""

from __future__ import annotations

import re

from monitor.normalise import clean_text

__all__ = ["split_byline", "find_author", "names_only", "editor", "citation_authors", "copyright_person", "person_source",
           "user_name", "USER_CARD", "PROFILE_CARD", "is_byline", "looks_like_name", "EDITOR_LINE", "POST_WORDS"]

_HAN_NAME = r"[\u4e00-\u9fa5·]{2,4}"
_USER_NAME = r"(?=.*[A-Za-z0-9&])[A-Za-z0-9_\-.&\u4e00-\u9fa5]{2,20}"
POST_WORDS = re.compile(
    r"(主任|书记|市长|区长|局长|院长|县长|省长|州长|镇长|主席|委员|部长|厅长|董事长|总经理|总裁|经理|负责人|处长|科长|"
    r"专家|教授|研究员|所长|校长|秘书长|会长|理事长|总监|总编|社长|行长|总工程师|副研究员|干部|党组成员)$"
)
# Labels that name the writer, strongest first: an explicit author label (user names allowed),
# then a reporter label (Han names only).
_LABEL = re.compile(
    r"(?:(?<![责任编辑审核校对])(?:作者|撰文|撰稿|发帖人|发贴人|楼主|博主|发布者|发表者|发布人|投稿人|署名)\s*[:：]"
    r"|(?<![\u4e00-\u9fa5])文\s*[/／|｜]|\bBy\s+|\b[Pp]osted\s+by\s+|(?<=\d)\s*by\s+)\s*"
)
_REPORTER = re.compile(r"(?:本报|本网|本台|本刊|新华社|央视|特约|实习|首席|驻\S{1,4})?(?:记者|通讯员)\s*[:：]?\s*")
_POSTED_BY = re.compile(r"由\s*([^\s@]{2,20}?)\s*(?:于|张贴|发表|发布|@)")
_TRAILING = re.compile(r"[（(]\s*(?:(?:本报|特约|实习)?(?:记者|通讯员)\s*)?([\u4e00-\u9fa5]{2,4}(?:[\s、]+[\u4e00-\u9fa5]{2,4}){0,3})"
                       r"\s*(?:[\u4e00-\u9fa5]{2,4}报道)?\s*[)）]\s*$")
_ONLY_NAMES = re.compile(r"[\u4e00-\u9fa5]{2,4}(?:[\s、]+[\u4e00-\u9fa5]{2,4}){0,3}")
_ROLE = re.compile(r"^(?:本报|本网|本台|本刊|特约|实习|首席|新华社)?(?:记者|通讯员|实习生|摄影|摄|编辑|作者|撰文)[:：]?")
# The labels of the people who edit a page, not write it.
_EDITOR_LABELS = "责任编辑|责编|编辑|审核|审校|校对|终审|初审|值班编辑|美编|监制"
_STOP = re.compile(
    rf"(来源|出处|发布|发表|时间|日期|{_EDITOR_LABELS}|点击|浏览|阅读|字号|评论|报道|摄影|摄|[|｜(（)）【\[<>《]|(?:19|20)\d\d)"
)
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
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯", "令狐", "司徒", "宇文")
_NOT_NAMES = {"本报", "记者", "通讯员", "作者", "来源", "编辑", "网友", "匿名", "佚名", "未知", "admin", "本站", "原创",
              "转载", "管理员", "游客", "报道", "综合", "整理", "关注", "粉丝", "私信", "收藏", "分享", "点赞", "评论", "转发",
              "回复", "举报", "登录", "注册", "首页"}
_NEXT_LABEL = re.compile(rf"\s*(?:{_EDITOR_LABELS}|来源|出处|时间|日期)\s*[:：]")
EDITOR_LINE = re.compile(rf"^[\[【(（]?\s*({_EDITOR_LABELS})\s*[:：]")


def looks_like_name(token: str) -> bool:
    """A 2–3 character Han name starting with a common surname, or a 3–4 character one starting with a
    compound surname: four characters behind a single-character surname are nearly always a word
    (相关文章, 高新技术) and very rarely a name."""
    if not re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", token) or token in _NOT_NAMES:
        return False
    return token.startswith(_COMPOUND_SURNAMES) or (len(token) <= 3 and token[0] in _SURNAMES)


def _names(text: str, allow_user: bool, strict: bool = False) -> list[str]:
    if _NEXT_LABEL.match(text):  # an empty label: '作者：责任编辑：肖春芳' names an editor, not an author
        return []
    text = _STOP.split(text, maxsplit=1)[0]
    kept: list[str] = []
    for token in re.split(r"[\s、;；/／]+", text.strip()):
        token = _ROLE.sub("", token.strip("：:·.。"))
        if not token:
            continue
        if token in _NOT_NAMES:
            if kept:
                break
            continue
        if (looks_like_name(token) if strict else re.fullmatch(_HAN_NAME, token)) or (
                allow_user and re.fullmatch(_USER_NAME, token)):
            kept.append(token)
        else:
            break
        if len(kept) >= 6:
            break
    return kept


def find_author(text: str, allow_user: bool = True, strength: int = 3) -> str | None:
    """Author names (space-separated) from a labelled byline in `text`, or None.

    `strength` limits the patterns: 1 an author label or 'posted by' only; 2 also reporter
    labels; 3 also names in brackets closing a paragraph ('（记者 胡晓蓉）').
    """
    for match in _LABEL.finditer(text):
        names = _names(text[match.end(): match.end() + 60], allow_user)
        if names:  # an English label ('By', 'posted by') names one user: the words after it are prose
            return " ".join(names[:1] if match[0].strip()[-2:] in ("By", "by") else names)
    if allow_user and (match := _POSTED_BY.search(text)) and match[1] not in _NOT_NAMES:
        return match[1]
    if strength >= 2:
        for match in _REPORTER.finditer(text):
            names = _names(text[match.end(): match.end() + 60], False, strict=True)
            if names:
                return " ".join(names)
    if strength >= 3 and (match := _TRAILING.search(text)):
        names = _names(match[1], False, strict=True)
        if names:
            return " ".join(names)
    return None


def names_only(text: str) -> str | None:
    """A line that holds nothing but 1–4 Han names: '赵延东、风笑天' -> '赵延东 风笑天'."""
    names = re.split(r"[\s、]+", text)
    if _ONLY_NAMES.fullmatch(text) and looks_like_name(names[0]) and not any(n in _NOT_NAMES for n in names):
        return " ".join(re.split(r"[\s、]+", text))
    return None


# A reference line (GB/T 7714 style) that names the authors: '文章引用：赵培. 标题[J]. 期刊, 2018'.
_CITATION = re.compile(r"(?:文章引用|引用本文|本文引用格式|引用格式|引文格式|Cite this article)\s*[:：]\s*"
                       r"([\u4e00-\u9fa5·]{2,4}(?:\s*[,，、]\s*[\u4e00-\u9fa5·]{2,4})*)\s*[.．。]")
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


def is_byline(text: str) -> bool:
    """A short line holding a name and a post: '郭军军 包头稀土高新区管委会主任'."""
    return split_byline(text)[1] is not None


def split_byline(text: str) -> tuple[str | None, str | None]:
    """'郭军军 包头稀土高新区\\n管委会主任' -> (name, post); '作者：张三' -> (name, None)."""
    lines = [clean_text(line) for line in text.splitlines() if clean_text(line)]
    text = " ".join(lines)
    if not text or EDITOR_LINE.match(text):
        return None, None
    first, _, rest = text.partition(" ")
    post = rest.replace(" ", "")
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", first) and 4 <= len(post) <= 60 and POST_WORDS.search(post) \
            and not re.search(r"[。！？；]", post):
        return first, post
    found = find_author(text, allow_user=False)
    if found:
        return found, None
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", text) and text not in _NOT_NAMES:
        return text, None
    return None, None
