from monitor.normalise import clean_paragraphs, clean_text, content_hash, match_key, split_paragraphs


def test_clean_text_removes_invisible_and_folds_fullwidth_ascii() -> None:
    assert clean_text("\u200b２０２２年\u3000ＡＩ\ufeff产业 ") == "2022年 AI产业"


def test_clean_text_keeps_chinese_punctuation() -> None:
    assert clean_text("稀土，“料成材”。") == "稀土，“料成材”。"


def test_clean_paragraphs_drops_repeats_and_empties() -> None:
    assert clean_paragraphs(["第一段。", "  ", "第二段。", "第一段。 "]) == ["第一段。", "第二段。"]


def test_match_key_ignores_whitespace_width_and_case() -> None:
    assert match_key("ＡＩ 产业\n（滨江）") == match_key("ai产业(滨江)")


def test_content_hash_equal_under_markup_whitespace() -> None:
    assert content_hash("第一段。\n\n第二段。") == content_hash("第一段。 第二段。")
    assert content_hash("第一段。") != content_hash("第二段。")


def test_split_paragraphs() -> None:
    assert split_paragraphs("a\r\n\r\n b \n\nc") == ["a", "b", "c"]


def test_shorten_cuts_at_a_character_boundary_with_an_ellipsis() -> None:
    from monitor.normalise import MAX_TITLE_CHARS, limit_title, shorten

    exact = "高" * MAX_TITLE_CHARS
    assert limit_title(exact) == exact  # at the limit: unchanged
    over = limit_title(exact + "新")
    assert len(over) == MAX_TITLE_CHARS and over == "高" * (MAX_TITLE_CHARS - 1) + "…"
    assert shorten("abcdef", 4) == "abc…" and shorten("ab  cdef", 4) == "ab…"  # no space before the ellipsis
    # A combining mark, an emoji's skin tone and a joined emoji stay with their base or go with it.
    assert shorten("abe\u0301fgh", 4) == "ab…"
    assert shorten("ab\U0001f44d\U0001f3fdxyz", 4) == "ab…"
    assert shorten("a\U0001f469\u200d\U0001f52cxyz", 4) == "a…"


def test_every_way_an_article_is_made_limits_its_title() -> None:
    from monitor.extract.extractor import extract_article
    from monitor.items import ExtractedArticle, Piece
    from monitor.normalise import MAX_TITLE_CHARS

    huge = "包头稀土高新区" * 15_000
    body = "".join(f"<p>{'稀土新材料产业加快发展，一批重点项目陆续开工建设。' * 4}</p>" for _ in range(4))
    for head in (f"<title>{huge}</title>", f"<meta property='og:title' content='{huge}'>"):
        article = extract_article(f"<html><head>{head}</head><body><div>{body}</div></body></html>",
                                  "http://zone.example/a/1.html")
        assert len(article.title) == MAX_TITLE_CHARS and article.title.endswith("…")
    assert len(ExtractedArticle(url="u", title=huge, body="b").title) == MAX_TITLE_CHARS
    assert len(Piece(headline=huge, body="b").headline) == MAX_TITLE_CHARS


def test_match_key_chars_file_is_the_running_unicode_databases_set() -> None:
    """is_plain vouches for a text by monitor/data/match-key-chars.txt: it must be the set computed from the Unicode
    database in use (a new Python: `python -m monitor.keychars`)."""
    import unicodedata

    from monitor import keychars

    runs = keychars.load()
    assert runs is not None, "written under another Unicode database: python -m monitor.keychars"
    assert runs == keychars.ranges(keychars.changing_chars())
    # every other character, next to each character that starts a composition (and Hangul's), stays as it is
    changing = {cp for a, b in runs for cp in range(a, b + 1)}
    others = [chr(cp) for cp in range(0x10000) if cp not in changing]
    firsts = {chr(int(parts[0], 16)) for parts in (unicodedata.decomposition(c).split() for c in others)
              if len(parts) == 2 and not parts[0].startswith("<")}
    for first in sorted(firsts | {"\u1100", "\uac00"}):
        if ord(first) not in changing:
            text = first + first.join(others)
            assert unicodedata.normalize("NFKC", text) == text == text.casefold(), ascii(first)


def test_plain_texts_need_no_nfkc_check_nor_casefold() -> None:
    """A plain text's key is its frequent marks replaced and its whitespace removed; Latin capitals, a combining
    mark (composing with the letter before it), a compatibility character or a rarer mark make a text not plain."""
    import unicodedata

    from monitor.normalise import is_plain, is_usual

    text = "东湖高新区（光谷）：数字经济\n增长 12%！"
    assert is_plain(text) and is_usual(text)
    assert match_key(text, plain=True) == "东湖高新区(光谷):数字经济增长12%!" == match_key(text)
    for odd in ("GDP", "ß", "e\u0301", "ι\u0308\u0301", "\u1100\u1161", "가\u11a8", "①", "…", "\u200b", "區", "\U0001d400",
                "\ud800"):
        assert not is_plain(text + odd), odd
    for char in map(chr, range(0x3000, 0xA000)):  # CJK punctuation, kana, ideographs: plain or not, never wrong
        if is_plain(char):
            assert unicodedata.normalize("NFKC", char).casefold() == char and not unicodedata.combining(char)
