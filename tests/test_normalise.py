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
