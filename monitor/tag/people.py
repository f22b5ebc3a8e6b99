"""People named with their posts: signed pieces' bylines and `XX高新区党工委书记XXX` in the text.

1. Bylines: among the first lines of a body, a line ``<name> <post>`` (郭军军 包头稀土高新区),
   continued by the next short lines while the post is unfinished (管委会主任), or the
   extractor's author and author_post.
2. Inline: right after a zone name the tagger found, a chain of posts joined by 、
   (党工委副书记、管委会主任) followed by a name that starts with a common surname and
   ends where a verb or punctuation follows (表示, 介绍, ，).
"""

from __future__ import annotations

import re

from monitor.items import PersonTag

__all__ = ["SURNAMES", "find_byline", "find_bylines", "post_at", "name_at", "is_post"]

# The most common single-character surnames (together > 90% of the population) and a few compound ones.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禚井祖漆巴丰支卿国狄平"
    "计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈"
)
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "夏侯", "端木")

_TITLE = (r"(?:常务副|副)?(?:第一书记|书记|主任|区长|局长|部长|委员|主席|总经理|董事长|负责人|秘书长|处长|科长|"
          r"院长|所长|市长|县长|会长|理事长|总监|主任委员|巡视员|调研员|总经济师|总工程师)")
_ORG = (r"(?:党工委|党委|管委会|管委|党组|工委|纪工委|纪检监察工委|组织部|宣传部|统战部|办公室|办公厅|"
        r"[\u4e00-\u9fff]{1,8}?(?:局|中心|集团|公司|研究院|服务中心|办))?")
_POST_UNIT = _ORG + _TITLE
# A post right after a zone name: units joined by 、 or 兼.
_POST_AFTER_ZONE = re.compile(rf"{_POST_UNIT}(?:(?:、|兼){_POST_UNIT})*")
# The last characters of the _TITLE words, and the longest first unit (常务副 + 12-character
# organisation + 4-character title): a post ends its first unit with one of them within that span.
_TITLE_LAST = re.compile("[记任长员席理人监师]")
_FIRST_UNIT_MAX = 3 + 12 + 4
_POST_END = re.compile(r"(?:书记|主任|区长|局长|部长|委员|主席|总经理|董事长|负责人|秘书长|处长|科长|院长|所长|市长|县长|"
                       r"会长|理事长|总监|巡视员|调研员|总经济师|总工程师|研究员|教授|首席科学家|专家|主任委员|常委)$")
# What may follow a person's name in running text.
_AFTER_NAME = re.compile(r"(?:表示|说|介绍|指出|强调|称|告诉|认为|透露|坦言|谈到|在|出席|主持|致辞|讲话|一行|等|带队|率队|率|"
                         r"会见|调研|同志|先生|女士|对|向|为|与|和|及|接受|作|到|来|就|也|还|是|指|提|详|"
                         r"[,，、。:：;；!！?？\"“”（(）)\s|]|$)")
_BYLINE = re.compile(r"^(?:文[/／]|作者[:：]?)?\s*([\u4e00-\u9fff·]{2,5})\s+(\S.{2,60})$")
_SENTENCE_PUNCT = re.compile(r"[。，,！？!?；;：:“”\"]")


def name_at(text: str, pos: int) -> str | None:
    """A Chinese personal name starting at `pos` (2 or 3 characters), or None."""
    head = text[pos:pos + 2]
    starts = 2 if head in _COMPOUND else 1 if head[:1] in SURNAMES else 0
    if not starts:
        return None
    for length in (starts + 1, starts + 2):
        name = text[pos:pos + length]
        if len(name) == length and all("\u4e00" <= c <= "\u9fff" for c in name) and _AFTER_NAME.match(text, pos + length):
            return name
    return None


def post_at(text: str, pos: int) -> tuple[str, int] | None:
    """A post (党工委书记、管委会主任) starting at `pos` in a whitespace-free text: (post, end)."""
    if not _TITLE_LAST.search(text, pos, pos + _FIRST_UNIT_MAX):
        return None  # cheap test first: most zone names are not followed by a post
    found = _POST_AFTER_ZONE.match(text, pos)
    if not found or not found.group(0):
        return None
    return found.group(0), found.end()


def is_post(text: str) -> bool:
    return bool(_POST_END.search(text))


def find_byline(lines: list[str], max_lines: int = 30) -> PersonTag | None:
    """The signature of a signed piece among the first lines of its body (zone_id left unset)."""
    found = find_bylines(lines[:max_lines + 3], max_lines)
    return found[0] if found else None


def find_bylines(lines: list[str], max_lines: int | None = None) -> list[PersonTag]:
    """Every signature line (a page of several signed pieces has one per piece)."""
    people: list[PersonTag] = []
    for i, line in enumerate(lines[:max_lines]):
        found = _BYLINE.match(line)
        if not found or _SENTENCE_PUNCT.search(found.group(2).rstrip("、")):
            continue
        name, post = found.group(1), re.sub(r"\s+", "", found.group(2))
        if name[:1] not in SURNAMES and name[:2] not in _COMPOUND or post.startswith(("记者", "通讯员", "摄")):
            continue
        for following in lines[i + 1:i + 4]:
            if is_post(post) and not post.endswith("、"):
                break
            following = re.sub(r"\s+", "", following)
            if len(following) > 24 or _SENTENCE_PUNCT.search(following.rstrip("、")):
                break
            post += following
        post = post.rstrip("、")
        if is_post(post):
            people.append(PersonTag(name, post, None))
    return people
