"""Roundup rules written after the twenty-first batch (issue 18; tests/data/roundups/README.md), each from a kind of
failure of the tune halves (all batches). Each page is made up in a real page's layout and fails on the code before its
rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from tests.pieces_helpers import assert_signed


def test_people_listed_in_a_lead_then_speaking_alone_in_turn_are_pieces() -> None:
    """Kind: a seminar report lists its experts with their posts ('…副院长曲建、…教授胡汉辉等8位专家…'), then reports them
    by name alone, one sentence each ('曲建提出，…。胡汉辉认为，…'): the page was not split at all (r225, twenty-first
    batch, tune half). A name printed after a post above, then opening a sentence with a speech verb, is a speaker; the
    post printed only in the lead's list is no post of the piece."""
    article = assert_signed(
        "专家共议湖区建设\n\n"
        "5月27日，战略研讨会在线举行，累计参会人数达51万余人。\n\n"
        "会上，某某综合开发研究院副院长曲建、某某大学城市规划研究院院长曾刚、某某大学经济管理学院教授胡汉辉等8位"
        "知名专家从不同角度建言献策。\n\n"
        "曲建提出，要重点关注科技创新模式、现代产业体系和规划发展战略。胡汉辉认为，环太湖科创圈要整合和重组创新资源，"
        "形成长三角中心区域的创新高原。\n\n原文链接：交汇点新闻",
        [("曲建", None), ("胡汉辉", None)],
    )
    assert article.pieces[0].body.startswith("曲建提出")
    assert "创新高原" not in article.pieces[0].body


def test_a_paragraph_opening_with_a_name_it_repeats_before_a_speech_verb_is_that_speaker_s() -> None:
    """Kind: on a page of 'post NAME认为' paragraphs, one opens with the name alone and names the speaker again before
    the verb ('蔡正雄今年的提案关注…。“…”蔡正雄认为，…'): it was merged into the piece above (r216, twenty-first batch,
    tune half). The name printed twice, once opening the paragraph and once speaking, is the evidence."""
    article = assert_signed(
        "台籍委员谈报告\n\n"
        "“今年的报告非常精炼，对以后的工作有很大的促进作用。”步出会场的台籍委员王二虎对记者如是说。\n\n"
        "台籍委员张宁认为，今后政协平台将在两岸关系发展中发挥越来越大的作用，“很让人振奋”。\n\n"
        "蔡正雄今年的提案关注我国电力发展。“为了更好地使用绿色能源，特高压是很重要的。”蔡正雄认为，"
        "我国的绿色能源大多集中于特定地区，需要将其输送出去。",
        [("王二虎", "台籍委员"), ("张宁", "台籍委员"), ("蔡正雄", None)],
    )
    assert "特高压" not in article.pieces[1].body


def test_a_meeting_report_naming_its_officials_alone_in_turn_stays_one_article() -> None:
    """A meeting report lists its officials with their posts, then quotes them by name ('王伟强调，…', '李明要求，…'):
    '强调', '要求', '指出' are how a report quotes its officials, not a speaker's words; the report is one article."""
    article = extract_text_page(
        "高新区召开经济工作会议\n\n2024-03-05 来源：高新区管委会\n\n"
        "3月5日，高新区召开经济工作会议。高新区党工委书记王伟、管委会主任李明出席会议并讲话。\n\n"
        "王伟强调，要坚定信心，奋力完成全年目标任务。\n\n李明要求，要狠抓项目建设，优化营商环境。\n\n"
        "会议还对重点工作进行了安排部署。\n",
        "https://gxq.example.gov.cn/news/2.html",
    )
    assert not article.pieces


def _html(title: str, paragraphs: list[str]) -> str:
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>")


def test_two_signatures_of_one_shape_split_an_html_page() -> None:
    """Kind: a roundup of two deputies as an HTML page ('全国人大代表、…NAME表示' twice) was not split: an HTML page
    needs three people opening paragraphs with 'post NAME', as an ordinary article quotes two (the tune pages rendered
    as HTML, bench/roundup_variants.py, lost 57 pieces). The same office word ending both posts is the repeated shape
    that is the evidence; a member quoted in a student's story (posts unrelated) still splits nothing."""
    from monitor.extract.extractor import extract_article

    deputies = _html("代表热议科技创新", [
        "全国人大代表、某某市委书记张建国表示，近年来，某某坚持把制造业高质量发展作为主攻方向，加力推动传统产业提质升级、"
        "新兴产业蔚然起势，加快构建现代化产业体系，实体经济根基更加坚实。",
        "他介绍，某某立足资源禀赋，推动农产品加工业产值突破2500亿元，通过培育壮大龙头企业、强链补链延链。",
        "全国人大代表、某某集团董事长李秀英表示，企业要以科技创新打造核心竞争力，在激烈的市场竞争中赢得主动，"
        "同时在面对竞争和盈利的压力下快速地迭代升级。",
        "她建议，进一步加大对民营企业研发投入的支持力度，完善科技成果转化的激励机制。",
    ])
    article = extract_article(deputies, "https://news.example.cn/a/1.html")
    assert [(p.author, p.author_post) for p in article.pieces] == [
        ("张建国", "全国人大代表、某某市委书记"), ("李秀英", "全国人大代表、某某集团董事长")]
    assert "民营企业" not in article.pieces[0].body

    story = _html("留学生看两会", [
        "留学生李博灏表示，对两会的关注使我能够准确把握国家目前迫切需要解决的难题，从而使我的研究具有更多的社会价值，"
        "把理论和现实结合起来。",
        "在两会上，全国政协委员张近东表示，当前中国经济的发展正在从数量型向质量型转变，消费升级将成为企业新一轮创新"
        "发展的动力。对此，李博灏认为这也是他关注的问题。",
        "他说，在国外学习的这些年，他一直在关注国内消费市场的变化，也希望回国后能在这个领域有所作为。",
    ])
    assert not extract_article(story, "https://news.example.cn/a/2.html").pieces


def test_sub_headlines_run_into_a_one_line_page_are_lines_again() -> None:
    """Kind: a page run together on one line, its sub-headlines 'NAME：topic' and 'post NAME' lines having no
    sentence's end before the space that replaced their line break ('…。 张建国代表：制造业攀高逐新 全国人大代表、…'): the
    signatures sat inside one line and no piece was found (the tune pages run together, bench/roundup_variants.py,
    tune half). A space between two Han characters is a lost line break where the line holds several between long
    stretches of text."""
    page = ("代表委员热议科技创新 张建国代表：制造业攀高逐新 今年的政府工作报告提出，坚持把发展经济的着力点放在实体经济上。"
            "全国人大代表、某某市委书记张建国表示，某某坚持把制造业高质量发展作为主攻方向，加快构建现代化产业体系。 "
            "李秀英代表：提升经济外向度 全国人大代表、某某市委书记李秀英表示，某某以开放为纽带，在区域协同中拓宽开放"
            "广度与深度，实现承接东部优质产业转移。")
    article = assert_signed(page, ["张建国", "李秀英"])
    assert "开放为纽带" not in article.pieces[0].body


def test_a_byline_spaced_inside_a_long_paragraph_stays_one_line() -> None:
    """Names spaced in a byline closing a long paragraph ('…相继落户。本报记者 李天平 通讯员 陈慧玲 图/文') are no page
    run together: short stretches between the spaces, the byline kept whole (datecheck fifth batch, tune half)."""
    article = extract_text_page(
        "高新区新签约项目85个\n\n2022-05-31 07:18\n\n"
        "《总体方案》发布以来，国家高新区新签约项目85个，投资总额151亿元；新开工项目111个，总投资181.3亿元；供应土地"
        "超2000亩。目前，高新区已吸引中国电信、大唐集团、华熙生物等一批知名企业相继落户。本报记者 李天平 通讯员 陈慧玲 "
        "图/文\n\n编辑：李奥迪\n",
        "http://news.example.cn/2022-05-31/1.html",
    )
    assert article.author is not None and "陈慧玲" in article.author and "李天平" in article.author


def test_a_space_between_a_post_and_the_name_it_signs_is_no_line_break() -> None:
    """'全国政协委员 张三：' on a page run together: the space inside the signature is no lost line break (kind: such
    pages lost every piece to the cut above; r43, r162, r168 run together, tune half)."""
    page = ("委员热议科技创新。 关注产业升级 全国政协委员 张建国：要加快构建现代化产业体系，推动传统产业提质升级。 "
            "关注对外开放 全国政协委员 李秀英：要以开放为纽带，在区域协同中拓宽开放广度与深度，实现承接产业转移。 "
            "关注基础研究 全国政协委员 王立平：要加大基础研究投入，深化科技和人才发展体制机制改革，培育创新主体。")
    assert_signed(page, [("张建国", "全国政协委员"), ("李秀英", "全国政协委员"), ("王立平", "全国政协委员")])


def test_a_piece_is_signed_by_the_person_its_next_paragraphs_name_again() -> None:
    """Kind: a wire report's lead quotes one person in passing ('…,立法會主席梁君彥早前亦指…'), then introduces its
    speaker after a post ('身兼…委員的議員劉國勳今日指出…'), whom the next paragraph names again ('劉國勳指…'): the piece was
    signed by the person quoted in passing (r223, twenty-first batch, tune half). A legislator's post ('議員') is a
    post; '身兼…的' describes, as '作为…的' does."""
    article = assert_signed(
        "議員促設展館介紹北都\n\n"
        "【東網專訊】政府近年致力發展北部都會區，惟至今仍未有實質進展，立法會主席梁君彥早前亦指政府「得個講係唔得」。"
        "身兼北部都會區諮詢委員會委員的議員劉國勳今日指出，政府應積極解決北都規劃職住不均的問題。\n\n"
        "劉國勳指現今青年人未必均對創科有興趣，建議當局在河套區落成建築物中加設規劃展示館。\n\n"
        "同場的香港城市大學商學院特約教授洪為民表示，政府雖設立北部都會區統籌辦事處，但主任僅為D4級官員。",
        [("劉國勳", "議員"), ("洪為民", "香港城市大學商學院特約教授")],
    )
    assert "規劃展示館" in article.pieces[0].body


def test_a_description_before_a_post_is_dropped_though_it_quotes_a_post_word_or_ends_with_a_title() -> None:
    """Kind: 'post wrong', a description kept in the post: '第一次走上「委員通道」的post' (a post word inside quotation
    marks names a thing, the passage; r198) and '作為首名回答問題的委員,post' (the description's own noun before the comma;
    r149), tune halves. A publication in book-title marks before 的 is still whose post it is ('《资治通鉴》的总编辑')."""
    from monitor.extract.pieces import _post

    assert _post("第一次走上「委員通道」的全國工商聯副主席、信德集團行政主席") == "全國工商聯副主席、信德集團行政主席"
    assert _post("作為首名回答問題的委員,中國探月工程總設計師") == "中國探月工程總設計師"
    assert _post("台湾新版《资治通鉴》的总编辑") == "台湾新版《资治通鉴》的总编辑"


def test_officials_a_report_introduces_then_quotes_by_name_with_any_verb_stay_one_article() -> None:
    """Review: people named alone in turn split a page only after a lead announcing a group of speakers ('等8位专家');
    a report introducing two officials and quoting them with '说', '介绍', '表示' (a speaker's verbs) is one article,
    in separate paragraphs or in one."""
    report = extract_text_page(
        "全区人才工作推进会召开\n\n2024-03-05 来源：高新区管委会\n\n"
        "本报讯 昨日，全区人才工作推进会召开，区委组织部部长张伟和区人社局局长刘洋出席并讲话。\n\n"
        "张伟说，今年全区将围绕主导产业引进高层次人才，完善人才服务体系，让人才引得进、留得住、用得好。\n\n"
        "刘洋介绍，今年以来全区新增就业岗位三千余个，人才公寓建设进展顺利，各项政策已经落实到位。\n\n"
        "会议还对下一阶段重点工作进行了安排部署。\n",
        "https://gxq.example.gov.cn/news/3.html",
    )
    assert not report.pieces
    visit = extract_text_page(
        "省科技厅来我区调研\n\n2024-04-02\n\n"
        "近日，市委常委、副市长李明，市发改委主任王强一行到园区调研重点项目建设情况。\n\n"
        "李明表示，园区要抢抓机遇，加快发展，全力推动项目早竣工、早投产。王强认为，要进一步优化营商环境，提升服务水平。\n",
        "https://gxq.example.gov.cn/news/4.html",
    )
    assert not visit.pieces


def test_officials_sharing_a_first_post_do_not_make_an_html_report_a_collection() -> None:
    """Review: the two-signature exception for HTML pages holds for a member's title shared (代表, 委员, 院士), not for
    any first post: two zone secretaries who are both 市委常委 speak at one meeting, reported in one article."""
    from monitor.extract.extractor import extract_article

    meeting = _html("两市高新区协同发展座谈会召开", [
        "3月10日，皖江城市带高新区协同发展座谈会在合肥召开，两市高新区负责人围绕产业协同作了交流发言。",
        "合肥市委常委、合肥高新区党工委书记张红说，合肥高新区将发挥龙头作用，深化与芜湖在新能源汽车领域的合作，共建产业链。",
        "芜湖市委常委、芜湖高新区党工委书记陈亮表示，芜湖高新区愿与合肥共享创新资源，推动两地企业在研发和市场方面深度合作。",
        "会议还就建立常态化协作机制进行了讨论，双方签署了合作备忘录。",
        "下一步，两地将定期召开联席会议，推动合作项目落地见效。",
    ])
    assert not extract_article(meeting, "https://news.example.cn/a/3.html").pieces
