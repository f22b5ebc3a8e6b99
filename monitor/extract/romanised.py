"""Writers' names in Latin letters, as English-language pages about China print them. Pure functions; no I/O.

- :func:`by_names`: an English byline, 'By Hu Haiyan, Song Wenwei and Zhou Furong (China Daily)', 'By LYU CHANG and
  ZHOU LIHUA |', 'by David Parmer': the names after 'By', each two or three capitalised words, set apart by commas,
  'and' or '&'; an organisation ('By Xinhua—Global Times', 'By China Daily'), a staff line ('By GT staff reporters')
  or a date ('by September 28, 2015') is none.
- :func:`pinyin_names`: names with no label, read only when each has a Chinese name's romanised shape (a common
  surname, then a given name of one to four pinyin syllables): a line holding one name alone under a title ('Li Qian'),
  or a list of them after a separator ('• Ma Yujie,Li Qianwei,Dong Xiaohong').
Several names are given back joined by ', ' (a romanised name holds a space).
"""

from __future__ import annotations

import re

__all__ = ["by_names", "pinyin_names"]

_WORD = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[A-Z]{2,})"
_NAME = rf"{_WORD}(?:[ \u00a0]{_WORD}){{1,2}}"
# 'By' as a label, or 'by' starting the line ('by David Parmer'); within a sentence ('Photos by …', 'approved by …') it is
# no byline.
_BY = re.compile(rf"(?:(?<![A-Za-z])By|^\s*by)\s+({_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*)(?![A-Za-z])")
_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&)\s*")
# Words of organisations, roles and dates: a 'name' holding one is none ('Global Times', 'China Plus', 'Staff Writer').
_NOT_PERSON = frozenset("""
daily times news post press agency service xinhua reuters online network media group review weekly staff
reporter reporters writer writers editor editors global china chinese web plus gateway people radio
television cgtn cctv afp bloomberg newspaper magazine journal center centre department office government
bureau committee university city province county district park zone photo photos correspondent
correspondents our the january february march april may june july august september october november
december
""".split())
# Common Chinese surnames as romanised (Hanyu Pinyin), the evidence a bare pair of capitalised words is a name.
_SURNAMES = frozenset("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song
tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lyu lv ding ren
shen yao lu cui zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan
lei hou long tao gu mao hao gong shao wan qian kong xiang chang kang niu ge xing an qi yi qiao pang ni
zhuang nie yue zhai zhan ou geng guan lan jiao zuo gan bao ning shang shu ruan ke ji mei tong ling bi
dan pei huo tu miao sheng qu weng ran xin chai hua pu teng rao mu ai you nong si zhuo jian che lian mai
chu lou dou cen jing dang fei bu leng xi mi zong gui quan ying zang min gou bian chou luan sui diao sha
rong kou sang lang zhen cong ao ming she chi cha kuang ju hui le nan ban lao xian man wen ouyang sima
shangguan zhuge situ murong
""".split())
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|ve"
          r"|a|o|e|i|u|v)")
_GIVEN = re.compile(rf"(?:{_INITIAL}{_FINAL}){{1,4}}")
_LIST_SEPARATOR = re.compile(r"\s*[•·|｜]\s*")


def _person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and not any(w.lower() in _NOT_PERSON for w in words)


def by_names(text: str) -> str | None:
    """The writers an English byline names ('By Li Qing · 2019-08-26' -> 'Li Qing'), or None."""
    match = _BY.search(text)
    if not match:
        return None
    names = [" ".join(n.split()) for n in _SEPARATOR.split(match[1]) if n]
    return ", ".join(names) if names and all(_person(n) for n in names) else None


def _pinyin(name: str) -> bool:
    """'Li Qian', 'Huang Zechenyidu', 'Ouyang Xiaoming': a common surname, then a given name of pinyin syllables."""
    words = name.split()
    if len(words) != 2 or not all(re.fullmatch(r"[A-Z][a-z]+", w) for w in words):
        return False
    surname, given = (w.lower() for w in words)
    return surname in _SURNAMES and bool(_GIVEN.fullmatch(given))


def pinyin_names(line: str) -> str | None:
    """A line that is one romanised Chinese name alone ('Li Qian'), or whose last part after a separator ('•', '|') is
    a list of them set apart by commas ('發布於 7小時前 • Ma Yujie,Li Qianwei'): the names, else None."""
    part = _LIST_SEPARATOR.split(line.strip())[-1]
    names = [n.strip() for n in re.split(r"\s*[,，、]\s*", part) if n.strip()]
    if not names or not all(_pinyin(n) for n in names):
        return None
    if len(names) == 1 and part != line.strip():
        return None  # one name after a separator may be a site's or a column's: a list, or the line alone
    return ", ".join(names)
