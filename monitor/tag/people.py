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
from functools import lru_cache
from operator import itemgetter

from monitor.items import PersonTag

__all__ = ["SURNAMES", "COMPOUND_SURNAMES", "OFFICES", "SPEAKER_OFFICES", "post_ends", "FoundPerson", "name_before_speech", "follows_name", "may_sign", "find_byline", "find_bylines", "find_people", "office_spans", "name_after", "post_at",
           "name_at", "is_post"]

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
# Less common surnames met in officials' names (the list above keeps the most common ones).
SURNAMES |= set("傅阴产笪禹荀訾郦滑庹揭钮仰言湛竺蔚习佴琚暴冀郗鄂闾戎咸冶保")
_COMPOUND = frozenset(("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "夏侯", "端木",
             # rarer ones (颛孙宗亮, q024); not those that are also places (南宫, 濮阳) or words
             "颛孙", "澹台", "公冶", "宇文", "长孙", "呼延", "闻人", "太史", "申屠", "万俟", "钟离", "淳于", "司徒", "司空",
             "轩辕", "拓跋"))  # a set: looked up for every surname-like character
COMPOUND_SURNAMES = _COMPOUND

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
_BYLINE_MAX = 3 + 5 + 61  # 作者： + a name + a post, as _BYLINE allows
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


def may_sign(text: str) -> bool:
    """Whether a line of `text` may be a signature line for `find_bylines`: only a line holding a space or a
    character ``str.isprintable`` refuses (any other whitespace, any line break but ``\n``) gets past its first
    test. A text with neither (most bodies of the news sites) holds no signature: two C passes, not a Python
    step per line."""
    return " " in text or not text.replace("\n", "").isprintable()


def _signed_after(line: str) -> PersonTag | None:
    """A line ending with ``<post> <name>`` (a speech's heading: …宣讲报告(摘登) 区委副书记 刘勇), or None."""
    words = line.rsplit(None, 2)  # the last two words: split from the right, no regex over the whole line
    if len(words) < 2:
        return None
    post, name = words[-2], words[-1]
    # a post of Chinese characters only, at most 20 (checked by comparisons: a regex of that range costs ~10M
    # instructions to compile at import)
    if 2 <= len(name) <= 3 and (name[:1] in SURNAMES or name[:2] in _COMPOUND) and 2 <= len(post) <= 20 \
            and all("\u4e00" <= c <= "\u9fff" for c in post) and _is_name(name) and _POST_END.search(post):
        return PersonTag(name, post, None)
    return None


def find_byline(lines: list[str], max_lines: int = 30) -> PersonTag | None:
    """The signature of a signed piece among the first lines of its body (zone_id left unset)."""
    found = find_bylines(lines[:max_lines + 3], max_lines)
    return found[0] if found else None


def find_bylines(lines: list[str], max_lines: int | None = None) -> list[PersonTag]:
    """Every signature line (a page of several signed pieces has one per piece)."""
    people: list[PersonTag] = []
    for i, line in enumerate(lines[:max_lines]):
        # cheapest tests first: a signature holds at most _BYLINE_MAX characters other than spaces, and a
        # space between name and post (every whitespace character but " " is one isprintable refuses)
        spaces = line.count(" ")
        if len(line) - spaces > _BYLINE_MAX or not spaces and line.isprintable():
            continue
        found = _BYLINE.match(line)
        if not found or _SENTENCE_PUNCT.search(found.group(2).rstrip("、")):
            signed = _signed_after(line)
            if signed is not None:
                people.append(signed)
            continue
        # "".join(split()) removes what re.sub(r"\s+", "", ...) does (str.isspace is regex \s), without a regex call
        name, post = found.group(1), "".join(found.group(2).split())
        if name[:1] not in SURNAMES and name[:2] not in _COMPOUND or post.startswith(("记者", "通讯员", "摄")):
            continue
        for following in lines[i + 1:i + 4]:
            if is_post(post) and not post.endswith("、"):
                break
            following = "".join(following.split())
            if len(following) > 24 or _SENTENCE_PUNCT.search(following.rstrip("、")):
                break
            post += following
        post = post.rstrip("、")
        if is_post(post):
            people.append(PersonTag(name, post, None))
    return people


# People named with a post anywhere in running text ----------------------------------------
# Offices that end a post (the last word of 区党工委副书记, 商务部外资司副司长); longest first.
OFFICES = ("董事会秘书", "主任委员", "行政长官", "主委", "总工程师", "总经济师", "总会计师", "首席科学家", "经济学家", "秘书长", "理事长", "董事长", "总经理",
           "巡视员", "调研员", "负责人", "检察长", "指挥长", "总指挥", "总编辑", "副总裁", "执行长", "书记", "主任",
           "主席", "省长", "市长", "区长", "县长", "州长", "镇长", "乡长", "局长", "部长", "厅长", "司长", "处长", "科长",
           "院长", "校长", "所长", "会长", "组长", "委员", "常委", "经理", "总裁", "总监", "领导", "关长", "社长", "行长",
           "馆长", "站长", "队长", "台长", "主编", "专员", "次长", "设计师", "监事长")
# An office word that is part of a longer word (委员会, 常委会, 领导班子, 书记处 ...) is not an office.
# The offices above and the posts of people quoted in news who hold no office (deputies, scholars, diplomats,
# founders): one vocabulary for every reader of 'post NAME' (the roundup splitter, the speakers' detector).
SPEAKER_ROLES = ("代表", "教授", "研究员", "院士", "专家", "学者", "律师", "医生", "作家", "馆员", "顾问", "主任医师", "工程师",
                 "演员", "主持人", "企业家", "评论员", "媒体人", "诗人", "冠军", "合伙人", "创始人", "支书", "传承人", "科学家",
                 "大使", "参赞", "领事", "分析师", "执行官", "投资官", "留学生", "研究生", "博士生", "主理人")


def post_ends(*more: str) -> re.Pattern[str]:
    """The words that end a post: the offices and speakers' roles above, plus `more` (a reader's own signature
    words, such as a byline's 记者), longest first; a word that is part of a longer word is no post's end
    (委员会, 领导班子, 代表团). Every reader of 'post NAME' builds its pattern here, so there is one vocabulary."""
    words = sorted(dict.fromkeys((*OFFICES, *SPEAKER_ROLES, *more)), key=len, reverse=True)
    return re.compile("|".join(words)
                      .replace("委员", "委员(?!会)").replace("常委", "常委(?!会)")
                      .replace("领导", "领导(?!班子|干部|小组)")
                      # an organisation or a word, not a deputy ('北京代表处经济信息部部长', '代表团', '代表性')
                      .replace("代表", "代表(?!处|团|大会|们|性|作)"))


SPEAKER_OFFICES = post_ends()
# Speech right after a name, maybe after a title printed after it ('狄伯杰教授表示').
_SPEECH_AFTER = re.compile(r"(?:教授|博士|先生|女士|院士|代表|委员|研究员)?(?:表示|说|认为|指出|强调|介绍|坦言|感慨|建议|谈到|"
                           r"提到|回应|透露|解释|直言|称|相信|呼吁|提出|告诉)")
# Characters a name read by length does not hold: function words and the words of a phrase ('主任的工作表示').
# Interrogatives too, in both scripts ('看看媒体记者怎麼说': 怎麼 is no name; datecheck, ppfocus.com).
_NOT_IN_SPAN_NAME = frozenset("的了在是等和与及对向把被将从为也还就都而并则地得着过这那其该此每各上下中时后前里会们个"
                              "怎么麼什谁誰哪")
_MAX_SPAN_NAME = 4
_MAX_DOTTED_NAME = 16
# The characters of the standard transliterations of foreign names (Xinhua's tables): a longer name printed without
# dots ('英国籍学者本杰明迈克尔科尔斯说') is read when every character is one of them.
_TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德迪蒂丁东杜多厄恩尔法范菲费芬丰弗福盖甘冈戈格贡古圭哈海汉"
    "豪赫亨胡华霍基吉加贾杰金居卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷里利莉列林琳卢鲁伦罗洛马迈麦曼芒梅门蒙米明莫默姆"
    "穆纳奈南内尼妮宁纽努诺帕潘佩彭皮普齐奇乔切琼萨塞桑瑟森沙莎尚什施史斯松苏索塔泰坦汤唐特滕提汀图托瓦万旺威韦维"
    "温沃乌西希谢辛休雅亚扬耶伊因英尤约扎泽詹兹佐朱祖")
_MAX_TRANSLITERATED = 10


def name_before_speech(text: str, pos: int) -> str | None:
    """The name between a post that ends at `pos` and a speech verb: two to four Han characters holding no
    function word (no common surname needed: '帕鲁克', '河野圆洋'), or a transliterated name whose parts a
    middle dot joins ('吉多·桑布拉诺') or whose characters are all those of transliterations ('本杰明迈克尔科尔斯');
    the shortest such span, None when no speech verb follows one."""
    if pos >= len(text) or not "\u4e00" <= text[pos] <= "\u9fff" or text[pos] in _NOT_IN_SPAN_NAME:
        return None
    for end in range(pos + 2, min(len(text), pos + _MAX_DOTTED_NAME) + 1):
        char = text[end - 1]
        if not ("\u4e00" <= char <= "\u9fff" or char in "·•"):
            return None
        if char in _NOT_IN_SPAN_NAME:
            return None
        if not _SPEECH_AFTER.match(text, end):
            continue
        name = text[pos:end]
        if SPEAKER_OFFICES.search(name):
            return None  # a title, not a name ('代表委员表示')
        dotted = "·" in name or "•" in name
        if dotted and not name.endswith(("·", "•")) and not name.startswith(("·", "•")) or end - pos <= _MAX_SPAN_NAME \
                or end - pos <= _MAX_TRANSLITERATED and all(c in _TRANSLITERATION for c in name):
            return name
    return None


_NOT_OFFICE_AFTER = {"委员": "会", "常委": "会", "领导": "班子|干部|小组|下|力|作用|和|与|及", "书记": "处", "主任": "委"}
_OFFICE_RE = re.compile("|".join(w + (f"(?!{_NOT_OFFICE_AFTER[w]})" if w in _NOT_OFFICE_AFTER else "") for w in OFFICES))
_CONTINUATIONS = {w: tuple(after.split("|")) for w, after in _NOT_OFFICE_AFTER.items()}
_DEPUTY = ("常务副", "执行副", "副", "代理", "代")
_DEPUTY_LAST = frozenset(d[-1] for d in _DEPUTY)
_HARD_BREAK = set(",，。;；:：!！?？\"“”()（）|[]【】《》<>「」\n")
_BREAK = re.compile("[" + re.escape("".join(sorted(_HARD_BREAK))) + "]")
# Characters a given name does not hold (organisation and function words).
# 政 is no such character: names hold it (孙政才, 黄政); 政府 is kept out by 府, and the words of 政 starting with a
# surname by `_NOT_NAMES` (党政, 施政, 廉政).
_NOT_IN_NAME = set("委局办院厅司处区市县省党府组团队馆站员级届年月日号的了在是等")
# What follows a name: punctuation, a digit, or a word of the verbs and nouns that come after names in news.
_FOLLOW_PUNCT = set(",，、。;；:：!！?？\"“”()（）|") | set("0123456789")
_FOLLOW_WORDS = tuple(sorted(
    "表示 指出 强调 要求 介绍 说 称 认为 透露 坦言 谈到 希望 提出 宣布 宣读 主持 出席 参加 参观 陪同 带队 率队 率领 带领 率 "
    "一行 等 同志 先生 女士 院士 教授 博士 会见 会谈 接见 接待 看望 慰问 调研 考察 视察 检查 督导 听取 汇报 讲话 致辞 发言 "
    "作 做 对 向 以 将 已 于 被 因 涉嫌 履新 当选 担任 出任 兼任 任 代表 先后 实地 详细 充分 高度 前往 赴 到 来 在 走访 "
    "深入 就 和 与 及 也 还 是 为 所 分别 共同 一同 亲自 同 表彰 颁发 签署 签订 见证 应邀 受邀 专程 日前 近日 今天 昨天 "
    "上午 下午 晚上 当天 曾 又 则 更 都 均 即 此前 目前 从 认真 深刻 代表团 等人 先生 说道 回忆 感慨 笑 的 主要 同时 "
    "定期 一起 带头 牵头 主动 专门 特别 现场 逐一 随后 首先 随即 立即 一道 围绕 随同 联合 作为 通过 结合 针对 "
    "之 来到 前来 莅临 出面 宣讲 部署 安排 召开 主讲 作了 解读 回答 答 问 告诉 进行 详细 登台 上台 为此 带 就此 "
    "畅谈 授课 参会 列席 报告 专题 出生 发表 推介 接续 热情 接受 "
    # arriving before the press and answering it ('部长钟山出现在通道上', '局长冯正霖回应'): roundup r170, tune half
    "出现 亮相 现身 回应".split() + list(OFFICES),
    key=len, reverse=True))
_WEAK_FOLLOW = {w for w in _FOLLOW_WORDS if len(w) == 1}
# Words that start a sentence piece before a post and are not part of it.
_POST_LEAD = re.compile(r"^(?:\d+月\d+日|\d+日|\d+年)?(?:上午|下午|晚上|当天|近日|日前|今天|昨天|目前|此前|其中|会上|会前|同时)?"
                        r"(?:受|由|据|请|率|带领|率领|前不久|邀请|会同|陪同|会见|看望|听取|并|还|也|已|在|与|和|及|同|对|向|为|宣布|决定|任命|同意|"
                        r"现任|时任|曾任|历任|担任|出任|已任|任|系)?了?")  # 了: 听取了市发改委主任, 邀请了…副总监
_SPLIT_IN_POST = re.compile("由|受|被|让|请|据|将|把|在|率|前不久|岁的|接棒|接替")  # 现年53岁的, 接棒: not the post
_FORMER = re.compile(r"(?:^|[^太高平草中九五宁还复])原(?!则|料|有|来|因|本|始|创|型|址)|曾任|时任|前任")
_ORG_END = set("局委办部院厅司处会区市县省所站中心组社行校园队馆台")
_AFTER_POST_LEAD = ("原", "现任", "时任", "曾任", "已任", "任", "系", "现为", "为")
_MAX_POST = 40
_PREPOSITIONS = set("向于对和与同跟给及为让请把被")
_NOT_AFTER_NAME = frozenset(("负责人", "领导"))
# 许宏球，已于近日履新重庆两江新区管委会主任: after the comma, the step that gives the post
_TOOK_UP = re.compile(r"(?:已|并|将|日前|近日|于近日|已于近日|已于日前)*(?:履新|出任|升任|调任|接任|改任)")
_TOOK_UP_FIRST = frozenset("已并将日近于履出升调接改")
_APPOINTED = re.compile(r"(?:同志)?(?:被任命为|任命为|出任|担任|兼任|升任|调任|改任|任)(?=[\u4e00-\u9fff])")


# The follow words by first character: (length, words of that length), longest first. Only the lengths
# of the words starting with the character at hand are tried (called for every office word of a text).
_FOLLOW_BY_FIRST: dict[str, tuple[tuple[int, frozenset[str]], ...]] = {
    first: tuple((n, frozenset(w for w in _FOLLOW_WORDS if w[0] == first and len(w) == n))
                 for n in sorted({len(w) for w in _FOLLOW_WORDS if w[0] == first}, reverse=True))
    for first in {w[0] for w in _FOLLOW_WORDS}}


def _follows_name(text: str, pos: int) -> int:
    """0: nothing a name is followed by; 1: a one-character word (weak evidence); 2: punctuation, end or a word."""
    if pos >= len(text) or text[pos] in _FOLLOW_PUNCT:
        return 2
    for length, words in _FOLLOW_BY_FIRST.get(text[pos], ()):
        if text[pos:pos + length] in words:
            return 1 if length == 1 else 2
    # 主任王庆海《关于…的汇报》: a title may follow a name, weak evidence as a one-character word is (陈平作《…报告》)
    return 1 if text[pos] == "《" else 0


def follows_name(text: str, pos: int) -> bool:
    """Whether what starts at `pos` is strong evidence that a name ends there: punctuation, the end, or a word of
    two characters or more that follows names (not a one-character word)."""
    return _follows_name(text, pos) == 2


def _name_candidates(text: str, pos: int) -> tuple[int, ...]:
    """The lengths a name starting at `pos` may have, shortest first."""
    if text[pos:pos + 2] in _COMPOUND:
        return (3, 4)
    if text[pos:pos + 1] in SURNAMES:
        return (2, 3)
    return ()


_NOT_NAMES = {"相关", "有关", "主要", "全体", "各位", "部分", "相应", "分别", "其他", "双方", "各级", "原任", "时任", "现任",
              "新任", "历任", "曾任", "常务", "班子", "领导", "干部", "成员", "同志", "代表", "负责", "管委", "党委", "和平",
              "高新", "经开", "宣传", "组织", "上海", "广州", "成都", "重庆", "武汉", "南京", "杭州", "合肥", "西安", "郑州", "长沙", "宁波",
              "党支", "党组", "党工", "党总",  # 党 is a surname: 学校党支部书记 names no 党支部
              "党政", "施政", "廉政", "宪政", "邮政",  # 政 may be in a name (孙政才): not in these words
              "单位"}  # 副理事长单位: 单 is a surname
# A word that follows names is no name's start even when its first character is a surname (调研组领导强调, 宣布, 来到)
_NOT_NAMES |= {w for w in _FOLLOW_WORDS if len(w) == 2 and w[0] in SURNAMES}


_NAME_SHAPE = re.compile("[\u4e00-\u9fff][^\\W\\d_a-zA-Z" + "".join(sorted(_NOT_IN_NAME)) + "]{1,3}")


@lru_cache(maxsize=8192)
def _is_name(chunk: str) -> bool:
    """Pure and asked again and again for the same few characters (the names of one text): cached."""
    return chunk[:2] not in _NOT_NAMES and "政协" not in chunk and _NAME_SHAPE.fullmatch(chunk) is not None


# One-character words after a two-character name that seldom end a three-character one (张波因涉嫌, 应勇则表示)
_SHORT_NAME_WORDS = set("因则即均都曾被将已于就也还并等和与及对向在说")  # 说: 总经理宣鸿说, 周娜说


def name_after(text: str, pos: int) -> str | None:
    """A personal name starting at `pos` and followed by what follows names (2 or 3 characters,
    a surname first; the longer name when only it is followed by a word, unless the shorter one
    is followed by a function word that seldom ends a name)."""
    best, best_strength = None, 0
    for length in _name_candidates(text, pos):
        name = text[pos:pos + length]
        if len(name) < length or not _is_name(name):
            continue
        strength = _follows_name(text, pos + length)
        if best is not None and best_strength and text[pos + len(best)] in _SHORT_NAME_WORDS:
            break
        if strength > best_strength:
            best, best_strength = name, strength
    return best


def _post_before(text: str, end: int, floor: int) -> tuple[int, str]:
    """The post ending at `end` (exclusive): back to the last hard break, at most _MAX_POST
    characters, without leading words."""
    low = max(floor, end - _MAX_POST)
    last_break = _BREAK.search(text[low:end][::-1])
    start = end - last_break.start() if last_break else low
    while start < end and text[start] in "、":
        start += 1
    post = text[start:end]
    pieces = _SPLIT_IN_POST.split(post)
    if len(pieces) > 1:
        start += len(post) - len(pieces[-1])
        post = pieces[-1]
    lead = _POST_LEAD.match(post)
    if lead and lead.end() < len(post):
        start += lead.end()
        post = post[lead.end():]
    return start, post


class FoundPerson:
    __slots__ = ("name", "post", "start", "end", "former")

    def __init__(self, name: str, post: str, start: int, end: int) -> None:
        self.name, self.post, self.start, self.end = name, post, start, end  # start/end: the post's span
        self.former = ("原" in post or "任" in post) and _FORMER.search(post) is not None


def office_spans(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leftmost-longest, non-overlapping office words among `found` (every (start, end) where an
    office word occurs, e.g. from an Aho-Corasick pass), without those inside longer words (委员会)."""
    found.sort(key=itemgetter(1), reverse=True)  # by start, longest first: two stable C-level sorts
    found.sort(key=itemgetter(0))
    spans, last = [], -1
    for start, end in found:
        if start < last:
            continue
        continuations = _CONTINUATIONS.get(text[start:end])
        if continuations and text.startswith(continuations, end):
            continue
        spans.append((start, end))
        last = end
    return spans


def _bracketed_post(text: str, close: int, floor: int) -> tuple[int, str, str] | None:
    """A name right after a bracketed aside that closes at `close` (江西省委原常委(原火炬中心主任)梁桂): (start, post, name),
    the post being the one before the bracket; None when no post ends there: in 李扬(中国社科院金融所所长)巫和懋(…) (a
    programme's lines, run together) the aside is the post of the name before it."""
    name = name_after(text, close + 1) if text[close + 1:close + 2] in SURNAMES else None
    if name is None:
        return None
    opening = max(text.rfind("(", floor, close), text.rfind("（", floor, close))
    if opening < 0 or close - opening > _MAX_POST or _BREAK.search(text, opening + 1, close):
        return None
    start, post = _post_before(text, opening, floor)
    return (start, post, name) if post and post.endswith(OFFICES) else None


def _roster_name(text: str, at: int) -> str | None:
    """The first name of a roster after a post and a colon (现任领导 管委会副主任: 马腾飞、杨明): only when a 、 follows
    it, a list of names; a colon after a post more often opens what the office holder said or decided."""
    name = name_after(text, at) if text[at:at + 1] in SURNAMES or text[at:at + 2] in _COMPOUND else None
    return name if name is not None and text.startswith("、", at + len(name)) else None


def _appointed_as(text: str, at: int, office_end: int, floor: int, found: list[FoundPerson]) -> bool:
    """任命 NAME 为 POST (决定任命吴泽桐为珠海市人民政府副市长): the person appended to `found` when `at` (after 任命) starts
    a name followed by 为 and the post runs to `office_end` without a break."""
    for length in _name_candidates(text, at):
        name = text[at:at + length]
        if text.startswith("为", at + length) and at >= floor and _is_name(name) \
                and not _BREAK.search(text, at + length + 1, office_end):
            found.append(FoundPerson(name, text[at + length + 1:office_end], at + length + 1, office_end))
            return True
    return False


def find_people(text: str, offices: list[tuple[int, int]] | None = None) -> list[FoundPerson]:
    """Every person named with a post in a whitespace-free text (a match key), in order (a name named
    twice with a post is found twice):
    1. post then name: 商务部外资司副司长王亚, 省委常委、长沙市委书记XXX, shared by a list (区领导A、B、C);
    2. name then post: 杨志平副市长, 市招商局秦艳局长 (the organisation before the name);
    3. name then the post after a comma or in brackets: XXX，原某某高新区管委会副主任; 曾智华（世界银行高级经济学家）."""
    found: list[FoundPerson] = []
    last_end = 0
    if offices is None:
        offices = [m.span() for m in _OFFICE_RE.finditer(text)]
    this_office_end = 0
    previous_office_end = 0
    for office_start, office_end in offices:
        if office_start < last_end:
            continue
        previous_office_end, this_office_end = this_office_end if found else 0, office_end
        following = text[office_end:office_end + 1]
        name = name_after(text, office_end) if following in SURNAMES or text[office_end:office_end + 2] in _COMPOUND \
            else _roster_name(text, office_end + 1) if following == ":" else None
        if name is None and following in ")）":
            aside = _bracketed_post(text, office_end, last_end)
            if aside is not None:  # 江西省委原常委(原火炬中心主任)梁桂: the post before the bracket, the name after it
                start, post, name = aside
                found.append(FoundPerson(name, post, start, office_end))
                last_end = office_end + 1 + len(name)
                continue
        if name and len(name) == 2 and name[0] in _PREPOSITIONS and _OFFICE_RE.match(text, office_end + 2):
            name = None  # 副市长向李院长介绍: 向 is the preposition, 李院长 the next person
        if name:  # 1. post then name
            start, post = _post_before(text, office_end, last_end)
            if not post or post == text[office_start:office_end] and office_start > 0 and text[office_start - 1] not in _HARD_BREAK:
                post = text[office_start:office_end]
            pos = office_end + (following == ":")  # a roster's names begin after the colon
            while name:
                found.append(FoundPerson(name, post, start, office_end))
                pos += len(name)
                last_end = pos
                if pos < len(text) and text[pos] == "、":
                    name = name_after(text, pos + 1)
                    pos += 1 if name else 0
                else:
                    name = None
            continue
        window = max(last_end, office_start - _MAX_POST)
        if not _follows_name(text, office_end):
            continue
        # 2. name then post (杨志平副市长): not with 负责人 or 领导, which follow an organisation, never a
        # name (专家学者、商协会负责人)
        head = office_start if text[office_start:office_end] not in _NOT_AFTER_NAME else -1
        if head > 0 and text[head - 1:head] in _DEPUTY_LAST:  # cheap test first: most offices have none
            for deputy in _DEPUTY:
                if text.startswith(deputy, head - len(deputy)) and head - len(deputy) >= last_end:
                    head -= len(deputy)
                    break
        person = None
        if head >= 2 and (text[head - 2] in SURNAMES or text[head - 3:head - 2] in SURNAMES
                          or text[head - 4:head - 2] in _COMPOUND):
            for length in (3, 2, 4):
                at = head - length
                if at < last_end or length not in _name_candidates(text, at):
                    continue
                name = text[at:head]
                if _is_name(name) and (at == 0 or text[at - 1] in _HARD_BREAK or text[at - 1] == "、"
                                       or text[at - 1] in _ORG_END or text[at - 1] == "据"):  # 据郑毅书记介绍
                    person = (at, name)
                    break
        if person:
            at, name = person
            org_start, org = _post_before(text, at, last_end) if at and text[at - 1] in _ORG_END else (at, "")
            found.append(FoundPerson(name, org + text[head:office_end], org_start, office_end))
            last_end = office_end
            continue
        # 3. name, then 任 and the post (陈平同志任武汉东湖新技术开发区管委会主任)
        appointed = None
        if text.find("任", window, office_start) >= 0:
            for candidate in _APPOINTED.finditer(text, window, office_start):
                appointed = candidate
        if appointed and text.startswith("命", appointed.end()) and _appointed_as(text, appointed.end() + 1, office_end,
                                                                                  last_end, found):
            last_end = office_end  # 决定任命吴泽桐为珠海市人民政府副市长
            continue
        if appointed and not _BREAK.search(text, appointed.end(), office_start):
            for length in (3, 2):
                at = appointed.start() - length
                name = text[at:appointed.start()]
                if at >= last_end and length in _name_candidates(text, at) and _is_name(name):
                    found.append(FoundPerson(name, text[appointed.end():office_end], appointed.end(), office_end))
                    last_end = office_end
                    break
            if last_end == office_end:
                continue
        # 4. name, then the post after a comma or an opening bracket
        for opener in ",(":
            cut = text.rfind(opener, max(last_end, office_start - _MAX_POST), office_start)
            if cut < 1 or _BREAK.search(text, cut + 1, office_start):
                continue
            post = text[cut + 1:office_end]
            took = _TOOK_UP.match(post) if opener == "," and post[:1] in _TOOK_UP_FIRST else None
            if opener == "," and not post.startswith(_AFTER_POST_LEAD) and took is None:
                continue
            for length in (3, 2, 4):
                at = cut - length
                name = text[at:cut]
                # the name may be the one the previous post named (宿迁市副市长方文浜，原…管委会副主任)
                if (at >= previous_office_end and length in _name_candidates(text, at) and _is_name(name)
                        and (at in (0, previous_office_end) or text[at - 1] in _HARD_BREAK or text[at - 1] == "、"
                             or took is not None and text[at - 1] == "的")):  # 调重庆任职的许宏球，已于近日履新…
                    lead = took.group(0) if took is not None else \
                        next((w for w in _AFTER_POST_LEAD if w != "原" and post.startswith(w)), "")
                    found.append(FoundPerson(name, post[len(lead):], cut + 1 + len(lead), office_end))
                    last_end = office_end
                    break
            break
    return found
