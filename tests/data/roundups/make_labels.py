"""Writes labels.json: the hand labels of the roundup pages (kept as code for readable diffs)."""
import json


def P(author, post, first, last, headline=None):  # noqa: N802 - one short name keeps the table readable
    return {"author": author, "post": post, "first": first, "last": last, "headline": headline}


PAGES = [
    ("r01-jjckb-reporters.txt", "http://jjckb.xinhuanet.com/gnyw/2009-03/07/content_147320.htm",
     "piece then (本报记者 NAME) closing it", False, "", [
        P("李佳鹏", "本报记者", "6日,人民大会堂新闻发布厅", "未必都是运动健将"),
        P("张莫", "本报记者", "这是我买的政协会议的纪念画册", "记者也是“追星族”"),
        P("杨烨", "本报记者", "6日中午,就在我们匆匆离开", "于是这样给自己鼓劲儿")]),
    ("r02-xmwb-special-reporters.txt", "https://xmwb.xinmin.cn/xmwb/html/2012-03/13/content_4_1.htm",
     "sub-headline, ■特派记者 NAME byline, piece", True,
     "one paragraph of the first piece left out; the second piece is cut after its third paragraph", [
        P("潘高峰", "特派记者", "3月6日,我去全国政协经济36组听会", "他们的坚持体现了责任的力量", "会场内外的坚持"),
        P("姚丽萍", "特派记者", "采访上海代表团", "倾诉日常生活中的喜怒哀乐", "代表的“城中故事”")]),
    ("r03-xmwb-trailing-reporters.txt", "http://xmwb.xinmin.cn/xmwb/html/2013-02/02/content_4_1.htm",
     "sub-headline, piece, 本报记者 NAME at the end of its last paragraph", True,
     "starts mid-page; cut in the fourth (unsigned) piece", [
        P("张龙", "本报记者", "今年两会,选择搭乘公共交通", "占了全部参会委员的绝大多数"),
        P("邵宁", "本报记者", "在一次小组会上", "就满足了", "一位代表"),
        P("潘高峰", "本报记者", "今年在农工医卫组听会", "多进行一些跨界别的联组讨论", "一个点子")]),
    ("r04-yga-name-colon.txt", "http://weixin.yga.cn/article/77802.html",
     "NAME: alone on a line before each piece", True, "cut at the start of the second piece", [
        P("霍建国", None, "建议宝安要依靠制造业创新发展", "抢出一片新天地"),
        P("肖耿", None, "宝安实际上目前面临", "宝安实际上目前面临")]),
    ("r05-shandao-proposals.txt", "http://sz-shandao.com/2015-03/10/content_540398.htm",
     "paragraphs opening 'post、NAME建議' (pinyin ruby left in the text)", True, "cut in the last piece", [
        P("張靜", "全國政協委員", "委員張靜建議", "支持社會組織參與到服務項目中"),
        P("譚之平", "全國人大代表、湖北技術職業學院醫學分院黨委書記兼義工社黨支部書記", "譚之平建議將鄉鎮", "就地報銷"),
        P("李暉", "全國人大代表、湖南省文化廳廳長", "李暉建議省級人民政府", "記得住鄉愁"),
        P("趙長義", "全國人大代表、遼寧省沈陽市人大常委會主任", "趙長義建議加快學前教育", "提供法律保障")]),
    ("r06-gszx-members-said.txt", "http://www.gszx.gov.cn/htm/20169/2_12213.htm",
     "paragraphs opening 'NAME委员说'", False, "", [
        P("李宁平", "委员", "李宁平委员说", "必将使广大群众受益"),
        P("李沛兴", "委员", "李沛兴委员说", "我们对此充满信心")]),
    ("r07-zjol-members-think.txt", "http://china.zjol.com.cn/system/2010/03/06/016387927.shtml",
     "paragraphs with 'NAME委员认为' at or near their start", False, "", [
        P("丁耀民", "委员", "总理的报告令人鼓舞和振奋", "这是最好的支持"),
        P("樊建人", "委员", "樊建人委员认为", "任重道远"),
        P("成岳冲", "委员", "成岳冲委员感到特别欣慰", "并给予了明确答复")]),
    ("r08-changsha-captioned.txt", "http://changsha.baogaosu.com/xinwen/%E5%85%A8%E5%9B%BD%E4%BA%BA%E5%A4%A7%E4%BB%A3%E8%A1%A8%E7%83%AD%E8%AE%AE%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A/55417511/",
     "photo caption line, then a paragraph naming 'post、NAME' (after a quote or at its start)", True,
     "cut in the third piece", [
        P("蒙兰凤", "全国人大代表、湖南省通道侗族自治县礼雅小学校长", "总理报告做的非常好", "深受鼓舞"),
        P("杨娟娟", "全国人大代表、湖南省新化县曹家镇展望村村委会主任", "杨娟娟认为", "给了农村孩子更公平的机会"),
        P("廖仁斌", "全国人大代表、中国电信股份有限公司湖南分公司总经理", "廖仁斌说", "我们有责任有义务")]),
    ("r09-handmsg-name-post-lines.txt", "http://m.handmsg.com/page/2022/0617/10806314.shtml",
     "NAME and post run together on a line alone (traditional characters), then the piece", True,
     "two paragraphs of the first piece left out; cut in the second piece", [
        P("李言榮", "中國工程院院士四川大學校長", "愛因斯坦曾經說過", "比一味去追求填補空白要重要得多"),
        P("王松靈", "中國科學院院士首都醫科大學副校長", "我國60歲及以上人口", "達到24.48和23.02人")]),
    ("r10-965pp-post-name-colon.txt", "http://m.www965pp.com/lianghui/news/2025-03/12/content_117762434.shtml",
     "'post NAME:' inline openers between narrative paragraphs (traditional characters)", False, "", [
        P("喬紅", "全國政協委員", "就是在講自己該講的事情", "應該做些什么"),
        P("許慶民", "全國人大代表", "我看到各行各業的代表", "向全國人民進行傳達"),
        P("張興贏", "全國政協委員", "聊得都非常實在", "為國履職為民盡責"),
        P("畢諾", "阿聯酋中阿衛視記者", "開設通道代表了中國的開放", "暢所欲言的平臺"),
        P("塔尼亞 喬治亞娃 格盧赫切娃", "保加利亞《言論報》記者", "我真的很受觸動", "很有針對性的問題")]),
    ("r11-zhixiny-deputies-said.txt", "https://forum.zhixiny.cn/article-604-1.html",
     "forum mirror: paragraphs run together on one line; 'NAME代表说' openers", True, "cut in the closing paragraph", [
        P("任武贤", "代表", "任武贤代表说", "履行好人大代表的职责"),
        P("马瑞燕", "代表", "马瑞燕代表说", "作出一点自己的贡献"),
        P("栗翠田", None, "栗翠田是一位来自农村的基层代表", "就有了更大的把握")]),
    ("r12-hefei-members-colon.txt", "https://hefei.baogaosu.com/xinwen/%E5%B1%8A%E4%B8%80%E6%AC%A1%E4%BC%9A%E8%AE%AE%E7%9A%84%E4%BD%8F%E7%9A%96%E5%85%A8%E5%9B%BD%E6%94%BF%E5%8D%8F%E5%A7%94%E5%91%98/65270863",
     "'post NAME介绍:/表示:' then a quote", True, "cut after the closing paragraph's first sentences", [
        P("夏涛", "十三届全国政协委员", "今年全国两会是十九大召开后的首次两会", "最好的起点和开端"),
        P("穆可发", "十三届全国政协委员", "对这次会议充满了期待", "让老百姓得到更多实惠")]),
    ("r13-81cn-vice-chairs.txt", "http://81.cn/2020zt/2020-05/23/content_9819896.htm",
     "paragraphs opening 'post NAME在…时说'", True, "cut in the third piece", [
        P("张庆黎", "全国政协副主席", "张庆黎在参加中共界委员小组讨论时说", "凝聚共识等方面下功夫"),
        P("万钢", "全国政协副主席", "万钢在参加致公界委员小组讨论时说", "全面建成小康社会作出贡献"),
        P("何厚铧", "全国政协副主席", "何厚铧在参加特邀澳门人士委员小组讨论时说", "以对口帮扶从江县")]),
    ("r14-crntt-members-told.txt", "http://hk.crntt.com/crn-webapp/mag/docDetail.jsp?coluid=25&docid=105353286",
     "paragraphs opening 'post、NAME…表示' (traditional characters, photo caption above)", True,
     "cut in the third piece", [
        P("高敬德", "港區全國政協委員、香港新恒基國際(集團)董事局主席", "高敬德是昨天下午首位接受媒體訪問", "要盡快有所突破"),
        P("蘇華", "全國政協委員、民建中央常委、四川國弘現代教育投資公司董事長", "蘇華對中評社表示", "予以采納"),
        P("俞敏洪", "全國政協委員、新東方教育科技集團董事長", "俞敏洪對中評社記者表示", "見面寒暄,而是")]),
    ("r15-nankezia-dash-closers.txt", "http://nankezia.com/gnyw/2009-03/05/content_147111.htm",
     "quote then '——post NAME' closing it, on the same line (pinyin ruby left in the text)", True,
     "starts at the first quote; cut in the ninth (unsigned) quote", [
        P("李家春", "全國政協委員、中國科學院力學研究所學術委員會主任", "具有創新能力的", "才能真正獲得市場"),
        P("毛蘊詩", "全國政協委員、中山大學教授", "這些‘天價高管’工作一年所得", "對廣大投資者利益的侵害"),
        P("張志勇", "全國人大代表、山東省教育廳副廳長", "辦好一所學校", "張伯苓式的教育家"),
        P("厲以寧", "全國政協經濟委員會副主任、經濟學家", "最重要的改革是城鄉二元體制改革", "這不能再拖了"),
        P("李其其格", "全國人大代表", "人在,信心就在", "就看能不能抓住"),
        P("王洪軍", "全國人大代表、一汽-大眾汽車有限公司鈑金整修車間工人", "沒有考慮成熟的議案不如不提", "是一種不負責任的表現"),
        P("葉培建", "全國政協委員、嫦娥一號工程總指揮兼總設計師", "盡管起步比較晚", "毫不遜色"),
        P("鄧亞萍", "全國政協委員、奧運冠軍", "只要我們像在辦奧運的時候", "贏得一枚新的經濟金牌")]),
    ("r16-taiwancn-dash-said.txt", "http://big5.chinataiwan.cn/gate/big5/www.taiwan.cn/zt/szzt/2011lianghu/2011lh24/201103/t20110304_1772980.htm",
     "quote then '——post NAME + what they said it about'", True, "cut in the sixth quote", [
        P("陳道明", "全國政協委員、國家一級演員", "我的提案和我的工作有關", "但不代表文化全是商業元素"),
        P("艾克拜爾吾甫爾", "全國人大代表、新疆喀什地委副書記", "國家出臺的好政策", "好的生存體驗"),
        P("陳游標", "“中國首善”", "當你一個手指指向別人的時候", "再去指向別人"),
        P("王海波", "全國政協委員、河北省農林科學院副院長", "官方應該化被動應對為主動防禦", "不匹配的問題"),
        P("崔永元", "全國政協委員、中央電視臺主持人", "我覺得每個人身上都應該流著道德的血", "主要是他們(開發商)流")]),
    ("r17-hnchqz-members-concerns.txt", "http://hnchqz.com/2011-03/14/content_293518.htm",
     "paragraphs opening 'post、NAME…:' (pinyin ruby left in the text)", True, "cut after the pieces", [
        P("葛俊杰", "全國政協委員、上海光明食品集團副總裁", "葛俊杰特別關心食品安全", "加強食品安全分段監管協作"),
        P("楊超", "全國政協委員、中國人壽保險(集團)公司總裁", "楊超在小組討論時尤其提到住房", "發揮積極作用"),
        P("賈康", "全國政協委員、財政部財政科學研究所所長", "賈康更是對交通問題頗有感觸", "還遠遠不足")]),
    ("r18-jizihe-quote-then-speaker.txt", "http://jizihe.com/page/2023/0415/21531558.shtml",
     "quote, then 'post NAME' and a verb in the same paragraph (pinyin ruby left in the text)", True,
     "two paragraphs of quotes by others left out; cut after the pieces", [
        P("耿福能", "全國人大代表、深耕中醫藥產業30多年的好醫生集團董事長", "總書記的兩個", "深受鼓舞"),
        P("夏華", "全國人大代表、女企業家", "一個好企業", "黃金十年要來了"),
        P("尚瑞芬", "如今連任5屆全國人大代表", "認準的路", "做出應有的擔當和奉獻")]),
    ("r19-wenweipo-subheads.txt", "http://news.wenweipo.com/2015/03/03/IN1503030006.htm",
     "sub-headline, then a paragraph naming 'post、NAME'", True, "cut in the third piece", [
        P("梁留科", "全國政協委員、洛陽師院院長", "上午9時45分", "咨詢相關事宜", "提前來京拜訪院士取經"),
        P("張全國", "全國政協委員、河南農業大學副校長", "桌子上堆滿了各種材料", "多多體現集體智慧", "到國土資源部上門咨詢"),
        P("花亞偉", "全國政協委員", "中午12時15分", "駕考考試體制改革等內容", "耗時一個月多地實地調研")]),
    ("r20-wenweipo-bracket-names.txt", "http://news.wenweipo.com/2017/03/14/IN1703140058.htm",
     "【NAME】 opening a paragraph, a ★ context line before each", True,
     "the introduction shortened; cut before the fourth question", [
        P("張寶峰", None, "今年是香港回歸20週年", "並對它的前景做一評估"),
        P("張帥", None, "去年8月,貴州被納入", "帶來更多的紅利"),
        P("胡若璋", None, "一直以來粵港兩地不斷緊密合作", "進一步深化兩地合作")]),
    ("r21-chinacom-jiangsu-members.txt", "http://big5.china.com.cn/lianghui/news/2018-03/03/content_50642715.shtml",
     "paragraphs opening 'post NAME' with no verb next to it (traditional characters)", True, "cut in the second piece", [
        P("朱曉進", "江蘇省政協副主席", "朱曉進參會前進行了大量的調研工作", "農村留守老人關愛服務等方面的提案"),
        P("周嵐", "省住房和城鄉建設廳廳長", "周嵐是十一屆全國政協委員", "加大對傳統古村落和農業文化遺産的保護")]),
    ("r22-zjol-members-colon-quotes.txt", "http://china.zjol.com.cn/05china/system/2009/03/04/015305064.shtml",
     "'post NAME说:/感慨:' inside or at the start of paragraphs", True,
     "two paragraphs left out; cut in the fourth (unlabelled) piece", [
        P("王涛志", "政协委员", "政协委员王涛志说", "要进一步夯实农业基础"),
        P("吕耀东", "政协委员", "政协委员吕耀东感慨", "信心很重要"),
        P("唐诚青", "委员", "我们是抱着感恩之心来到北京的", "把智慧和力量使在灾区重建上")]),
]

# Added 2026-12-06 (second batch): labelled by hand from the excerpts BEFORE the splitter was run
# on them; they go to the halves by the same hash rule, and the benchmark reports them apart.
NEW_PAGES = [
    ("r23-zgcxtc-academicians-name-post-colon.txt", "http://m.zgcxtc.cn/news/292812.html",
     "'NAME(post):' opening each paragraph", True, "cut in the fourth piece's signature (not labelled)", [
        P("杨士中", "中国工程院院士、重庆大学通信与测控研究所所长", "在我国大力推动科技创新", "取得更加丰硕的科研成果"),
        P("杨永斌", "中国工程院院士、重庆大学土木工程学院荣誉院长", "从2000年以来", "能够加入科技工作者队伍"),
        P("吴玉章", "中国工程院院士、陆军军医大学全军免疫学研究所所长", "面对新发传染病与重大慢病的挑战", "也能用上智慧预警系统")]),
    ("r24-zgkjsz-academicians-trad-ruby.txt", "http://zgkjsz.com/page/2018/1012/4364746.shtml",
     "'NAME(post):' opening each paragraph (traditional characters, pinyin ruby and mojibake left in)", True,
     "starts at the first piece; cut in the second piece", [
        P("徐匡迪", "中國工程院院士,上海大學教授", "隨著我國經濟的高速發展", "為而羞愧"),
        P("武向平", "中國科學院院士、中國科學院國家天文臺研究員", "自2015年9月25日落成后的兩年調試期", "機械制造")]),
    ("r25-scichi-name-then-post-lines.txt", "http://scichi.cn/zinecontent.php?id=8190",
     "NAME alone on a line, then one or two post lines, then the piece", True, "cut in the second piece", [
        P("钟南山", "中国工程院院士 “共和国勋章”获得者", "惟创新者进", "就能产出领先的成果"),
        P("姚期智", "中国科学院院士 清华大学交叉信息研究院院长", "许多国内大学毕业的青年人才", "科研人才上还")]),
    ("r26-meetinghk-post-name-colon-lines.txt", "http://meetinghk.com/archives/90167",
     "'post NAME:' alone on a line (traditional characters; the lead repeats the first piece's opening)", True,
     "cut in the third piece", [
        P("林鄭月娥", "行政長官", "香港過去一年面對嚴峻挑戰", "令經濟和民生都有長足發展"),
        P("張建宗", "政務司司長", "一元復始,萬象更新", "再展光芒"),
        P("陳茂波", "財政司司長", "今年是辛醜牛年", "收成豐碩、萬事")]),
    ("r27-managershare-post-name-lines.txt", "http://m.managershare.com/jiaodian/8787.html",
     "'post NAME' alone on a line, then the piece", True, "cut in the second piece", [
        P("林郑月娥", "行政长官", "送鼠迎牛,我首先在此祝愿香港摆脱疫情", "事事顺遂"),
        P("张建宗", "政务司司长", "一元复始,万象更新", "不屈不挠的吉祥")]),
    ("r28-hk01-name-colon-subheads.txt",
     "https://zh.hk01.com/政情/1098539/司局长向市民拜年-陈国基-会敢于求变-创造关爱共融家园",
     "sub-headline 'NAME:words' (or 'NAME祝愿…'), then a paragraph naming 'post NAME' or NAME", True,
     "cut in the fourth piece", [
        P("陈国基", None, "陈国基指,过去一年", "大家万事胜意", "陈国基:积极识变、应变、求变"),
        P("陈茂波", "财政司司长", "财政司司长陈茂波则祝愿", "全力打拼", "陈茂波:经济正稳步向前 未来会抢抓机遇"),
        P("林定国", "律政司司长", "律政司司长林定国与太太拍片", "国泰民安", "林定国祝愿香港百业兴旺、祖国繁荣昌盛"),
        P("邓炳强", "保安局局长", "而保安局局长邓炳强则以", "偕同各", "邓炳强:百业兴旺、国安家安")]),
    ("r29-chinacom-experts-name-colon-lines.txt", "http://china.com.cn/newphoto/2015lh/2015-03/05/content_34964298_2.htm",
     "'NAME:' alone on a line, the same speaker twice in a row; the post only in a photo caption", True,
     "starts at the caption; cut in the second piece", [
        P("赵锡军", None, "我切身的感受", "决心,和勇气"),
        P("毛寿龙", None, "听了这个报告之后", "这些数字说起来很重要")]),
    ("r30-dizaynex-renmin-reporters-dash.txt", "https://dizaynex.com/oANvqsStPD/infocus/2008-03/04/content_11493146_3.htm",
     "numbered profiles: 'NAME代表――' + headline lines, '本报记者 NAME(S)' byline above or below a 亮点 line", True,
     "starts at the fifth profile; cut in the sixth", [
        P("刘维涛", "本报记者", "亮点:大专以上文化占九成", "新一届政协期间,他仍将为此努力", "欧阳明高委员――为国谋利为民谋福"),
        P("张怡恬 吴奇强", "本报记者", "亮点:代表中领导干部比例减少", "原黑龙江省大庆市市长", "韩学键代表――议案要精益求精")]),
    ("r31-tasjssh-experts-name-post-colon.txt", "http://tasjssh.com/html/zwxw/201221335.html",
     "'NAME(post):' opening paragraphs under question headings", True, "cut in the fourth piece", [
        P("胡锡进", "《环球时报》总编辑", "很多人对中国经济有着各种各样的猜测", "这也是一个巨大的空间"),
        P("史进德", "David Schlesinger,Tripod咨询创始人兼总裁,前汤森路透中国区主席", "首先出现问题的是欧洲", "中国问题并不严重"),
        P("李一", "瑞银集团中国区董事长", "首先大家得承认整个经济在放缓", "我们非常看好"),
        P("贾康", "财政部财政科学所所长", "我们在前面几年实施的以4万亿为代表的一揽子刺激方案", "中国自己内")]),
    ("r32-cntv-name-colon-paragraphs.txt", "http://www.cntv.cn/lm/347/34/31091.html",
     "'NAME:' opening paragraphs (a host's question first, no posts)", True, "cut in the third piece", [
        P("樊刚", None, "龙安志所做的工作是有针对性的", "对此觉得非常惊讶"),
        P("李强", None, "总的来看,应该说我们自己的经济学家", "画的细节有很多很多问题"),
        P("钟伟", None, "龙安志讲的那段话说", "我个人认为是这")]),
    ("r33-lyg1-post-name-said.txt", "https://sharenew.lyg1.com/folder46/folder78/folder312/2023-03-05/zRYzsf1LMwv2SkO8.html",
     "paragraphs opening 'post NAME表示'", True, "cut in the third piece", [
        P("孙飘扬", "全国人大代表", "全国人大代表 孙飘扬表示", "为新的一年工作指明了方向"),
        P("肖伟", "全国人大代表", "全国人大代表肖伟表示", "产业发展上的施政方针和方向"),
        P("徐瑶", "全国人大代表", "全国人大代表徐瑶表示", "为祖国繁荣昌盛感")]),
    ("r34-handmsg-dash-closer-lines.txt", "http://m.handmsg.com/page/2013/0412/25390274.shtml",
     "quote, then '——post NAME' on its own line (traditional characters; one quote broken over two lines)", True,
     "starts at the first quote; cut in the sixth closer (not labelled)", [
        P("楊繼瑞", "重慶工商大學校長", "熱水器裝上了", "有的干脆把它out掉"),
        P("李志強", "四川大學錦江學院校長", "文憑在社會這所大學里", "還是站著來的"),
        P("仲偉合", "廣東外語外貿大學校長", "我期盼你們能成為未來的", "美在心靈"),
        P("侯建國", "中科大校長", "4年前,同學們來到科大", "時間長一點—20年"),
        P("李培根", "華中科技大學校長", "或許你穿著白大褂", "帶到遠方")]),
    ("r35-cjyun-subhead-post-name-lines.txt", "http://m-wangshuo.cjyun.org/p/109861.html",
     "sub-headline, then 'post NAME' alone on a line or running into the piece's first quote", True,
     "cut after the third piece's byline (not labelled)", [
        P("计金标", "北京第二外国语学院校长", "标哥确实想你们了", "仍不改少年热血", "希望你们在风雨中积蓄力量"),
        P("严纯华", "兰州大学校长", "究竟是把一年的岁月活成365天", "还是最初那张脸", "Say never give up,like a fighter!")]),
]

# Added 2026-12-06 (third batch): labelled by hand before the splitter was run on them.
THIRD_PAGES = [
    ("r36-sybtv-post-name-colon-lines.txt", "http://sybtv.com.cn/politics/86225.html",
     "'post NAME:' alone on a line, then the piece", True, "four of the eight speakers; cut after the fourth", [
        P("卓长立", "全国人大代表", "两会和我们老百姓息息相关", "两会就能告诉你什么"),
        P("王娟", "全国人大代表", "我们原有的探伤工艺比较老了", "加大了这方面的研究"),
        P("卢林", "全国人大代表", "通过人大代表,可以反映老百姓的心声", "一个方面表现"),
        P("毕宏生", "全国人大代表", "我们去思考问题", "通过我们反映出来")]),
    ("r37-csgyb-post-name-paragraphs.txt", "http://m.csgyb.com.cn/e/action/ShowInfo.php?classid=2&id=43444",
     "paragraphs opening 'post NAME' (long posts) with no colon, the last one after a time phrase", True,
     "cut in the fourth piece", [
        P("樊九平", "全国人大代表、陕西省延安市甘泉县桥镇乡桥镇村党支部书记、村委会主任", "全国人大代表、陕西省延安市甘泉县",
          "还能有改过自新的机会"),
        P("张淑琴", "在鲁全国人大代表", "在鲁全国人大代表张淑琴表示", "更好地促进青少年健康成长"),
        P("王润梅", "全国人大代表,太原市政管理处第二道排养护管理所副所长", "全国人大代表,太原市政管理处", "走在了全国前列"),
        P("姬桂玲", "全国人大代表、陕西省榆林市米脂县高碱桂玲苹果种植专业合作社理事长", "今年2月,新春“年味儿”尚未散尽",
          "提升农村养老服务水平等民生热")]),
    ("r38-mszxt-weibo-at-handles.txt", "http://mszxt.com/n/2014/0306/c1003-24543244.html",
     "'@handle:' opening each paragraph (weibo posts; traditional characters, ruby and mojibake left in)", True,
     "starts at the first post; the second post's handle is garbled (not labelled); cut after the next article's start",
     [
        P("商界雜志", None, "兩會中的企業家是永遠不會受到冷落的話題制造者", "掌握著話語權的人"),
        P("安崇民", None, "給媒體提個建議", "是不能被“精煉”的"),
        P("敬洪", None, "飯要一口一口的吃", "讓人民信任、放心、擁護才是硬道理")]),
    ("r39-njtc-post-name-colon-headlines.txt", "https://era.njtc.edu.cn/info/1051/22821.htm",
     "sub-headline 'post NAME:words' over the piece", True, "cut in the second piece's first sentence", [
        P("张伯礼", "天津中医药大学校长", "中医药是中华民族的伟大创造", "与中医药文化相结合",
          "天津中医药大学校长张伯礼:建议中医药文化知识纳入中小学课程"),
        P("施一公", "西湖大学校长", "我心里的‘世界", "我心里的‘世界",
          "西湖大学校长施一公:一流高校应培养有社会责任感的拔尖创新人才")]),
    ("r40-hzsc-quote-then-post-name.txt", "http://www.hzsc.com.cn/content/content_9637359.html",
     "a paragraph opening 'post NAME', then quotes followed by 'post NAME表示/发现'", True,
     "cut in the fourth (unlabelled) quote", [
        P("宗庆后", "娃哈哈集团董事长", "娃哈哈集团董事长宗庆后曾多次参加", "为消费者提供高质量的产品"),
        P("王黎红", "海亮集团党委书记、董事长", "浙江经济发展韧性强", "加快形成新质生产力"),
        P("王水福", "西子联合控股集团董事长", "把坚持高质量发展作为新时代的硬道理", "这令他感到欣慰和振奋")]),
    ("r41-jlsina-deputies-quote-or-name-first.txt", "http://jl.sina.com.cn/news/b/2019-01-15/detail-ihqfskcn7184264.shtml",
     "a quote then 'post NAME', or a paragraph opening 'NAME代表', the last naming 'NAME代表' after its quote", True,
     "cut in the fourth piece", [
        P("曹和平", "人大代表", "在纷繁复杂的环境下", "以此推进本地产品品牌化发展"),
        P("朴金花", "代表", "朴金花代表在政府工作报告第10页", "增强了民营企业攻坚克难的决心"),
        P("叶朋", "代表", "叶朋代表同样在看到报告中的经济数据", "弯道超车的信心和决心"),
        P("陶冶", "代表", "“公交都市”“刷脸时代”“精准支付”", "解决了百姓")]),
]
# Added 2026-12-06 (fourth batch, 12 pages): labelled by hand before the splitter was run on them. Where the page
# prints a post before the name and 代表/委员 after it ("江苏省副省长徐鸣代表"), the post is the one before the name;
# a reference such as 该校 ("this school") is not part of the post.
FOURTH_PAGES = [
    ("r42-yunnan-post-name-colon-inline.txt", "https://news.yunnan.cn/system/2019/03/04/030216240.shtml",
     "'post NAME:' opening each paragraph, the piece after the colon; narrative paragraphs between", True,
     "cut in the fifth piece", [
        P("吴季", "全国政协委员", "未来的空间发展很大的驱动", "创新驱动发展的一个重要方面"),
        P("孙太利", "全国政协委员", "加快互联网工业", "短板要补"),
        P("李稻葵", "全国政协委员", "跟消费者相关的一些日用产品", "必须要兼并"),
        P("翟美卿", "全国政协委员", "我们发现一些学校的小孩", "心理辅导教育的服务"),
        P("梁映华", "全国政协委员", "义务教育阶段,国家通过几轮的实施", "非义务教育阶段,我们")]),
    ("r43-163-post-name-space-colon.txt", "https://m.163.com/dy/article/KNH1KGR0051497H3.html",
     "'post NAME:' (a space between post and name) opening each paragraph", True, "cut in the fifth piece", [
        P("丁列明", "全国政协委员", "把生物医药产业的地位进一步提升", "助力健康中国的建设"),
        P("赵小津", "全国政协委员", "今年商业航天明确列为新产业新赛道", "推动商业航天和太空经济协调发展"),
        P("周志华", "全国政协委员", "报告中明确就说到人工智能", "这个方面还是大有可为"),
        P("刘林", "全国政协委员", "建议就是在人工智能进一步加大应用和赋能的同时", "用AI技术的发展来治理AI技术产生的相关问题"),
        P("韩鲁佳", "全国政协委员", "2026年的工作任务中提出了推进先进适用农机装备的研发",
          "2026年的工作任务中提出了推进先进适用农机装备的研发")]),
    ("r44-thepaper-members-quote-then-post-name.txt", "https://www.thepaper.cn/newsDetail_forward_1631157",
     "a quote then 'post NAME告诉', or a paragraph opening 'post NAME则指出'; a joint paragraph of two members", True,
     "the joint paragraph (two members, one proposal) is not labelled; cut after the next paragraph's first words", [
        P("周桐宇", "全国政协委员、全国工商联常委、威达高科技控股有限公司董事长", "民间投资‘玻璃门’现象现在仍然存在",
          "仍时有遭受不平等国民待遇"),
        P("沈雯", "全国政协委员、上海市工商联副主席、上海紫江(集团)有限公司董事长", "运行了7年的国家技术改造专项资金",
          "推动经济转型和平稳发展")]),
    ("r45-easthospital-post-name-paragraphs.txt", "https://www.easthospital.cn/news/content/id/265/pid/264/fid/3767.shtml",
     "paragraphs naming 'post、NAME' at their start, after a clause or after a quote; page reporters' byline above",
     True, "cut in the fourth piece", [
        P("邵志清", "全国政协委员、致公党上海市委专职副主委", "今年将带上关于数字经济发展的提案", "尽力防范化解数据安全风险"),
        P("张毅", "全国政协委员、金杜律师事务所高级合伙人", "围绕构建和集成完善“数据要素生态圈”", "为数字经济高质量发展提供新动能"),
        P("张文明", "全国政协委员、华东师范大学国家教育宏观政策研究院副院长", "调研足迹遍布大小乡村",
          "建议适当约束“过度规模化”和“投资热”"),
        P("冷伟青", "全国政协委员、上海电气集团股份有限公司党委书记", "希望结合企业的科技能力", "关注传")]),
    ("r46-risequiity-company-name-headlines.txt", "http://www.risequiity.com/auto/2019-03/ART-70111-8120-30308967.html",
     "headline 'company NAME' alone on a line, then a paragraph naming 'post NAME' (traditional characters)", True,
     "cut in the fourth piece; the third headline misprints the name (曾慶紅 for 曾慶洪)", [
        P("李書福", "吉利控股集團董事長", "今年第17次走進兩會", "促進汽車消費優化升級》兩項建議", "吉利汽車李書福"),
        P("王鳳英", "長城汽車副董事長、總裁", "作為第十一屆、第十二屆和第十三屆全國人大代表", "推動汽車消費優化升級的建議》。",
          "長城汽車王鳳英"),
        P("曾慶洪", "第十三屆全國人大代表,廣東省汽車行業協會會長、廣汽集團黨委書記、董事長", "隨廣東省人大代表團參加兩會",
          "社會民生等社會關注熱點問題提出多項建議", "廣汽集團曾慶紅"),
        P("尹同躍", "奇瑞汽車股份有限公司董事長", "今年第2次參加全國人民代表大會", "圍繞發展氫燃料產業、自動駕駛",
          "奇瑞汽車尹同躍")]),
    ("r47-ustb-keyword-subheads-post-name.txt", "https://news.ustb.edu.cn/info/1241/58527.htm",
     "'关键词N' line and a headline over each piece; its first paragraph names 'post NAME'", True,
     "cut in the second piece's first paragraph", [
        P("王云鹏", "中国工程院院士、校长", "6月17日,在北京航空航天大学2023年学生毕业典礼", "让青春在服务国防、奉献祖国的事业中发出夺目光彩",
          "北京航空航天大学校长希望同学立鸿鹄志"),
        P("金力", "中国科学院院士、校长", "6月16日,复旦大学2023届本科生毕业典礼", "年轻人轻言“躺",
          "复旦大学校长说复旦人不会选择守成")]),
    ("r48-55883801-presidents-mixed.txt", "http://m.55883801.com/news/guonei/2021-09-15/1243057.html",
     "one paragraph per university president naming 'post NAME' at its start or after a quote (traditional characters)",
     True, "cut in the fifth piece (its post is split around the name: not labelled)", [
        P("夏濤", "校長", "9月15日,在安徽農業大學2021級新生開學典禮", "服務鄉村振興"),
        P("包信和", "中國科學技術大學校長", "希望同學們不僅僅成為‘夢想派’", "在解決國家戰略難題中實現自立自強"),
        P("邱勇", "清華大學校長", "則希望新同學在任何境遇下", "永遠鮮活、永遠旺盛"),
        P("李樹深", "中國科學院大學黨委書記、校長", "希望同學們既修學術道德", "寫下青春的注腳")]),
    ("r49-ischool-quote-then-post-name-ruby.txt", "http://ischool.net.cn/xwzx/PoliticsNews/201203/t20120301_2366017.htm",
     "a quote then 'post、NAME', or a paragraph opening 'post、NAME'; pinyin ruby and mojibake left in", True,
     "cut after the third (unsigned) arrival", [
        P("支建華", "全國政協委員、吉林省政協副主席", "吉林是農業大省", "心里裝著三農大事"),
        P("王超斌", "全國政協委員、河南省工商聯副主席", "手捧鮮花,語調鏗鏘", "也是他此次兩會重點關注的領域")]),
    ("r50-fjcbsl-captions-post-name-deputy.txt", "http://m.fjcbsl.com/n/2013/0304/c1004-20664576.html",
     "photo captions naming people first; then paragraphs naming 'post NAME代表/委员' after a lead clause", True,
     "cut in the second piece (pinyin ruby left in)", [
        P("鄭俊康", "廣西柳州市委書記", "對于一些地區一些官員的陳舊政績觀", "加快建立體現生態文明要求的考核辦法、獎懲制度"),
        P("王海波", "河北省農林科學院副院長", "頻頻出現的霧霾天氣", "不能再把環境問題僅僅看成是影響可持續發展的")]),
    ("r51-xinmin-post-name-member-paragraphs.txt", "https://paper.xinmin.cn/html/xmwb/2023-03-11/7/157181.html",
     "a reporter's page; paragraphs naming 'post NAME委员/代表' at their start or after a lead question", True,
     "cut in the second piece", [
        P("曹阿民", "上海科学院副院长", "参与了长三角一体化发展", "最终达到更高层面、更广范围的协同发展"),
        P("权衡", "上海社会科学院党委书记", "背靠长江水,面向太平洋", "增强经济发展的活力和后劲")]),
    ("r52-ce-post-name-deputy-paragraphs.txt", "http://paper.ce.cn/jjrb/html/2013-03/17/content_148751.htm",
     "a reporter's column; two paragraphs opening 'post NAME代表', then the reporter's own closing paragraphs", True,
     "one part of a longer page (its first heading kept)", [
        P("严诚忠", "东华大学经济发展与合作研究所所长", "这次参会带来一份关于环保的书面意见", "是全民受惠"),
        P("徐鸣", "江苏省副省长", "的建议是《从土地确权着手", "谈到目前土地确权工作的不足")]),
    ("r53-whmsebhyy-run-together-deputies.txt", "http://whmsebhyy.com/roll/20080306/07252048460.shtml",
     "mirror of a newspaper page: paragraphs run together on one line, joined by spaces; 'NAME代表' named mid-paragraph",
     True, "cut at the third deputy's introduction", [
        P("王社平", "代表", "本報記者乘勢“搶”到來自河北的王社平代表", "節能減排等話題提出自己的意見和建議"),
        P("黃鳴", "皇明太陽能集團董事長", "在山東代表團的大巴車前", "建設綠色家園的建議,等等")]),
]
# Added 2026-12-06 (fifth batch, 6 pages): labelled by hand before the splitter was run on them, with the fourth
# batch's conventions.
FIFTH_PAGES = [
    ("r54-beijingreview-described-deputies.txt", "http://www.beijingreview.com.cn/shishi/201603/t20160308_800051242.html",
     "paragraphs opening '来自PLACE的 post NAME表示' (a reporter's byline above)", True, "cut in the third piece", [
        P("怀进鹏", "全国人大代表", "今年是“十三五”的开局之年", "真正把创新作为引领发展的第一动力"),
        P("茅临生", "全国人大代表", "贯穿了创新、协调、绿色、开放、共享的发展理念", "确保经济平稳健康发展的底气"),
        P("李小鹏", "全国人大代表", "是一个求真务实、措施有力的好报告", "由于山西是一个煤炭大省,但煤")]),
    ("r55-npc-caption-credit-then-post-name-said.txt",
     "http://www.npc.gov.cn/c2434/c23274/c23276/c23381/c23480/201905/t20190521_208197.html",
     "a caption line 'post NAME。 credit 摄' above each paragraph 'post NAME说:' (or a quote, then 'post NAME说')", False,
     "", [
        P("张日红", "全国人大代表", "所有的经济活动和社会活动都离不开人", "通篇体现了以人为本的理念"),
        P("付华廷", "全国人大代表", "听了总理的报告感觉振奋", "农民更有盼头了"),
        P("杨天夫", "全国人大代表", "总理的报告是一份亲民、关乎民生的报告", "同时也拭目以待")]),
    ("r56-cqn-forum-speakers-post-name.txt", "http://www.cqn.com.cn/cj/content/2018-10/31/content_6406915.htm",
     "a forum's speakers, one paragraph each opening 'post NAME表示/指出/认为' (the reporter in brackets above)", False,
     "", [
        P("张道根", "上海社会科学院院长", "在区域(城市)分论坛上表示,中国迈入高质量发展阶段", "建设各具特色的科技创新中心"),
        P("吴志强", "中国工程院院士、同济大学副校长", "而今,创新不再是一个城市的事情", "这才是区域联合发展的真正意义"),
        P("霍佳震", "同济大学中国科技管理研究院常务副院长", "粤港澳大湾区和长三角区域,这两个区域的科技创新",
          "对中国建设成为创新型国家的作用举足轻重"),
        P("陈广汉", "中山大学粤港澳发展研究院副院长", "创新发展是粤港澳大湾区发展新的使命",
          "把制度环境、创新平台和产业基础有机地结合起来")]),
    ("r57-wenweipo-subheads-weibo-members.txt", "http://paper.wenweipo.com/2011/02/28/CH1102280030.htm",
     "sub-headlines; under the first a quoted post, its author named in the next paragraph's second sentence "
     "(traditional characters)", True, "cut in the second piece", [
        P("李東生", "全國人大代表、TCL集團董事長", "兩會即將召開,我作為人大代表", "就有可能解決問題", "廣大網友盼意見上兩會"),
        P("施傑", "全國政協委員、四川鼎立律師事務所主任", "去年兩會上他提交的「醉駕入刑」提案被採納",
          "應列入『危險駕駛罪』的範疇", "網友圍觀讓提案更完善")]),
    ("r58-cctv-quote-headline-dash-post-name.txt", "http://news.cctv.com/2017/03/15/ARTIgow7HynQMJz1JynZe4HL170315_2.shtml",
     "numbered parts: a quoted headline, then '——post NAME' on its own line opening the piece", True,
     "the second page of five parts (parts two and three); cut in the third", [
        P("冼润霞", "全国人大代表、广州增城区石滩镇沙头村党支部副书记", "今年是冼润霞担任全国人大代表的第5个年头",
          "为改变农村现状出力", "希望更多人才留在农村、改变农村"),
        P("骆云莲", "全国人大代表、四川省雅安市汉源县永利乡古路村党支部书记", "因为四处是悬崖峭壁",
          "乡村旅游还会带动种植业、养殖", "人大代表是一座架起群众与政府的桥梁")]),
    ("r59-bigcctv-deputies-narrative-subheads.txt",
     "http://big5.cctv.com/gate/big5/news.cctv.com/2017/03/10/ARTIEGbpQ6oGluIwqaiJGJNL170310.shtml",
     "a quote then the deputy named mid-sentence; sub-headlines over narrative pieces naming 'post NAME' in a clause or "
     "after a lead question (traditional characters)", True, "cut in the third piece", [
        P("李瑞偉", "全國人大代表、茂名市茂南三高羅非魚良種場場長", "我是農村長大的", "自己都多看了幾遍"),
        P("冼潤霞", "廣州市增城區石灘鎮沙頭村黨支部副書記", "當選全國人大代表的第五個年頭", "是對一位人大代表最基本的要求",
          "不滿意就是不滿意"),
        P("張育彪", "全國人大代表、深圳市南嶺村社區黨委書記、居委會主任", "會不會害怕説了真話有人會不高興",
          "廣東省委省政府就專門下")]),
]
# Added 2026-12-06 (sixth batch, 3 pages): labelled by hand before the splitter was run on them, after the rules
# from the fifth batch's tune half.
SIXTH_PAGES = [
    ("r60-govcn-ministers-passage.txt", "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2017-03/09/content_5175398.htm",
     "unattributed quotes above; then ministers named 'post NAME' after a quote, after a lead question or opening a "
     "paragraph (traditional characters)", True, "cut in the third piece", [
        P("李斌", "國家衛計委主任", "今天是‘三八’婦女節,首先向參加兩會的女代表", "為想要生二孩的家庭送上“定心丸”"),
        P("陳雷", "水利部部長", "今年會不會有水患?", "乾旱程度可能重於常年"),
        P("于廣洲", "海關總署署長", "帶來了今年前2個月我國進出口總值同比增長20.6%的利好消息", "維護人民健康安")]),
    ("r61-cxkknvh-quote-then-post-name-is.txt", "http://www.cxkknvh.com/politics/2023_03_12_683791.shtml",
     "a quoted phrase then 'post NAME是…', or a paragraph opening 'post NAME是…' (ruby and mojibake left in)", True,
     "cut in the second piece", [
        P("朱同玉", "復旦大學上海醫學院副院長", "老委員感受到了新氣象", "這就是一種進步"),
        P("張毅", "上海市人大代表、金杜律師事務所高級合伙人", "是今年新任的全國政協委員,第一次參會", "強調民營經濟的重要性")]),
    ("r62-hbqrd-district-deputies-said.txt", "http://www.hbqrd.gov.cn/2021/03-08/97289.html",
     "'post NAME说:' then the quote, inside a narrative (the writers in brackets at the end)", False, "", [
        P("王伟峰", "区人大代表", "‘十四五’开局之年参加这次人代会", "宣传好、贯彻好"),
        P("刘素琴", "代表", "我是来自农村基层的一名代表", "老百姓越过越幸福")]),
]
# Added 2026-12-06 (seventh batch, 6 pages): labelled by hand before the splitter was run on them, after the rules
# from the sixth batch's tune half.
SEVENTH_PAGES = [
    ("r63-ctdsb-vice-chairs-and-members-colon.txt", "https://www.ctdsb.net/c1476_202603/2679857.html",
     "paragraphs opening 'post NAME在…时说' and 'post NAME:' (a space between post and name)", True,
     "cut in the fifth piece", [
        P("周强", "全国政协副主席", "过去一年和“十四五”时期我国经济社会发展取得新的重大成就", "广泛凝聚智慧和力量"),
        P("吴宇红", "全国政协委员", "报告通篇贯穿习近平新时代中国特色社会主义思想", "为我们履职尽责指明了方向"),
        P("阿拉腾达来", "全国政协委员", "报告立足“十五五”开局之年", "一心为民的情怀"),
        P("江阳", "全国政协委员", "“十四五”的目标全部达成是鼓舞人心", "取得了举世瞩目的一个成绩"),
        P("邵鸿", "全国政协副主席", "2026年是“十五五”规划开局之年", "我们要把思想和行动")]),
    ("r64-yktax-subhead-dash-members-passage.txt", "http://yktax-zh.com/news/zhuanTi/liangHui2024/2024-03/05/ma_501670.html",
     "a '这里有…——' line over each piece; 'post NAME' after a lead sentence or clause (traditional characters)", True,
     "cut in the second piece", [
        P("韓保江", "全國政協委員、中央黨校(國家行政學院)教授", "甲辰龍年,中國經濟實現良好開局", "中國經濟前景光明毋庸置疑"),
        P("葉聰", "全國政協委員、中國船舶科學研究中心研究員", "作為“奮斗者”號全海深載人潛水器總設計師", "累計下潛已經超過")]),
    ("r65-jjrb-members-comma-post-name-said.txt", "http://27.185.56.112:8082/attachment/news.php?QOx=Kmho.html",
     "paragraphs opening 'post,post NAME说/表示/认为' or a quote then 'post NAME说' (reporters in the dateline)", True,
     "cut at the fifth speaker's post", [
        P("卢进", "全国政协委员,中国黄金集团公司党委书记、董事长", "要始终坚持“两个毫不动摇”", "才能推动中国经济持续向好行稳致远"),
        P("林孝发", "全国政协委员,九牧集团党委书记、董事长", "福建有很多依靠自主创新从0到1", "“拼”出一片光明前程"),
        P("朱松纯", "全国政协委员、北京通用人工智能研究院院长", "当下,通用人工智能已经成为全球科技竞争的制高点",
          "让通用人工智能安全发展、造福人民"),
        P("王传喜", "全国政协委员、山东省兰陵县代村党委书记", "一个村富了不算富", "带动2万多农民就地就业创业")]),
    ("r66-bmw924-post-name-colon-headlines-captions.txt", "http://www.bmw924.com/detail/1741074871129234.html",
     "headline 'post NAME:words', a photo caption, then a paragraph opening 'post NAME介绍/表示' (traditional, ruby)", True,
     "cut in the third piece", [
        P("嚴建兵", "全國政協委員、華中農業大學校長", "解決國家糧食安全", "農業科技創新貢獻率也超過了63%",
          "全國政協委員嚴建兵:我國農業科技創新實力步入世界第一方陣"),
        P("馬建堂", "全國政協委員、國務院發展研究中心原黨組書記", "中國經濟一定能夠在去年企穩回升向好的基礎上更上一層樓",
          "第三是因為有全面深化改革的支撐和保障", "全國政協委員馬建堂:中國經濟增長的奇跡是干出來的"),
        P("趙宏", "全國政協委員、中國醫學科學院腫瘤醫院主任醫師", "作為一名一直在臨床一線工作的醫生", "我們自主研發的手",
          "全國政協委員趙宏:我們趕上了中國生物醫藥創新發展的好時候")]),
    ("r67-ycwb-run-together-name-colon-subheads.txt", "http://ep.ycwb.com/epaper/ycwb/html/2024-03/05/content_3_633142.htm",
     "an e-paper's text run together on one line: 'NAME:headline' then paragraphs naming 'post NAME'", True,
     "cut in the second piece", [
        P("叶聪", "全国政协委员、中国船舶科学研究中心研究员", "作为“奋斗者”号的总设计师", "为人类了解、保护、开发海洋不断作出新的贡献",
          "“奋斗者”号刷新单个航次下潜次数纪录"),
        P("郭吉安", "全国政协委员、中国铁路青藏集团公司党委书记、董事长", "1956年,党中央发出修建青藏铁路的号召", "将坚持以更好服",
          "继续谱写高原铁路高质量发展新篇章")]),
    ("r68-chinacom-open-delegations-post-name-deputy.txt",
     "http://big5.china.com.cn/lianghui/news/2024-03/12/content_117055012.shtml",
     "paragraphs naming 'post NAME代表介绍/说' at their start, after a quote or after a lead sentence; a photo caption "
     "with its credit on the same line (traditional characters)", True, "cut after the fifth piece", [
        P("信長星", "江蘇省委書記", "因地制宜發展新質生産力", "重點做好科技創新和産業創新"),
        P("王寧", "雲南省委書記", "帶污染的錢,再多也不賺", "走生態綠色高品質發展之路"),
        P("龔正", "上海市市長", "外資企業聚集的上海", "增強企業內生動力和市場發展活力"),
        P("嚴金海", "西藏自治區主席", "老有所養是每個人的期盼", "有些孤寡老人在養老院還找到了老伴"),
        P("張永寧", "福建省寧德市市長", "針對大家普遍關心的教育、醫療問題", "近1萬張醫療床位")]),
]
# Added 2026-12-06 (eighth batch, 3 pages): labelled by hand before the splitter was run on them, after the rules
# from the seventh batch's tune half.
EIGHTH_PAGES = [
    ("r69-jzhcpw-subheads-deputies-rooms.txt", "http://jzhcpw.com/news/jznews/2014/0305/414651.html",
     "a summary line repeating the start, sub-headlines, deputies named mid-sentence ('走进…院长孙玉秋代表的房间') or "
     "after a description ('连续四届当选全国人大代表的…书记叶昌保'), one piece across two sub-headlines", True,
     "cut in the second piece", [
        P("孙玉秋", "长江大学信息与数学学院院长", "没有鲜花,也没有果盘,往年常备的一次性洗漱用品", "感觉“十分贴心”"),
        P("叶昌保", "洪湖市新堤办事处洪林村党委书记", "对今年会风的变化感受更深", "全部是‘三农’方面的、共75 件")]),
    ("r70-sdsina-lead-then-post-name-said.txt", "http://sd.sina.com.cn/news/b/2016-03-02/detail-ifxqaffy3522119.shtml",
     "photo captions with credits repeated; a lead sentence then 'post NAME说', or '作为…的 post,post NAME针对…'", True,
     "cut in the third (unsigned) paragraph", [
        P("杨鲁豫", "全国人大代表、济南市市长", "济南环境治理,尤其是大气防治一直备受关注", "甚至更远的城市联手"),
        P("张士平", "全国人大代表,魏桥创业集团有限公司董事长", "针对“降成本”热点话题", "还阻碍了企业增加环保投入的动力")]),
    ("r71-jxqcjlb-teasers-dotted.txt", "http://jxqcjlb.com/lianghui/news/node_7246103.htm",
     "a list page of article teasers joined by '....', each naming one deputy (traditional, ruby and mojibake left in)",
     True, "two teasers whose posts are garbled by mojibake (圣辉, 刘桥英) and one naming no one are not labelled", [
        P("朱良玉", "全國人大代表、北京市保安服務總公司副總經理", "在接受記者采訪時表示,自己當選第十二屆全國人大代表",
          "特別是留守兒童和保安群體"),
        P("謝智波", None, "能當選為全國人大代表、成為人民代表大會主席團中一位", "也倍感壓力"),
        P("宗慶后", None, "2003年,宗慶后第一次以全國人大代表的身份", "國計民生是他關注的重點領域")]),
]
# Added 2026-12-07 (ninth batch, 7 pages): labelled by hand from the search corpus excerpts before the splitter was run
# on them, after the rules from the eighth batch's tune half (r69, r71). Posts as printed, pinyin ruby left out of the
# first/last words (the benchmark drops ruby before comparing).
NINTH_PAGES = [
    ("r72-sjjzgc-post-name-colon-inline.txt", "http://m.sjjzgc.cn/post/48/229214",
     "'post NAME:' (a space between post and name) then the piece on the same line; a lead naming the speakers; a "
     "paragraph naming six more in passing (traditional, ruby left in)", True, "cut in the third piece", [
        P("黃三文", "全國政協(xié)委員、中國農(nóng)業(yè)科學(xué)院院長、中國科學(xué)院院士", "科技對農業增產的貢獻已經超過64%",
          "中國肉都主要用上了中國種子"),
        P("潘建偉", "全國政協(xié)委員、九三學(xué)社中央副主席、中國科學(xué)院院士", "期間,我國大力推進量子科技事業的發展",
          "刷新了全球紀錄"),
        P("曾毓群", "全國政協(xié)委員、寧德時代新能源科技股份公司董事長", "我們會加大研發投入", "我們會加大研發投入")]),
    ("r73-xinrugao-subhead-post-name-line.txt", "http://xinrugao.com/zimeitoutiao/20190305/30787.html",
     "sub-headline, then 'post NAME' alone on a line (no space), then the piece; a photo credit and a lead naming "
     "the speakers", True, "cut at the fourth sub-headline", [
        P("吴伟仁", "中国探月工程总设计师", "嫦娥四号和玉兔二号目前状态良好", "投身到这项伟大的事业中去",
          "明年将发射火星探测器"),
        P("陈冯富珍", "博鳌亚洲论坛咨委、全球健康论坛大会主席", "应对突发重大疾病例如非典", "确已引领全球",
          "应对突发重大疾病需要建立地区防控系统"),
        P("张云勇", "中国联通研究院院长", "5G正在助力中国走向高质量发展", "要等到明年两会这个时候",
          "5G手机大规模应用要等到明年")]),
    ("r74-taiwan-cn-name-quote-subheads-captions.txt",
     "http://103.249.53.35/xwzx/PoliticsNews/202503/t20250304_12687654.htm",
     "sub-headline 'NAME:quotation', a photo caption naming the person ('這是…接受媒體採訪。(…攝)'), then "
     "'post NAME在…表示,' opening the piece (traditional; a mirror of taiwan.cn)", True, "cut in the second piece", [
        P("嚴建兵", "全國政協委員、華中農業大學校長", "悠悠萬事,吃飯為大", "農業科技創新貢獻率超過63%",
          "嚴建兵:“手中有糧、心中不慌”在任何時候都是真理"),
        P("馬建堂", "全國政協委員、國務院發展研究中心原黨組書記", "2025年是“十四五”的最後一年", "正在召開的兩會要討論要",
          "馬建堂:堅信中國經濟一定能夠在去年企穩回升向好的基礎上更上一層樓")]),
    ("r75-infobio-quote-then-post-name-experts.txt", "https://infobio.cn/news/show-1559749028.html",
     "a quotation then 'post,post NAME说道' opening the page before its news lead, paragraphs opening 'post NAME表示', "
     "an unsigned paragraph, '在谈到…时,post NAME提出…:“…”'", True, "the excerpt may end before the page does", [
        P("刘会武", "中科院科技政策与管理科学研究所副研究员,中国高新区研究中心主任", "一流园区能不能产生一流的企业",
          "科研机构和大学则是一流科技园建设的核心和基础"),
        P("王胜光", "中科院科技战略咨询研究院研究员", "高新区建设30多年来", "追求经济增长忽视科技投入"),
        P("王德禄", "北京长城企业战略研究所所长", "第一,要建立世界一流的研发中心和科学城",
          "引领新经济的头部企业或者平台性企业")]),
    ("r76-meinengkg-post-name-title-paragraphs.txt", "http://meinengkg.com/20/7181375113.htm",
     "paragraphs opening 'post NAME教授/博士…' (a title after the name), spam words spliced into one", True,
     "starts mid-page (speakers before 吕祥 not in the excerpt)", [
        P("吕祥", "中国社科院国际问题专家兼香港中国学术研究院研究部主任", "以中国近代史为基础", "更加系统化常态化"),
        P("胡伟星", "澳门大学社会科学院院长兼大湾区研究中心主任", "科技创新成为大湾区发展的重要定位", "应发挥出更加积极主动的作"),
        P("方舟", "香港一国两制研究中心研究总监兼全国港澳研究会理事", "通过援引数据指出", "增强香港在国际上的吸引力和竞争力"),
        P("钱辉环", "香港中文大学(深圳)助理教授兼深圳市人工智能与机器人研究院副院长", "则分享了自己在香港和深圳两地的科研和生活经历",
          "为大湾区建设以及深港产业合作提出了独到见解")]),
    ("r77-crntt-roundtable-quote-then-post-name.txt", "https://gb.crntt.com/doc/93_19311_105949553_2_1206104653.html",
     "a lead, then pieces opening with a quotation followed by 'post NAME在…发言' or '说到…,post NAME说', the name "
     "again in the next paragraph", True, "cut in the second piece", [
        P("曹炜健", "广东升邦惠资本投资集团总裁", "作为民营企业,立身的资本", "打造共享型服务园区"),
        P("周新平", "湖南大三湘油茶股份有限公司董事长", "企业家精神,首先要有理想", "自己内心会有很大的欣慰")]),
    ("r78-zjphol-members-proposals-lead.txt", "http://szb.zjphol.com/pc/content/202202/14/content_202449.html",
     "reporter and photographer lines, a lead, then paragraphs naming '委员NAME' after a lead sentence and closing "
     "'…”NAME说。'", True, "cut at the start of the third section", [
        P("燕燕", "委员", "去年我市发布了关于西瓜振兴的相关计划文件", "更好地讲好平湖西瓜的故事"),
        P("俞震", "委员", "去年,我市加快推进“公园城市”建设", "从而进一步提升城市品位")]),
]
# Tenth batch (r79-r98, 20 pages), added 2026-12-07 after the rules from the ninth: found with the search tool's
# pages corpus, the excerpts copied as it holds them (ruby, mojibake and navigation left in), labelled by hand from the
# text before the splitter or extractor ran on them. Where a page prints a handle or pen name (weibo '@handle', a
# forum nickname), the author is the name as printed; a newspaper signing a quotation is no author and is left
# unlabelled, as is a name the page garbles (r91 '邱震?').
TENTH_PAGES = [
    ("r79-cnr-name-colon-answers-after-lead.txt", "http://www.cnr.cn/zgxc/focus/20180305/t20180305_524153074.shtml",
     "radio transcript: a lead naming 'post NAME' (or the name alone), then 'NAME:' opening the answer", True,
     "cut after the fourth answer", [
        P("方敏", "全国人大代表", "全国两会是事关民生的重要会议", "也希望国家能更好地去解决存在的一些问题"),
        P("马恒燕", "全国人大代表", "一是自己当选全国人大代表感到很光荣", "所以要为教育发声"),
        P("李君", "全国人大代表", "作为一名来自基层的人大代表", "这就不辜负我们代表的身份"),
        P("孙艳玲", None, "希望此次大会来给我们解决的就是", "让真正的乡土文化和乡土气息延承下去")]),
    ("r80-rmzxb-squares-post-name-colon-subhead.txt",
     "http://dzb.rmzxb.com.cn/rmzxbPaper/pc/con/202303/05/content_39107.html",
     "e-paper: a column of photo-caption names, then '■■post,NAME:' alone on a line, a sub-headline, the piece", True,
     "cut in the first piece", [
        P("吴向东", "全国政协委员,中国共产党历史展览馆馆长", "中国共产党历史展览馆自2021年6月18日正式开馆以来",
          "引导青少年扣好人生", "让红色薪火代代相传")]),
    ("r81-handmsg-name-line-post-lines-trad.txt", "http://www.handmsg.com/page/2024/0327/23899354.shtml",
     "the name alone on a line, two post lines under it, then the piece in the first person (traditional, ruby)", True,
     "cut in the first piece", [
        P("陳發虎", "中國科學院院士、中國科學院青藏高原研究所所長", "青藏高原是世界屋脊、亞洲水塔", "青藏科學精神,為守")]),
    ("r82-gmw-subhead-narrator-post-name.txt",
     "https://epaper.gmw.cn/gmrb/html/2025-12/10/nw.D110000gmrb_20251210_1-07.htm",
     "a lead, a sub-headline, then '讲述人:post NAME' and the piece in the first person", True,
     "cut in the first piece", [
        P("彭承志", "中国科学院院士、中国科学技术大学教授", "在量子信息、人工智能等前沿领域", "美国的NASA特",
          "中国的突破推动了整个领域的发展")]),
    ("r83-ce-subhead-name-deputy-colon.txt", "http://i1.ce.cn/ce/xwzx/gnsz/gdxw/202603/t20260312_2821490.shtml",
     "sub-headline 'NAME代表:topic', then paragraphs naming 'post NAME表示'; a reporter credit in brackets closing "
     "the first", True, "cut in the second piece", [
        P("李跃勇", "全国人大代表、河南省驻马店市委书记", "今年的政府工作报告提出", "推动文化繁荣兴盛上取得新成效",
          "李跃勇代表:制造业攀高逐新"),
        P("张强", "全国人大代表、山西省大同市委书记", "山西省委深入贯彻习近平总书记对山西工作的重要讲话重要指示精神",
          "去年服务器产值达30亿元", "张强代表:提升经济外向度")]),
    ("r84-handmsg-entrepreneurs-name-space-post-trad.txt", "http://www.handmsg.com/page/2018/0103/2648144.shtml",
     "'NAME post' (a space between) alone on a line, then the piece; a lead above (traditional)", True,
     "cut in the fifth piece", [
        P("柳傳志", "聯想集團創始人、聯想控股董事長", "人有了精神上的追求", "有更好的凝聚力"),
        P("宋志平", "中國建材集團董事長", "企業家應當把履行社會責任作為自覺追求", "淡泊名利"),
        P("董明珠", "格力電器董事長", "企業家精神說穿了就是忘記自我", "同時要有一種犧牲自我的精神"),
        P("宗慶后", "娃哈哈集團董事長兼總經理", "做企業不可能一帆風順", "要為促進社會發展和共同富裕發揮作用"),
        P("潘剛", "伊利集團董事長兼總裁", "愛國敬業,是企業家的道德底線", "不僅要自立自信")]),
    ("r85-johnnytowncar-numbered-questions-post-name-colon.txt",
     "https://m.johnnytowncar.com/cj/2011/09-20/3340529_4.shtml",
     "numbered question headings, each over one or two 'postNAME:' lines (no space) opening the answers", True,
     "starts at the second question; cut in the fifth answer", [
        P("林宇", "网秦移动有限公司首席执行官", "国内的云计算", "通过市场机制把钱花到最该去的地方"),
        P("艾雅", "印度维布络公司大中华区总经理", "谈到云计算,我们可以从两个层面考虑", "中国有自己的优势"),
        P("韩小红", "慈铭健康体检管理集团董事CEO", "要满足人民群众的基本医疗需求", "要给民营资本一个平台"),
        P("刘积仁", "东软集团CEO", "现在中国对两个领域非常重视", "像美国人那样在医疗上花钱"),
        P("刘二飞", "美银美林中国区行政总裁", "谈经济转型,不仅仅应该是新能源和低碳",
          "向技术密集型和知识密集型产业进行过渡")]),
    ("r86-cri-photo-caption-then-post-name-trad.txt",
     "https://big5.cri.cn/gate/big5/news.cri.cn/20250402/777f8d4e-cc50-fdfb-7579-c62648f3c89e.html",
     "a photo caption 'NAME(latin name)(photographer 攝)', then 'post NAME(latin name)表示' opening the piece; "
     "transliterated names with '·' (traditional)", True, "cut in the second piece", [
        P("穆罕默德·卡西姆·簡", "巴基斯坦白沙瓦大學名譽教授、中國科學院外籍院士、巴基斯坦科學院院士",
          "中關村論壇意義非凡", "也凸顯了國際合作的重要性"),
        P("霍馬尹·卡澤羅尼", "加州大學伯克利分校機械工程教授、伯克利機器人與人體工程實驗室主任",
          "對中關村論壇整體氛圍讚譽有加", "論壇期間展示的語音合成技術等")]),
    ("r87-gotaobao-deputy-post-name-colon-lines.txt", "https://gotaobaowang.com/ask/thread/20200206/5718718.html",
     "reporters' line, then 'post NAME:' alone on a line (the first with no separator between post and name) before "
     "each piece; a text mirror with odd characters", True, "cut in the second piece", [
        P("沈禧娜", "全国人大代表广东省潮州市饶平县海山镇东港村东港村村委会副主任", "2011年,沈禧娜放弃了在广州",
          "寻找我们村的发展路径"),
        P("王涛", "全国人大代表、广东省司法厅南丰强制隔离戒毒所四分所一大队大队长", "是廣东省司法厅南丰强制隔离戒毒所",
          "自己在工作中接触吸毒人员跟他们聊")]),
    ("r88-nanfang-subheads-post-name-jianyi-trad.txt", "https://m.slycedyce.com/mtjjn/content/post_1037279.html",
     "a lead, sub-headlines, narrative, then 'post NAME建議' late in the section (traditional)", True,
     "cut in the second section, before its speaker is named", [
        P("黃源浩", "省人大代表、奧比中光科技有限公司董事長兼首席執行官", "黨的二十大報告指出,加快實現高水平科技自立自強",
          "打造經濟發展的“第二曲線”", "錨定“全球領先”,實現高水平科技自立自強")]),
    ("r89-zgkjsz-name-space-post-lines-trad.txt", "http://zgkjsz.com/page/2015/1117/948285.shtml",
     "'NAME post' (a space between) alone on a line, then a one-paragraph piece (traditional, ruby)", True,
     "cut in the fourth piece", [
        P("徐賁", "大學教授", "專業知識只有在能夠高度自治的時候", "又不阿諛奉承或膽小怕事的人士"),
        P("趙啟正", "國務院新聞辦公室原主任", "在對外傳播或交流中", "和氣、和善、和平,我和你"),
        P("彭曉蕓", "媒體評論員", "留守兒童是中國城市化進程中最慘痛的代價", "這對進城打工的農村人是極度的剝削和不公平"),
        P("畢飛宇", "作家", "我們常說文學是有分類的", "這里的差異固然可以通過題材去")]),
    ("r90-zgkjsz-name-post-paren-lines-trad.txt", "http://zgkjsz.com/page/2015/0606/952754.shtml",
     "'NAME(post)' alone on a line (the first with a dash after it), then a one-paragraph piece (traditional, ruby)",
     True, "cut in the fourth piece", [
        P("張鳴", "學者", "治理污染,人人有責", "不管污染企業"),
        P("綠妖", "媒體人", "在中國人的長相中", "又外化成面相"),
        P("趙思樂", "專欄作家", "連帶“婦女節", "更是反婦女主體意識和權利而行之"),
        P("葛劍雄", "歷史學家 全國政協常委", "省跟縣中間的地級市應徹底取消", "管理的層級越少越好")]),
    ("r91-zgkjsz-name-dash-lines-trad.txt", "http://zgkjsz.com/page/2015/0310/948930.shtml",
     "'NAME——' alone on a line (no post; one a net nickname), then a one-paragraph piece (traditional, ruby)", True,
     "cut at the sixth name; the fifth name is garbled ('邱震?') and its piece left unlabelled", [
        P("馬光遠", None, "消化以前刺激政策遺留的", "只存在于作家的想象中"),
        P("逍遙劍客", None, "少壯不努力,長大玩手機", "恰似一天到晚沒完沒了玩手機"),
        P("張鳴", None, "官不聊生,民眾很開心", "做官也不用惶惶不可終日"),
        P("楊建國", None, "新媒體產業園、出版產業園", "缺乏對產業集聚規律認識")]),
    ("r92-zgkjsz-quote-then-dash-description-trad.txt", "http://zgkjsz.com/page/2015/1111/743910.shtml",
     "a quotation, then a line '——' describing who said it (name inside a sentence, post before the name or "
     "none) (traditional, ruby, mojibake)", True, "cut in the last description line", [
        P("梁曉聲", "知名作家", "被亞文化、次文化、劣文化所襄挾的孩子們", "特別想拉回學生們"),
        P("陸谷孫", "《中華漢英大詞典》的主編", "我的思路就是,上不封頂", "權威在不可知的未來"),
        P("梁鴻", None, "重回梁莊對我而言", "理解世界跟我的關系這個途徑"),
        P("嚴歌苓", None, "女性的眼光和價值觀特別能推舉出一個時代的英雄", "女性的眼光和價值觀特別能推舉出一個時代的英雄"),
        P("李繼宏", "譯者", "現在看來我的譯本", "但目前沒有這樣的需要"),
        P("顏歌", "小說家", "寫我這個年齡看到", "作為一個標本"),
        P("邪月", "縱橫中文網主編", "百度搜索風云榜前50名的小說", "只要一上榜就被搶")]),
    ("r93-fx361-quote-then-dash-post-name.txt", "https://fx361.cc/page/2011/0815/11544324.shtml",
     "a long quotation, then '——post NAME…如是说/指出…' closing it", True, "cut in the third (unsigned) quotation", [
        P("白岩松", "央视名嘴", "怎么建立一个良性循环", "人活着就不那么焦虑"),
        P("雷达", "著名文学评论家", "这几年创作上的一个趋向是回归故事", "它们一起该撑起多大的审美空间")]),
    ("r94-gmw-quote-then-dash-name-said.txt", "https://gmw.cn/01ds/2000-11/29/GB/2000^328^0^DS226.htm",
     "quotations each closed by a '——' line: '——NAME。', '——post NAME说。', a newspaper (no author), a long "
     "sentence ending '…NAME…地说。'", False, "", [
        P("王蒙", None, "今后的文学大师级人物也许不会是鲁迅先生式的", "与读者轻轻私语的那种"),
        P("张平", "作家", "对一个作家来说", "但作家决不可以远离时代和人民"),
        P("克莱顿", "美国畅销书作家", "对于我这种人,这比得到奥斯卡奖还棒", "我十分荣幸地用我的名字命名一个新的品种"),
        P("郭哲铭", "台湾新版《资治通鉴》的总编辑", "阅读古籍可以达成立德、立功、立言的古典理想",
          "都是古籍得以不死的原因")]),
    ("r95-cflac-weibo-handle-post-paren.txt", "http://www.cflac.org.cn/zgysb/dz/ysb/page_2/201604/t20160418_327849.htm",
     "'@handle(post)' alone on a line (weibo handles), then the piece", False, "", [
        P("西山书客谭旭东", "作家", "有家长说,各种图书排行榜让人眼花缭乱", "但真正的阅读要靠自己辨别"),
        P("绝对敏捷", "电视从业者", "在影视圈似乎一贯吹着资本可以主宰一切的风", "这,是最危险的时候"),
        P("臧棣", "诗人", "必须学会从视觉的角度看待诗的音乐性", "单独说这个就比那个更重要")]),
    ("r96-xinhuanet-netizen-handles-numbered.txt",
     "http://news.xinhuanet.com/politics/2016lh/2016-03/04/c_1118239707.htm",
     "numbered topic headings, each over two 'site网友@handle:' paragraphs", True, "cut in the eighth piece", [
        P("坛跟儿石头", "凤凰网网友", "行胜于言", "期待强大的中国继续前行"),
        P("转转转转转定", "新浪网网友", "把这么一个大帽子扣在中国人头上", "有礼有节有力"),
        P("大唐丰韵134", "凤凰网网友", "傅莹的回答既不抢跑", "也兼顾原则性和灵活性"),
        P("网络小红人", "腾讯网网友", "强烈支持增加军费", "否则只能拔苗助长适得其反"),
        P("心往大海鱼翔千里", "新浪网网友", "任何治理都是有代价的", "人大还是要保持监督的力度和节奏"),
        P("飞扬951", "搜狐网网友", "环境污染关系百姓的身体健康和切实体会", "给百姓一片干净的天和地"),
        P("许先生", "搜狐网网友", "傅莹的回答直指问题关键点", "该如何解决"),
        P("努力奋斗_26119", "网易网网友", "中国一直是在积极地斡旋", "推进六方会谈也确实取得一定的成")]),
    ("r97-hkcna-tongqi-post-name-transcript-trad.txt", "http://www.hkcna.hk/docDetail.jsp?id=100297911&channel=2803",
     "video transcript: '【字幕】', '標題一:', then '【同期】post NAME' alone on a line before each answer "
     "(traditional)", True, "cut in the third answer", [
        P("冼漢廸", "港區全國人大代表", "心情當然非常激動的", "我深深感受到國家對香港的長期支持和關愛"),
        P("陳仲尼", "港區全國人大代表", "有兩點花絮給大家分享一下", "可以說是非常高效的"),
        P("黃錦良", "港區全國人大代表", "這次能够以港區人大代表的身份", "以港區全國人大代表的身份來出席兩會")]),
    ("r98-zijing-post-name-biaoshi-paragraphs.txt",
     "https://zijing.com.cn/web/article/1349126001706708992/web/content_1349126001706708992.html",
     "a lead, then 'post NAME表示/形容' opening paragraphs; the first speaker's piece runs three paragraphs and names "
     "the next speaker in passing", True, "cut in the third piece", [
        P("马逢国", "港区全国人大代表团团长", "总结是次会议表示", "港区全国人大代表陈帆提出香港发展碳交易体系的建议"),
        P("李慧琼", "全国人大常委会委员", "很高兴今年的政府工作报告获极高票通过", "希望政府可以加快推进"),
        P("陈勇", "港区全国人大代表团副团长", "今年的政府工作报告是", "工作报告提到香港要")]),
]
# Eleventh batch (r99-r105, 7 pages), added 2026-12-07 after the rules from the tenth, the same way (search tool's
# pages corpus, labelled by hand before the splitter or extractor ran on them). Pages whose speakers' posts the
# mirror garbles ('?比珖?guó)人大代表') were passed over.
ELEVENTH_PAGES = [
    ("r99-caijingmao-subhead-quote-then-post-name.txt", "https://caijingmao.518to.com/plus/view-27898-1.html",
     "a sub-headline, then paragraphs opening with a quotation followed by 'post NAME注意到/对记者表示', the last "
     "'在…会议上,post NAME发言时表示'", True, "cut in the third piece", [
        P("朱鼎健", "全国政协委员,观澜湖集团主席、香港友好协进会副秘书长", "我感觉,很多经济界别的委员",
          "整份报告传达和输送了底气、勇气、信心、信念"),
        P("叶兆佳", "澳门地区全国政协委员", "听完政府工作报告,我发现今年的十大任务中", "加快推进新型工业化"),
        P("颜珂", "台湾省全国人大代表", "在十四届全国人大二次会议台湾省代表团全体会议上", "吸引更多台湾青年、台")]),
    ("r100-hkcna-run-together-post-name-paragraphs-trad.txt", "http://203.198.47.105/docDetail.jsp?channel=6273&id=100614351",
     "paragraphs run together on one line (a space between), each opening 'post NAME認為/對記者說/接受採訪時說'; a "
     "photo caption and an unsigned sentence among them (traditional)", True, "cut in the fourth piece", [
        P("梁美芬", "港區全國人大代表", "認為報告涉經濟部分務實", "讓她非常感觸"),
        P("譚岳衡", "港區全國政協委員", "對記者說,報告談到全面落實", "發展舉措的關注和認同"),
        P("陳仲尼", "港區全國人大代表", "對記者表示,現場感受到非常鼓舞", "保持香港繁榮穩定"),
        P("吳秋北", "港區全國人大代表", "接受採訪時說", "而且政策是一貫的")]),
    ("r101-longwan-deputy-name-paragraphs.txt", "https://www.longwan.gov.cn/art/2016/1/22/art_1247144_9913454.html",
     "a lead, then paragraphs naming '代表NAME' / '政协委员NAME' after a scene-setting sentence or at their start", True,
     "cut in the third piece", [
        P("王云师", "代表", "十分关注规划优先和基础优先的问题", "实现区域时尚创新产业的落地"),
        P("黄苏权", "代表", "对报告中提到有关浙南科技城的建设", "关停或并转污染严重的小作坊"),
        P("王岩雄", "政协委员", "《政府工作报告》中对打造浙", "《政府工作报告》中对打造浙")]),
    ("r102-lyg1-post-space-name-biaoshi.txt",
     "https://sharenew.lyg1.com/folder46/folder78/folder312/2023-03-05/zRYzsf1LMwv2SkO8.html",
     "a lead naming all the deputies, then paragraphs opening 'post NAME表示' (one with a space between post and name)",
     True, "cut in the third piece", [
        P("孙飘扬", "全国人大代表", "在过去的五年", "为新的一年工作指明了方向"),
        P("肖伟", "全国人大代表", "十四届全国人大一次会议今天正式开幕了", "施政方针和方向"),
        P("徐瑶", "全国人大代表", "走进庄严又神圣的人民大会堂参加两会", "为祖国繁荣昌盛感")]),
    ("r103-ttav89-post-name-biaoshi-paragraphs-trad.txt", "http://www.ttav89.com/dfpd/hk15/2012-06/20/content_15514558.htm",
     "a lead, then 'post NAME表示' paragraphs, the first speaker's piece running on in a paragraph opening with his "
     "name (traditional)", True, "cut in the second piece", [
        P("劉兆佳", "全國政協委員", "在政協主席賈慶林的工作報告中", "以讓港人認識國家發展等方面上起作用"),
        P("潘宗光", "全國政協委員", "國家的發展不應只看重經濟發展", "發表的工作報告內有關文化")]),
    ("r104-e212-clause-then-post-name-biaoshi.txt", "http://e212.com/chuang/2022/0820/38031.html",
     "'以下为…精彩观点' and a '*****' separator, then paragraphs opening with a clause ('在…环节中,谈及…,') before "
     "'post NAME表示'", False, "", [
        P("张浩千", "蓝晶微生物联合创始人兼首席执行官", "借助生物技术快速发展的势能", "感觉非常振奋人心的地方"),
        P("吴启楠", "新风天域创始人兼首席执行官、和睦家医疗首席执行官", "老年人所需要的卫生支出比年轻人高5-10倍",
          "从而解决传统机构面临的痛点")]),
    ("r105-outputnews-speaker-paragraphs-trad.txt", "https://hk.outputnews.com/2013/huanqiu/news_2013_10_29_1428384",
     "a news report: 'post NAME在致辭時提出' then paragraphs 'NAME説' / '他還表示'; a speaker described, not given a "
     "post ('在台灣出生、在大陸創業的李開復'); closing paragraphs about the event (traditional)", True,
     "cut in the last (unsigned) paragraph", [
        P("高希均", "《遠見》雜誌創辦人", "在致辭時提出", "台灣不能忽視民眾理性的態度和冷靜的判斷"),
        P("李開復", None, "在演講中談到大陸創新創業的特點和優勢", "營造優良的創投生態環境")]),
]
# Twelfth batch (r106-r108, 3 pages), added 2026-12-07 after the rules from the eleventh, the same way.
TWELFTH_PAGES = [
    ("r106-handmsg-quote-then-dash-post-name-trad.txt", "http://m.handmsg.com/page/2013/0412/25390274.shtml",
     "quotations, each closed by '——post NAME' alone on the next line, one quotation broken over two lines "
     "(traditional)", True, "cut in the last dash line", [
        P("楊繼瑞", "重慶工商大學校長", "熱水器裝上了", "有的干脆把它out掉"),
        P("李志強", "四川大學錦江學院校長", "文憑在社會這所大學里", "還是站著來的"),
        P("仲偉合", "廣東外語外貿大學校長", "我期盼你們能成為未來的", "美在心靈"),
        P("侯建國", "中科大校長", "4年前,同學們來到科大", "時間長一點"),
        P("李培根", "華中科技大學校長", "或許你穿著白大褂", "浪漫和瑜園四季的芳華帶到遠方")]),
    ("r107-ntdtv-citizen-post-name-colon-corner-quotes-trad.txt", "https://ntdtv.com/b5/2014/05/23/a1111331.html",
     "'post NAME:「…」' paragraphs (names with a courtesy title, and Latin-script names)", False, "", [
        P("陳先生", "舊金山市民", "我還很喜歡他們來呢", "不會覺得他們打攪我們"),
        P("許芳碩", "舊金山市民", "舊金山的遊客真的很多", "只要不是太忙的情況下是可以"),
        P("Alice Han", "舊金山市民", "我喜歡遊客", "我喜歡有更多的人"),
        P("Chris Wong", "舊金山市民", "對我來說很好", "這很有意思")]),
    ("r108-ustb-keyword-subheads-post-name-biaoshi.txt", "https://news.ustb.edu.cn/info/1241/58527.htm",
     "'关键词N:…' headings, each over a sub-headline naming the school, then 'post NAME以…致辞/表示' and "
     "paragraphs 'NAME表示' / '他说'", True, "cut in the second piece", [
        P("王云鹏", "中国工程院院士、校长", "在北京航空航天大学2023年学生毕业典礼",
          "让青春在服务国防、奉献祖国的事业中发出夺目光彩"),
        P("金力", "中国科学院院士、校长", "复旦大学2023届本科生毕业典礼和研究生毕业典礼分别于上下午举行", "年轻人轻言")]),
]
# Thirteenth batch (r109-r110, 2 pages), added 2026-12-07 after the rules from the eleventh (the twelfth's tune half
# needed none), the same way. In r109 a reporter's question ('人民日报记者强郁文：“…”') is no signed piece.
THIRTEENTH_PAGES = [
    ("r109-hppc-transcript-question-post-name-colon-quotes.txt", "http://www.hppc.gov.cn/ssjqgrdechy_ywsd/p/33618.html",
     "a press-conference report: a reporter's question 'post NAME:“…”', then answers 'post NAME:“…”', a paragraph "
     "naming the next speakers in passing", True, "cut in the fourth answer", [
        P("程用文", "全国人大代表", "武汉首次进入自然指数科研城市排名在全球前十", "光电子信息产业独树一帜"),
        P("马新强", "全国人大代表", "光谷也是我们国家唯一的光电子产业基地", "突出企业创新主体作用"),
        P("李少平", "全国人大代表", "经过10年的潜心研发以后", "真正实现从光脚追赶到行业领跑的跨越"),
        P("高宗余", "全国人大代表", "中国建造", "建立了从理论、设计、施工、材料、装备到运营维护")]),
    ("r110-ce-mirror-post-name-shuo-paragraphs.txt", "http://27.185.56.112:8082/attachment/news.php?QOx=Kmho.html",
     "a mirror: paragraphs opening 'post,post NAME说/表示/认为' (one name running into '发表示'), one opening with a "
     "quotation", True, "cut at the fifth speaker's post", [
        P("卢进", "全国政协委员,中国黄金集团公司党委书记、董事长", "要始终坚持“两个毫不动摇”", "推动中国经济持续向好行稳致远"),
        P("林孝发", "全国政协委员,九牧集团党委书记、董事长", "福建有很多依靠自主创新从0到1", "拼”出一片光明前程"),
        P("朱松纯", "全国政协委员、北京通用人工智能研究院院长", "当下,通用人工智能已经成为全球科技竞争的制高点",
          "让通用人工智能安全发展、造福人民"),
        P("王传喜", "全国政协委员、山东省兰陵县代村党委书记", "一个村富了不算富", "带动2万多农民就地就业创业")]),
]
# Fourteenth batch (r111-r112, 2 pages), added 2026-12-07 after the thirteenth (whose tune half needed no rule), the
# same way. A deputy given only a description ('來自河北易縣的張淑芬', '作為央視知名主持人') has no post.
FOURTEENTH_PAGES = [
    ("r111-taiwancn-clock-time-post-name-paragraphs-trad.txt",
     "http://big5.chinataiwan.cn/gate/big5/www.taiwan.cn/xwzx/PoliticsNews/201203/t20120305_2371405.htm",
     "photo captions naming the deputies, reporters' line, a lead, then paragraphs opening with a clock time "
     "('8時30分,post NAME…'), the first speaker's piece running on over three paragraphs (traditional)", True,
     "cut in the third piece", [
        P("毛豐美", "全國人大代表、遼寧省丹東市大梨樹村黨支部書記", "身著一套嶄新的黑西裝白襯衫來到大會堂", "我一定會把他們的話捎到會上"),
        P("申紀蘭", "人大代表", "一進會場就被守在裏面的記者團團包圍", "也會一如既往的履行好反映基層呼聲的職責"),
        P("袁妙枝", "全國人大代表、河北省張北縣張北鎮基層農業綜合服務站", "記者在會場裏找到正在拍照的", "在人民大會堂裏拍張")]),
    ("r112-jnmzgcjx-deputies-described-paragraphs-trad.txt", "http://jnmzgcjx.com/news/news-show-1286.htm",
     "a lead, then pieces about deputies named with a description or 'post NAME', each running over one to three "
     "paragraphs, the quotation marks garbled by the mirror, a site name spliced in (traditional, ruby)", True,
     "cut in the fourth piece", [
        P("張淑芬", None, "我是縣里第一名全國人大代表", "在高興之余更覺責任重大"),
        P("譚夢曦", "廣西團全國人大代表", "也是首次當選", "期待自己的建議能得到回應"),
        P("張澤群", None, "同樣關注教育公平的還有張澤群", "城鎮化應該堅持“以人為本”"),
        P("胡葆森", "河南建業集團董事長", "是名人大", "對于此前一屆的履")]),
]
# Fifteenth batch (r113-r119, 7 pages), added 2026-12-07 after the rules from the fourteenth, the same way. A
# quotation whose dash line names no person (a newspaper, a survey, '多名权威人士') is unlabelled, as is an anonymous
# netizen ('有微友'); a name the page garbles with an HTML entity ('斯蒂芬#8226;霍金') is unlabelled; an editor's
# reply ('编者回应') is no piece; a letter's signature 'place❘NAME❘occupation' gives the occupation as the post.
FIFTEENTH_PAGES = [
    ("r113-handmsg-quote-then-dash-description-post-name-trad.txt", "http://m.handmsg.com/page/2008/0429/27662964.shtml",
     "quotations, each closed by '——post NAME…' on the next line, the name inside a sentence or closing it "
     "(traditional, mojibake)", True, "cut in the sixth quotation", [
        P("孔慶東", "北失中文系副教授", "李肇星寫詩的意義不在于詩歌藝術本身", "去贏得廣闊的世界"),
        P("文懷沙", "中國國學大師", "我覺得需要冷靜一點", "孩子可以有選擇地熟背一些段落"),
        P("江涌", "中國現代國際關系研究院經濟安全研究中心主任", "大國的崛起都伴隨著一個曲折的過程", "這就要考驗中國的企業家和官員的智慧"),
        P("林毅夫", "世界銀行首位中國籍副行長兼首席經濟學家", "將軍最大的榮耀是戰死疆場", "學者最大的榮耀是累死在書桌上"),
        P("吳建民", "中國外交學院院長", "冷戰結束之后", "中國的民主政治怎么能與你們完全一樣呢")]),
    ("r114-lfdjt-quote-then-dash-riqian-description.txt", "http://lfdjt.com/info_3_33013.html",
     "quotations closed by '——日前,…post NAME…这样说道/表示/讲述…' description lines (a transliterated name)", True,
     "cut in the fourth quotation", [
        P("傅高义", "哈佛大学荣誉退休教授、《邓小平时代》一书的作者", "中国发展这么快", "他们给中国带来了非常大的改变"),
        P("彼得·汉德克", "奥地利剧作家", "我是一个很传统的作家", "就是用语言来打动人"),
        P("王争鸣", "轨道交通工程信息化国家重点实验室主任", "新中国成立初期", "从中国标准变成了世界标准")]),
    ("r115-gmw-yulu-quote-then-dash-mixed.txt", "http://epaper.gmw.cn/sz/html/2010-08/01/nw.D110000sz_20100801_3-04.htm?div=-1",
     "one-line quotations each closed by a '——' line, some naming the speaker ('——post NAME…说'), some a source "
     "or a survey (no person)", False, "", [
        P("吴敬琏", "经济学者", "中国证券市场问题的症结", "老是“闲不住”"),
        P("贺铿", "九三学社中央副主席、国家统计局原副局长", "统计数据被外界质疑", "领导干部竭力追求政绩才是问题的根本")]),
    ("r116-handmsg-numbered-quotes-dash-writers-trad.txt", "http://www.handmsg.com/page/2011/1231/28105658.shtml",
     "numbered quotations ('N、“…”') each closed by a '——' line naming a newspaper, a scientist (name garbled by an "
     "entity) or 'post NAME撰文/在文章里如是說' (traditional)", True, "cut in the sixth quotation", [
        P("沙元森", "《齊魯晚報》評論員", "如果先富起來的華西村農民", "也遠比炫富更有意義"),
        P("草威", "媒體人", "對‘弱者’關不關心", "這是對現代化的誤解")]),
    ("r117-rfi-weiyan-post-name-fatie-shuo-trad.txt",
     "http://trad.cn.rfi.fr/tw/%E4%B8%AD%E5%9C%8B/20190202-%E4%B8%80%E6%AE%B5%E8%A6%96%E9%A0%BB-%E4%B8%80%E5%BC%B5%E7%85%A7%E7%89%87",
     "a column quoting netizens: '有微友…發帖說:“…', 'post NAME發帖說:“…”', 'post NAME在…網文中這樣寫道:“…' "
     "(traditional)", True, "cut in the third quotation", [
        P("主歌", "網絡撰稿人", "人微言輕的劉總管", "能夠實現嗎"),
        P("範宕", "自媒體作者", "載着祖國和人民的重託", "我想到了很多")]),
    ("r118-jsw-members-post-space-name-colon.txt", "http://m.cmstop.zt.jsw.com.cn/p/41126.html",
     "a video transcript: 'post NAME:' (a space between) opening each answer, narration between them", True,
     "cut in the seventh answer", [
        P("苏权科", "全国政协委员", "我觉得我们要从各个层次提一些好的建议", "为粤港澳大湾区服务"),
        P("鲁晓明", "全国政协委员", "我们国家在养老方面非常重视", "引导社会力量投入养老事业"),
        P("何一心", "全国政协委员", "中国营商环境去年跃升32位", "为市场主体添活力"),
        P("欧彦伶", "全国政协委员", "这次我带来的提案主要是涉及乡村振兴", "持续稳定的高质量脱贫"),
        P("胡国珍", "全国政协委员", "建议东部帮扶西部除了在经济领域", "从根本上阻断贫困的代际传递"),
        P("杨玉成", "全国政协委员", "脱贫攻坚已经进入了啃硬骨头的关键期", "留得住,能致富"),
        P("杜明燕", "全国政协委员", "应以建功新时代为方向", "以高质量发展为主线,在助力")]),
    ("r119-infzm-letters-signature-bar-lines.txt", "https://infzm.com/contents/100331?source=202&source_1=100330",
     "readers' letters: a headline, the letter, then a signature line 'place❘NAME❘occupation' or 'site网友❘NAME'; "
     "an editor's reply between them", True, "cut in the third letter (unsigned in the excerpt)", [
        P("老方", "infzm.com网友", "我每周都早早地盼着《南方周末》的到来", "我觉得自己写的并不比见报稿件要逊色啊"),
        P("荣德安", "科技工作者", "学成归国后", "甚至双方还能扯上校友、同学")]),
]
# Added 2026-12-07 (sixteenth batch, 21 pages): found with the search tool's `pages` corpus (queries on roundup shapes:
# district deputies' video series, entrepreneurs' answers, netizens' replies, quotations closed by dash lines, chamber and
# deputies' 'post NAME表示' paragraphs, mojibake mirrors), labelled by hand and committed before the splitter or extractor
# ran on them. Where a mirror garbles the words before a post (r138: '?！比珖f委員，' for '。”全國政協委員，'), the post is
# what is printed legibly before the name; a description in quotes ('“老委员”') is no post; an epithet after the post
# ('疫情上報“第一人”——') is not part of it; a post printed on a line of its own under 'NAME：headline' and a line
# giving the years since graduation is the line naming the job (r130).
SIXTEENTH_PAGES = [
    ("r120-dongxihu-subhead-post-name-colon-lines.txt", "http://dongxihu.cjyun.org/p/471.html",
     "a sub-headline, then 'post NAME:' alone on a line, then the piece", True, "cut at the fourth piece's headline", [
        P("王志坚", "区人大代表", "建议“抓大不放小”", "发挥重要作用", "临空港引进高新科技企业应有“门槛”"),
        P("谢玲", "区人大代表", "建议更加注重改善营商环境", "辖区注册企业已有将近600家", "当好企业的“店小二”"),
        P("赵先华", "区政协委员", "建议强化政策保障", "在我区落地生根,做大做强", "用政策保障吸引更多“凤凰”落户临空港")]),
    ("r121-zqcn-entrepreneurs-name-colon-answers.txt", "https://zqcn.com.cn/191/30646.html",
     "a question, then answers opening 'NAME:' (posts given only in the lead)", True, "cut in the second answer", [
        P("谢应波", None, "2006年,我在华东理工大学读博士", "打破实验器材领域对外国的依赖"),
        P("朱柯丁", None, "2004年,中国曾一度经历能源", "我判断接下来将是中国电力建设的大发")]),
    ("r122-xdkb-netizen-quoted-handles-colon.txt", "http://dz.xdkb.net/old/html/2010-03/03/content_72117535.htm",
     "e-paper page: netizens' replies, '网友“handle”跟帖说,“…”' then '“handle”: …' paragraphs, navigation above", True,
     "cut in the fourth reply", [
        P("czlisun", "网友", "粗粗拜读了老王的帖文", "说的也都是掏心窝子的话"),
        P("步行鸟", None, "第一条很暖心", "兼听则明,偏听则暗"),
        P("anders_lu", None, "越民主的社会", "因为站的高度不一样"),
        P("czqwf", None, "我看王还是非常开明的", "这句话最应送给我们的官员")]),
    ("r123-hddianli-quote-then-name-deputy-said-trad.txt",
     "http://www.hd-dianli.com/tzqrmzf/tzyw/content/e3bde199-a452-47bb-b265-c90296a4d869.html",
     "a quotation then 'NAME代表表示', a paragraph opening 'NAME代表說' (traditional, HTML tags left in the text)", True,
     "cut in the second piece", [
        P("王鈺華", "代表", "報告主題鮮明", "貢獻更多“高新”力量"),
        P("胡衛忠", "代表", "胡衛忠代表說", "努力在通州產業鏈集群發展")]),
    ("r124-essencecafe-members-post-name-said-trad.txt", "http://essencecafe.cn/c/2022/03/11/1046767.shtml",
     "a news analysis: 'post NAME委員說' after a lead clause, a post garbled by mojibake (traditional, ruby)", True,
     "cut in the third piece (its name cut)", [
        P("胡衛", "上海中華職教社常務副主任", "普職分流", "在就業、落戶等方面有更完善配套"),
        P("李有毅", "北京市第十二中學(xué)聯(lián)合學(xué)??傂PiL", "“雙減”實施大半年", "支持和幫助學(xué)生成就自己")]),
    ("r125-qbwb-county-secretaries-post-name-said.txt", "http://qbwb.hebiw.com/html/2011-02/12/content_14623.htm",
     "a survey of county secretaries: 'post NAME是…。他說:“…”' and '…。post NAME說:“…”' paragraphs under a sub-headline",
     True, "cut in the second piece", [
        P("陈勇", "国家扶贫开发重点县重庆酉阳县委书记", "陈勇是3年前从江苏引进的干部", "其实是产业结构调整"),
        P("刘运定", "湖南衡东县委书记", "上级下达节能减排指标后", "用行政")]),
    ("r126-zhenguoke-post-line-then-name-line.txt", "https://zhenguoke.com/read/-dy-article-JLDFOD1M05348TJL.html",
     "a post alone on a line, the name alone on the next, then the piece", True, "cut in the fourth piece", [
        P("黄秀娟", "区人大代表", "今年的区人大常委会工作报告当中", "结出人民民主的“金果子”"),
        P("武浩", "区人大代表", "区人大开展人人议事厅工作", "践行全过程人民民主的靓丽名片"),
        P("张庭赫", "区政协委员", "区政协常委会工作报告让我更加深入", "去更好地做好提案工作"),
        P("赵婕", "区政协委员", "作为一名医务工作者", "在近视防控领域的三方")]),
    ("r127-hdrd-deputies-described-paragraphs.txt", "http://hdrd.bjhd.gov.cn/xwzx/jdxw/202401/t20240104_4635537.htm",
     "a report: paragraphs naming a deputy with a description or 'post NAME表示', some after a lead sentence", True,
     "cut in the fourth piece", [
        P("戴文渊", "代表", "来自第十三代表团的戴文渊代表", "希望为海淀高质量发展助力"),
        P("卞海虹", "区人大代表", "区人大代表卞海虹针对民生领域", "让老百姓更加安居乐业"),
        P("徐志梅", "区人大代表", "区人大代表徐志梅表示", "把海淀区打造成现代化文化强区"),
        P("张福春", "区人大代表", "区人大代表张福春告诉记者", "在迎来满怀希望的2024年之际")]),
    ("r128-zhgov-members-post-name-paragraphs.txt", "https://www.zh.gov.cn/art/2025/1/18/art_1229850752_59374325.html",
     "a report: paragraphs opening 'post NAME…' (one after a lead sentence, one 'the “老委员” NAME')", True,
     "cut after the third piece", [
        P("沈国强", "区政协委员", "区政协委员沈国强今年带来的提案", "为当地经济发展作出更大贡献"),
        P("张瑜", "区政协委员", "区政协委员张瑜带来的提案", "提高学习注意力和思维活跃度"),
        P("章元明", None, "作为今年第九年参加会议的", "全民健身百花齐放的生动局面")]),
    ("r129-hgjy100-doubled-name-subhead-post-name-biaoshi.txt", "http://news.hgjy100.com/caijing/131755.html",
     "a photo's name run into the speaker's 'NAME:' line ('周斌周斌:'), a sub-headline, then 'post NAME表示'", True,
     "cut in the second piece", [
        P("周斌", "广州市人大代表、工业和信息化部电子第五研究所全国重点实验室副总工程师",
          "信息化履职平台可通过人工智能大模型开展预算审查", "坚定践行守护民生的初心", "信息化履职实现高效联动"),
        P("吴小丽", "广州市人大代表、广州市从化思乡源花生专业合作社社长", "是一位返乡创业的新农人代表", "农村天地广阔",
          "期待青年多参与乡村振兴")]),
    ("r130-handmsg-graduates-name-colon-headline-post-line-trad.txt", "http://www.handmsg.com/page/2005/0624/29027480.shtml",
     "'NAME:headline' lines, then the years since graduation and the job on lines of their own, then the piece "
     "(traditional)", True, "cut in the second piece", [
        P("李暢", "西安《暖愛》雜志編輯兼寫手", "在學校的那幾年", "鼓勵著孩子的夢想和熱情", "校園呵護了我的夢想"),
        P("萬元", "長沙魔方文化客戶總監", "我的學生時代", "覺得這種工", "校園給了我兄弟")]),
    ("r131-yybnet-district-heads-post-name-colon-lines.txt", "https://m.yybnet.net/xian/changan/201602/4181571.html",
     "'post NAME:' alone on a line, then the piece (district heads' messages)", True, "cut in the third piece", [
        P("仵江", "新城区区长", "新常态赋予新使命", "努力为“品质西安”建设做出新贡献"),
        P("卢光文", "碑林区区长", "“十三五”规划蓝图已经绘就", "最具竞争力的创新型核心城区"),
        P("和文全", "莲湖区区长", "回眸2015", "群众收获了更多蓝天")]),
    ("r132-zjrb-numbered-quotes-dash-netizen-handles.txt", "http://zjrb.zjol.com.cn/html/2008-03/13/content_2098597.htm",
     "numbered quotations each closed by a '——' line describing the occasion and naming '网友“handle”' (one names no "
     "one)", False, "", [
        P("思齐", "网友", "顾客不是上帝", "顾客只是上当"),
        P("落美", "网友", "现实中用真名说假话", "网络中用假名说真话"),
        P("木木水", "网友", "孔子不是中国的圣诞老人", "孔子不是中国的圣诞老人"),
        P("敏敏", "网友", "历史是任人打扮的小姑娘", "则是一个难题")]),
    ("r133-changchun-members-quote-then-post-name.txt", "https://028365.xyz/ljzx/1402/ywbd/202301/t20230109_2172991",
     "paragraphs opening with a quotation then 'post NAME…' (a gambling-site name spliced into one), bridge sentences "
     "between them", True, "cut in the third piece", [
        P("张袅娜", "市政协委员", "报告内容充分体现了长春高质量发展导向", "为长春创新发展再立新功"),
        P("孙文献", "市政协委员", "持续推进高标准农田建设", "为长春现代农业城建设贡献力量"),
        P("别黎", "市政协委员", "从政府工作报告中感受到了长春持续增进民生福祉", "都与人民群")]),
    ("r134-hkcd-chamber-heads-post-name-biaoshi-trad.txt", "http://hkcd.com/hkcdweb/content/2021/09/06/content_1291908.html",
     "'post NAME表示' paragraphs, the first after two lead sentences, the second after one (traditional)", True,
     "cut in the closing list of names", [
        P("蕭惠君", "中國香港(地區)商會會長", "新的選舉制度,能真正落實愛國者治港", "推動兩地政府出台相關優惠政策及措施"),
        P("張立", "中國香港(地區)商會—遼寧會長", "在內地的香港社群", "發揮香港精神的獨特價值"),
        P("黃有權", "中國香港(地區)商會—上海會長", "香港國安法實施", "為港人港商融入內地發展出一分力"),
        P("杜源申", "中國香港(地區)商會—廣東榮譽會長", "香港回歸祖國24年", "重新再出發")]),
    ("r135-meetinghk-deputies-post-name-biaoshi-trad.txt", "https://meetinghk.com/archives/196628",
     "'post NAME表示' paragraphs, the first speaker going on in a second paragraph opening with a sentence about "
     "everyone (traditional)", True, "cut in the fourth piece", [
        P("李慧琼", "全國人大常委會委員", "今年是「十四五」規劃收官之年,香港同樣要總結", "亦可積極獻言建策"),
        P("吳秋北", "港區全國人大代表", "各位代表將不負市民對他們的期望和信任", "為香港和國家發展營造良好環境"),
        P("陳曼琪", "港區全國人大代表", "自己這次的主軸是守正和創新", "讓香港在融入國家發展上發揮獨特的作用"),
        P("陳振英", "港區全國人大代表", "今年焦點會是政府工作報告", "去年國家的GDP增長為5%")]),
    ("r136-huthk-captions-then-post-name-biaoshi-trad.txt",
     "https://www.huthk.com/link/news.google.com/__i/rss/rd/articles/CBMiRGh0dHBzOi8vd3d3LndlbndlaXBvLmNvbS9hLzIwMjIxMS8yMS9BUDYzN2I0MTM1ZTRiMDkwNDRlNTEzYTA3Ni5odG1s0gEA?oc=5",
     "a photo caption 'NAME表示,…(受訪者提供)' above each paragraph 'post NAME表示' (traditional)", True,
     "cut in the second piece", [
        P("盧偉國", "香港經濟民生聯盟主席、立法會議員", "中共二十大早前勝利閉幕", "共享中華民族偉大復興的榮光"),
        P("黃國", "全國政協委員、工聯會理事長", "中共二十大及習主席七一重要講話", "都提出香")]),
    ("r137-koreaqb-quote-then-post-name-deputy-said.txt", "http://koreaqb.com/zgxw/1624.html",
     "mirror of a People's Daily column: a quotation then 'post NAME代表說', or 'post NAME代表认为' opening the paragraph",
     False, "", [
        P("陈鸣波", "上海市经济信息化委主任", "说到底,营商环境的一个根本问题是政企关系", "处理好政府与市场的关系"),
        P("张本才", "上海市人民检察院检察长、党组书记", "营商环境需要制度供给来支持", "营商环境需要制度供给来支持"),
        P("曹立强", "上海市普陀区委书记", "要出台优化营商环境的举措", "做好‘店小二’"),
        P("汤亮", "中国民间商会副会长、奥盛集团有限公司董事长", "特别赞成“店小二”的说法", "政府服务企业也是这个道理"),
        P("徐征", "上海建工集团股份有限公司党委书记、董事长", "优化营商环境也离不开企业自身的努力", "才是最好的营商环境")]),
    ("r138-newfuture21-members-post-name-mojibake-trad.txt", "http://newfuture21.com/sp/sbps/202403/t20240308_200282.html",
     "'post NAME談到/提到/認為' paragraphs and quotations then 'post NAME如是說/建議', the closing quotation mark and "
     "'全國政協' garbled by mojibake (traditional)", True, "cut in the seventh piece", [
        P("林凱文", "上海市工商聯副主席、上海凱泉泵業(集團)有限公司董事長", "營商環境代表的是整個社會的文明程度",
          "社會就能快速發展"),
        P("聶磊", "全國政協委員、安徽省工商聯副主席", "良好的營商環境既是生產力", "促進民營經濟發展壯大的關鍵因素"),
        P("費功全", "全國政協委員,四川省工商聯副主席、海天水務集團董事長", "改革開放40多年來", "營商環境法治化建設還有待加強"),
        P("邵丹薇", "江蘇省總商會副會長、萬幫數字能源股份有限公司董事長", "在優化營商環境方面各級黨委政府作了很多努力",
          "形成優質“新產品”"),
        P("劉振東", "全國政協委員、北京聯東投資(集團)有限公司董事長", "在政策出臺前", "才能讓營商環境更加優化"),
        P("阮鴻獻", "云南省工商聯副主席、一心堂藥業集團股份有限公司董事長", "加強對企業輿情問題的妥善保護機制",
          "讓企業把更多的精力放在經營發展上"),
        P("婁杰", "全國政協委員、天津市工商聯主席", "應充分重視", "等促進民")]),
    ("r139-takungpao-members-quote-then-described-member.txt", "http://news.takungpao.cn/mainland/topnews/2018-01/3538424.html",
     "a quotation then 'the member from PLACE NAME', a second member introduced mid-paragraph after a bridge sentence",
     False, "", [
        P("朱建军", "委员", "营商环境是关键", "改善营商环境就成为关键"),
        P("陈浪华", "山西省政协委员", "广东人,来山西从事商贸十多年", "树立了一个‘标杆’")]),
    ("r140-zgkjsz-quotes-then-dash-description-lines-trad.txt", "http://zgkjsz.com/page/2020/0629/7908864.shtml",
     "quotations each closed by a '——post NAME在…' description line, one speaker given an epithet, the last quotation "
     "not the named person's (traditional, ruby)", True, "cut in the sixth quotation's description", [
        P("鐘南山", "中國工程院院士、國家呼吸系統疾病臨床醫學研究中心主任、高級別專家組組長", "有全國幫忙",
          "武漢本來就是一個英雄的城市"),
        P("張繼先", "湖北省中西醫結合醫院呼吸內科主任", "我這次把一生的眼淚流光了", "我這次把一生的眼淚流光了"),
        P("李蘭娟", "中國工程院院士、國家衛生健康委高級別專家組成員", "我們有教訓", "我們一定能戰勝病毒"),
        P("張定宇", "武漢金銀潭醫院院長", "如果你的生命開始倒計時", "去爭分奪秒做一些事"),
        P("陳祖輝", "廣東首批援漢醫療隊暨南大學附屬第一醫院感染控制辦公室", "武漢人民", "我們會與你們一起戰斗的")]),
]
# Added 2026-12-07 (seventeenth batch, 20 pages): found with the search tool's `pages` corpus (queries on members' and
# deputies' passage interviews, academicians' messages, reporters' notes, transcripts, entrepreneurs' round tables),
# excerpts kept short (cut where marked), labelled by hand and committed before the splitter or extractor ran on them.
# Conventions as before: the post is what the signature line prints before the name (a bullet line '● post NAME:headline'
# over the name alone); a post printed only in a lead or a list of guests is no post of the piece; where mojibake eats
# the words before a post, the post is what is printed legibly; a role set off by a comma ('作為臺灣團代表,NAME說') is
# no post; a reporter's question is no piece; a reporter's own stand-up ('【現場】記者 NAME:') is a piece.
# Seven pages first added (r142, r146, r150, r151, r160, r161, r165) were dropped before any change to the splitter: the
# search corpus had returned pages already in the set (r80, r82, r71, r53, r81, r36, r77, same URLs); r167 and r168
# (checked against every URL of the set) were labelled and committed in their place, before the splitter ran on them.
SEVENTEENTH_PAGES = [
    ("r141-ce-members-post-name-colon-line-subhead.txt", "http://www.ce.cn/xwzx/gnsz/gdxw/201903/04/t20190304_31604365.shtml",
     "'post NAME:' alone on a line, a sub-headline, then the piece (members' passage)", True, "cut in the second piece", [
        P("吴伟仁", "全国政协委员、中国探月工程总设计师", "目前,国际上对月球的探测", "迎接挑战,开创未来", "加快深空探测步伐"),
        P("陈冯富珍", "全国政协委员、全球健康大会主席", "我在世界卫生组织任总干事的时候", "尤其在全球卫生安全方面做",
          "我国疾病防控系统引领全球")]),
    ("r143-nankezia-reporters-closing-parens-broken-trad.txt", "http://nankezia.com/gnyw/2009-03/09/content_147452.htm",
     "notes each closed by '(本報記者' with the name on the next line and ')' (traditional, ruby)", False, "", [
        P("劉璐璐", "本報記者", "8日下午,在政協(xié)舉行的記者會上", "最熱烈的一次掌聲"),
        P("邢梅", "本報記者", "8日,好不容易約到人大代表左延安", "是如愿以償啦"),
        P("張莫", "本報記者", "果然是學(xué)法律出身的", "贏得掌聲次數(shù)最多的政協(xié)委員"),
        P("楊燁", "本報記者", "8日在出租車上", "心里真溫暖")]),
    ("r144-ppfocus-bullet-post-name-headline-name-line-trad.txt", "https://ppfocus.com/0/ed18a9bc6.html",
     "'● post NAME:headline' lines, the name alone on the next line (a photo caption), then the piece (traditional)", True,
     "cut in the fourth piece", [
        P("駱清銘", "中科院院士", "11月18日下午,中國科學院學部工作局工作人員", "共同奮鬥的團隊", "學術報告時接到電話"),
        P("郝小江", "中科院院士", "11月19日,我正在雲南省委黨校培訓", "來北京參會", "請假去領證"),
        P("鄭緯民", "中國工程院院士", "今年年屆73歲高齡的鄭緯民", "跟年輕人一起做些事", "這份認可不會太晚"),
        P("孫斌勇", "中科院院士", "42歲的中國科學院數學與系統科學院研究員孫斌勇", "是今年新當選中科院院士中最年輕的一位",
          "4天前接到新「任務」")]),
    ("r145-hsnrtv-academician-narrative-then-bullet-heading.txt", "http://hsnrtv.com/it/180701.html",
     "a narrative about one speaker ('post NAME说' in its second paragraph), then '● post NAME+headline' (no colon), the "
     "name alone, the piece", True, "cut in the second piece", [
        P("王赤", "中国科学院国家空间中心主任", "“感恩、责任、珍惜。”11月22日", "珍惜神圣而光荣的院士称号"),
        P("朱永官", "中科院院士", "11月22日中午,刚领完院士证书", "这也是我们所有工作的出发点", "坐公交车回办公室开组会")]),
    ("r147-newsgmw-narrator-line-post-space-name.txt", "https://news.gmw.cn/2025-12/10/content_38467625.htm",
     "a quoted sub-headline, then '讲述人:post NAME', then a first-person piece", True,
     "one paragraph of the lead left out; cut in the first piece", [
        P("路战远", "中国工程院院士、内蒙古农牧业科学院研究员", "有人说,农业要“靠天吃饭”", "必须直面这肆虐的风沙",
          "“农业科研如同一场马拉松”")]),
    ("r148-govcn-new-academicians-post-name-shuo-trad.txt",
     "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2017-11/29/content_5243041.htm",
     "paragraphs opening 'post NAME説', one 'post NAME研究員説:“…”', a bridge paragraph about all of them, one "
     "'X的NAME是其中之一。NAME説' (traditional)", True, "cut in the third piece", [
        P("邵明安", "新當選院士、中國科學院、教育部水土保持與生態環境研究中心研究員", "他對曾任中國科學院院長的周光召",
          "還有什麼比這更幸福的事嗎"),
        P("趙宇亮", "新當選院士、國家納米科學中心、中國科學院高能物理研究所", "過去五年,是我國科技發展最好的時期",
          "成長起來並脫穎而出的"),
        P("滕錦光", None, "他是溫州人,1979年考入浙江大學", "成長離不開國家")]),
    ("r149-govcn-members-quote-then-post-name-weiyuan-shuo-trad.txt",
     "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2019-03/04/content_5370301.htm",
     "a quotation then 'post NAME委員説' or '…一亮相', a bridge sentence between them (traditional)", True,
     "cut after the third piece", [
        P("吳偉仁", "中國探月工程總設計師", "嫦娥四號著陸器", "就吸引了媒體的“長槍短炮”"),
        P("張雲勇", "中國聯通研究院院長", "中國即將進入5G新時代", "高智慧的5G業務"),
        P("施一公", "西湖大學校長", "尖端、核心的技術是買不來的", "富有社會責任感的科技人才")]),
    ("r152-tfltb-party-deputies-name-biaoshi-posts-in-lead-trad.txt", "http://m.tfltb.cn/politics/2017_10_24_432067_1.shtml",
     "a press-passage summary: posts listed in the lead, then paragraphs 'NAME表示', 'NAME還分享了', '…。NAME對此回應說', "
     "'而NAME則表示' (traditional, ruby)", True, "cut in the third piece", [
        P("吳曉光", None, "如今我們已經(jīng)完全具備了自己研發(fā)設(shè)計中大型航空母艦", "走在世界艦船行業(yè)的前列"),
        P("楊潔", None, "在畢馬威建立黨委沒有任何的困難", "現(xiàn)在就有400名黨員"),
        P("周宇", None, "外交官的一項重要工作就是對外講好中國故事", "特別紅的粗筆標(biāo)出來")]),
    ("r153-observersnews-transcript-question-name-colon.txt", "https://observersnews.com/politics/2017_10_24_432067_4.shtml",
     "a transcript: a newspaper's question, then 'NAME:' opening each paragraph of the answer", True,
     "sentences of the answer left out; cut in its third paragraph", [
        P("邵芸", None, "雾霾是一个大家都非常关注的问题", "对历史的负责")]),
    ("r154-chinacom-transcript-name-colon-line.txt", "http://china.com.cn/zhibo/zhuanti/ch-xinwen/2018-01/24/content_50291965.htm",
     "a live transcript: 'speaker:' alone on a line, then the words (a reporter's question first)", True,
     "sentences of the answer left out; cut in the answer", [
        P("蒋立新", None, "非常荣幸我能够作为第一个回答", "这一点大家可以看到更加注重实效")]),
    ("r155-xuhongcf-subhead-pen-name-line-trad.txt", "http://www.xuhongcf.com/news/jiaodian/2012112007014713971.htm",
     "an editor's note, then a sub-headline and a pen name alone on a line, then the piece (traditional, ruby)", True,
     "a paragraph of the piece left out; cut in the first piece", [
        P("鐘聲", None, "在過去一個多星期的時間里", "這是中美關(guān)系未來發(fā)展的基礎所在", "相互尊重互利共贏")]),
    ("r156-sohu-reporters-headline-name-run-together.txt", "https://news.sohu.com/13/62/news207246213.shtml",
     "an editor's note, then 'headline NAME piece' run together on one line", True,
     "sentences left out; cut in the first piece", [
        P("王巍", None, "当国歌响起", "它也必将成为历史的珍贵", "久违的激动")]),
    ("r157-416w-deputies-quote-then-post-name-mojibake-trad.txt", "http://416w.cn/2011/0311/602540_4.shtml",
     "a quotation then 'the deputy from PLACE NAME…', a later quotation then '…,NAME呼吁', one 'post NAME代表的…發言' "
     "after a quotation (traditional, mojibake)", True, "cut after the second piece", [
        P("蕭玉田", "全國人大代表", "這瓶沙子就是豐寧為首都擋住的風沙", "蕭玉田呼吁"),
        P("楊豐岐", "安塞縣侯溝門村支書", "你要是不作聲", "不謀而合")]),
    ("r158-xinhua-academicians-described-then-quote-name-shuo-trad.txt",
     "http://big5.news.cn/gate/big5/news.xinhuanet.com/politics/2017-11/27/c_1122019423.htm",
     "a paragraph describing 'post NAME', then a quotation then 'NAME説/坦言' (traditional)", True,
     "cut after the second piece", [
        P("吳光輝", "新當選院士、國産大飛機C919總設計師", "轉場成功、靜力試驗穩步推進", "意味著信賴更意味著考驗"),
        P("喬傑", "新當選院士、北京大學第三醫院院長", "在臨床、教學和科研一線工作30年", "為健康中國建設貢獻力量")]),
    ("r159-cctv-members-post-name-shuo-paragraphs.txt", "https://youjingdian.com/a/120299.html",
     "short paragraphs 'post NAME说', 'post NAME分享了…。他说', '…,post NAME介绍', a closing list of names", False, "", [
        P("吴向东", "全国政协委员、中国共产党历史展览馆馆长", "党的历史是最生动、最有说服力的教科书", "引导青少年学习党史"),
        P("李书福", "全国政协委员", "分享了中国新能源汽车工业的发展成果", "连续8年世界第一"),
        P("顾学明", "全国政协委员", "回首这10年", "直接投资增长了80%")]),
    ("r162-fanhu-tongqisheng-post-space-name-colon-trad.txt", "http://www.fan-hu.cn/yhw/hotspot/wjxw/2017-01-03/19414.html",
     "a TV script: '【現場】記者 NAME:' and '【同期聲】post NAME:' paragraphs, a closing narration (traditional, ruby)",
     False, "", [
        P("施文雅", "記者", "我現(xiàn)在是在武進假日酒店", "民生問題依然是大家關(guān)注的焦點"),
        P("吳淑玄", "區(qū)人大代表", "我主要是關(guān)注舊樓改造和拆遷問題", "希望能夠發(fā)展的快一些"),
        P("諸建偉", "區(qū)人大代表", "主要是橫玉路", "爭取解決一些問題")]),
    ("r163-yogviha-deputies-described-quotes-mojibake-trad.txt", "http://m.yogviha.cn/gn/news/2007/03-16/893299.shtml",
     "a closing report: 'the deputy from PLACE NAME代表' with quotations, sub-headlines, closing quotation marks eaten by "
     "mojibake (traditional, ruby)", True, "cut at the first speaker's second turn", [
        P("楊成實(shí)", "代表", "今天我是第一次穿本民族服裝", "讓我們教育工作者特別高興"),
        P("王晶", "代表", "我很興奮地為物權(quán)法", "我對(duì)企業(yè)的發(fā)展更有信心了"),
        P("李鵬飛", "代表", "本次會(huì)議上通過的港澳人大代表選舉辦法", "投身人大代表選舉"),
        P("陳建德", None, "四年來自己沒有遺憾", "得到了很好的解決")]),
    ("r164-dignews-entrepreneurs-name-post-list-then-name-colon-trad.txt", "https://dignews.cc/p/579a0c9195ae785d.html",
     "a list of guests 'NAME post' on lines of their own, a question, then 'NAME:' answers (traditional)", True,
     "the lead shortened; cut in the first answer", [
        P("王興興", None, "對於“大有可為”“正當其時”的感受確實非常深", "今年出貨量相對去年有明顯增長")]),
    ("r167-chinanews-members-narrative-quotes-then-name.txt", "http://chinanews.com.cn/gn/news/2008/03-04/1180978.shtml",
     "a photo caption, then a narrative: 'post NAME感到…', a quotation, a bridge sentence then 'post NAME…说明,“…”', "
     "'“…”NAME道', 'post NAME也觉得…'", True, "the photo caption given once; cut in the third piece", [
        P("赵丽宏", "中国政协委员、散文家", "回忆起这句早年前关于中国政协委员的顺口溜", "说了决不会白说"),
        P("冯骥才", "中国著名文学家", "我在八十年代参会的时候", "我以后争取继续多说"),
        P("姜昆", "中国名相声家、三届政协委员", "他关于地方曲艺资金拨付的建议已获落实", "姜昆每年提案不少")]),
    ("r168-hfsy888-deputies-post-space-name-colon-quotes-trad.txt", "http://www.hfsy888.com/guancha/2022/0307/108491.html",
     "a TV report's text: narration paragraphs, then 'post NAME:' opening each speaker's words, a reporter's question "
     "in the same form (no piece) (traditional)", True, "cut in the third piece", [
        P("馬慧娟", "全國人大代表", "讓基層的代表把普通老百姓的心聲", "展現地方的這樣一個機會"),
        P("柴閃閃", "全國人大代表", "把我們勞動者的心聲暢通無阻地反映上來", "全過程人民民主的體現"),
        P("楊昌芹", "全國人大代表", "說這姑娘膽子好大", "也是確")]),
]


# Added 2026-12-07 (eighteenth batch, 16 pages): found with the search tool's `pages` corpus (queries on deputies'
# and members' remarks, ministers' and members' corridors, overseas experts' comments, reporters' round-ups, a fireside
# transcript, an experts' forum), checked against every URL of the set, labelled by hand from the excerpts and committed
# before the splitter or extractor ran on them. Conventions as before: the post is what is printed right before the name
# (a '来自PLACE的' or '从…来到中国已有…的' clause, a reference such as 该 and an epithet such as 新任 are not part of it);
# a host's or reporter's introduction and a website quoted are no pieces; two speakers in one paragraph are two pieces.
EIGHTEENTH_PAGES = [
    ("r169-jmtv-deputies-narrative-then-post-name-shuo-colon.txt", "http://www.jmtv.cn/web/jmnews/20220306/1646561332106.shtml",
     "per speaker a narrative paragraph naming 'post NAME认为', then 'post、post NAME说:“…”'", True,
     "cut at the start of the third piece", [
        P("冯玉宝", "全国人大代表、江门市交通运输工程质量监督站副站长", "全国人大代表冯玉宝认为", "还有很多能大有作为的空间"),
        P("黄达昌", "全国人大代表、广东千色花化工有限公司董事长", "来自我市工商界的全国人大代表黄达昌", "加大宏观政策的调节力度"),
        P("吴玉莲", "全国人大代表", "吴玉莲今年也提出了", "构建新能源为主")]),
    ("r170-nanning-minister-channel-quote-then-name-said.txt",
     "https://nanning.baogaosu.com/xinwen/%E9%83%A8%E9%95%BF%E5%BA%94%E7%AD%94%E5%90%AB%E9%87%91%E9%87%8F%E5%BE%88%E9%AB%98%E7%9B%B4%E5%87%BB%E4%B8%A4%E4%BC%9A%E9%83%A8%E9%95%BF/55398366",
     "a ministers' corridor report: clock-time sentences introducing 'post NAME', quotations closed by 'NAME说' or "
     "'post NAME回应'", True, "cut in the third piece", [
        P("陈宝生", "教育部部长", "14时18分,教育部部长陈宝生出现在通道上", "这个问题经过一段时间一定能解决"),
        P("冯正霖", "中国民航局局长", "我知道大家都关心民航航班正常率", "中国民航局局长冯正霖回应"),
        P("钟山", "商务部部长", "14时43分,新任商务部部长钟山出现在通道上", "这是我就任商务部部长以来第一次和媒体见")]),
    ("r171-bandao-minister-channel-narrative-post-name.txt",
     "http://news.bandao.cn/news_html/201603/20160306/news_20160306_2613244.shtml",
     "photo captions, then one narrative paragraph per minister naming 'post NAME' near its start", True,
     "cut in the fifth piece", [
        P("张茅", "国家工商总局局长", "国家工商总局局长张茅是首位出现", "张茅一口气回答了7个问题"),
        P("张志军", "中台办、国台办主任", "刚走进大厅的中台办、国台办主任张志军", "他的回答直接有力"),
        P("袁贵仁", "教育部长", "紧接而来的教育部长袁贵仁", "采用政府购买措施扶持民办幼儿园"),
        P("陈政高", "住建部部长", "住建部部长陈政高", "对今年房地产市场平稳健康发展充满信心"),
        P("杨传堂", "交通部部长", "同样是二次亮相的交通部部长杨传堂", "在回答完关于交通扶贫")]),
    ("r172-yunxianchang-fireside-name-colon-transcript.txt", "https://yunxianchang.com/article_pc/5925",
     "a fireside transcript: 'NAME:' opening each turn after a lead", True, "cut in the second turn", [
        P("高航", None, "我们开始我们这个环节", "包括自己整体的介绍"),
        P("张如范", None, "大家好,首先还是感谢整个TR35评选团队", "特别是解决我们国家在")]),
    ("r173-erdsswj-officials-members-repeated-headline.txt", "http://www.erdsswj.cn/oedsxw/21617.html",
     "a mirror repeating the headline between paragraphs; 'post NAME是…' then 'NAME表示' paragraphs", True,
     "cut in the second piece", [
        P("董大胜", "审计局副审计长", "据说审计局副审计长董大胜", "任务还是很困难的"),
        P("梅兴保", "全国政协委员、东方资产管理企业原会长", "全国政协委员、东方资产管理企业原会长梅兴保", "梅兴保说,自")]),
    ("r174-govcn-members-channel-quote-then-post-name-trad.txt",
     "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2018-03/15/content_5274510.htm",
     "a members' corridor report: a quotation, then 'post NAME' in the next paragraph or 'post NAME委員表示' after it "
     "(traditional)", True, "cut in an unsigned quotation", [
        P("劉永好", "全國政協委員、新希望集團有限公司董事長", "改革開放40年,做實業36年", "民營企業和中國經濟發展的活力"),
        P("楊利偉", "中國首位飛天航天員", "中國載人航天工程全面轉入空間站建造階段", "楊利偉委員表示"),
        P("鄧中翰", "“星光中國芯”工程總指揮", "工程總指揮鄧中翰委員自豪地講述", "已經佔領全球計算機圖像輸入芯片60%的市場")]),
    ("r175-diaodui-overseas-quote-then-post-name-said.txt", "http://diaodui.net/archives/964",
     "quotations, each followed by 'post NAME说/表示'", True, "cut in the fourth piece", [
        P("本杰明迈克尔科尔斯", "英国籍学者", "通过微信公众号和新闻客户端", "令人印象深刻"),
        P("孙大文", "欧洲人文和自然科学院院士", "今年是全面贯彻二十大精神的开局之年", "中国人民对国家发展的信心"),
        P("河野圆洋", "日本贸易振兴机构北京代表处经济信息部部长", "近几年,我主要通过中国政府官网", "提供给关注中国发展的日本企业"),
        P("沙海丽", "印度索梅亚大学中国研究中心副教授", "研究中国必须重点关注中国两会", "是了解中国经济发展动向的重要机会")]),
    ("r176-ihmag-world-sees-china-post-space-name-lines-trad.txt",
     "http://ih-mag.com/xwzx/PoliticsNews/201803/t20180306_11930744.htm",
     "'post NAME' alone on a line above each piece (traditional, ruby)", True, "cut in the second piece", [
        P("特里戈納", "馬耳他總理特使、駐世貿(mào)組織代表", "現(xiàn)年68歲的亞歷克斯", "中國政府的發(fā)展經(jīng)驗十分值得借鑒"),
        P("李周", "華沙大學中文系主任", "十九大之后的首次全國兩會也引起了波蘭各界", "這集中體現(xiàn)在中文在世界范圍內(nèi)的流")]),
    ("r177-chinadaily-foreign-scholars-post-name-paragraphs.txt",
     "http://world.chinadaily.com.cn/wykzg/2013-03/04/content_16272300_2.htm",
     "paragraphs opening 'post NAME认为/表示', two speakers in one paragraph", True,
     "the second page of the article; cut after the last piece", [
        P("吉多·桑布拉诺", "厄瓜多尔基多大学政治系教授、“国际战略智库”中心主席", "厄瓜多尔基多大学政治系教授", "将受到拉美人的高度关注"),
        P("狄伯杰", "印度尼赫鲁大学中国与东南亚研究中心主任", "印度尼赫鲁大学中国与东南亚研究中心主任狄伯杰", "也关系到邻国乃至全世界的安定繁荣"),
        P("斯蒂芬·阿利", "美国史密森学会弗里尔美术馆中国书画部主任", "美国史密森学会弗里尔美术馆中国书画部主任斯蒂芬", "食品安全等问题"),
        P("拉尔夫·温尼", "美国欧亚洲中心中国部主任", "美国欧亚洲中心中国部主任拉尔夫", "也应是格外关注的议题"),
        P("帕鲁克", "南非大学政治学者", "南非大学政治学者帕鲁克表示", "形成共识的很好平台")]),
    ("r178-itaiwannews-overseas-experts-post-name-quote.txt",
     "https://itaiwannews.cn/2024-03-12/7ff54015-7a6f-6f0c-820a-3df990dbe955.html",
     "paragraphs opening 'post NAME(Latin name)表示', then 'NAME说/表示' paragraphs", True,
     "cut in an unsigned quotation", [
        P("基思•贝内特", "国际关系分析专家", "国际关系分析专家基思", "人们应该首先了解中国的真实情况"),
        P("沙基尔•艾哈迈德•拉迈", "巴基斯坦智库亚洲生态文明研究与发展研究所首席执行官", "巴基斯坦智库亚洲生态文明研究与发展研究所",
          "中国消除绝对贫困的决心及其在这方面的成功就是最好的例证")]),
    ("r179-hkcna-foreigners-post-name-quotes-trad.txt", "https://www.hkcna.hk/docDetail.jsp?channel=2808&id=101267766",
     "one paragraph per speaker: 'post NAME' with a quotation before or after (traditional); related links below", False,
     "", [
        P("納茲穆爾", "孟加拉國駐華大使", "孟加拉國駐華大使納茲穆爾", "實現可持續發展的願望一致"),
        P("李曦萌", "特雷通集團創始人兼首席執行官", "中國堅持五年規劃是一種稀缺的長期主義", "合作更細"),
        P("安利永", "中國人民大學的瑞典留學生", "中國人民大學的瑞典留學生安利永表示", "代表們具有真實性、廣泛性、代表性"),
        P("熱羅姆·烏澤", "山東大學的法國留學生", "山東大學的法國留學生熱羅姆", "這對於增強公民的責任感十分有利")]),
    ("r180-cnhubei-bar-reporter-bylines-foreigners.txt", "http://yc.cnhubei.com/xw/2016zt/qglh/201603/t3559353.shtml",
     "'▌ post NAME' reporter bylines above each reporter's piece about a foreigner", True,
     "starts at the first byline; cut in the second piece", [
        P("谢亚宏", "人民日报哈萨克斯坦分社记者", "别克达尔是哈萨克斯坦阿拜国立师范大学", "增进中国与其他国家的了解和感情"),
        P("曲颂", "人民日报欧亚中心分社记者", "亚历山大·伊萨耶夫是俄罗斯科学院远东研究所", "伊萨耶夫说")]),
    ("r181-coaledu-world-eye-quote-then-post-name-said.txt", "https://coaledu.net/c/2024-03-04/156106.shtml",
     "a lead and a sub-headline, then quotations broken by 'post NAME说' or closed by 'post NAME相信'", True,
     "cut in the second piece", [
        P("布伦丹·埃亨", "美国金瑞基金公司首席投资官", "中国经济依然稳健", "期待从今年的中国两会上见到更多支持经济发展的措施"),
        P("爱德华多·齐利", "墨西哥城自治大学国际政治研究员", "一系列数据显示,中国经济总体保持韧性和稳定", "即将召开的中国两会将为全球市")]),
    ("r182-chinadaily-open-days-subheads-reporter-bylines.txt",
     "https://www.chinadaily.com.cn/dfpd/2012-11/10/content_15907714.htm",
     "'PLACE代表团开放日——' kicker, sub-headline, '本报记者 NAME' byline, the piece", True, "cut in the second piece", [
        P("魏贺", "本报记者", "9日下午,人民大会堂北京厅内", "让在场的每个人都对首都的未来充满期待", "开放民主谋未来"),
        P("张垚", "本报记者", "代表踊跃发言,记者争相提问", "一位位代表满怀激情", "谋划科学发展新篇章")]),
    ("r183-lensthegame-academicians-post-name-biaoshi-trad.txt", "http://m.lensthegame.com/show-11-17658-0.html",
     "a forum report: after the lead, paragraphs opening 'post NAME表示/指出' (traditional)", True,
     "cut in the second piece", [
        P("蔣宇揚", "深圳市人大常委會副主任、深圳市科協主席", "深圳市人大常委會副主任、深圳市科協主席蔣宇揚表示", "為深港科技創新發展提供智力和技術支持"),
        P("郭仁忠", "中國工程院院士、廣東院士聯合會會長", "中國工程院院士、廣東院士聯合會會長郭仁忠指出", "他認為,應")]),
    ("r184-gankuaixiu-spam-mixed-post-name-jianyi.txt", "http://www.gankuaixiu.com/ps/qtLOQ.html",
     "a spam page stitching paragraphs of several articles: 'post NAME建议/表示', 'NAME认为', '作为post,NAME…:“…”'",
     True, "paragraphs of several articles; cut in the last", [
        P("李圣泼", "港区全国人大代表、香港工商总会会长", "硬核创新的突破离不开高端人才的支撑", "为国家科技发展培育战略力量"),
        P("金李", None, "金李认为,硬核科技创新与传统创新模式不同", "改变原先各创新主体单打独斗的局面"),
        P("陆铭", "全国政协委员、上海交通大学安泰经济与管理学院特聘教授", "全国政协委员、上海交通大学安泰经济与管理学院特聘教授陆铭表示", "未来要更好发挥引领辐射作用"),
        P("丁政凯", "音乐空间主理人", "作为该音乐空间主理人,丁政凯", "吉他室等")]),
]


PROJECT = [
    ("seed-newspaper-page-2022.txt", "file:///newspaper-page-2022.txt",
     "the seed: headline, 'NAME post' byline, piece; OCR of columns read out of order", False, "", [
        P("郭军军", "包头稀土高新区管委会主任", "稀土作为国家战略性资源", "稀土作为国家战略性资源"),
        P("肖从亮", "内江高新区党工委副书记、管委会主任", "推动制造业高端化", "推动制造业高端化"),
        P("凌兵奎", "平顶山高新区党工委书记", "教育、科技、人才是全", "教育、科技、人才是全"),
        P("李峰科", "宝鸡高新区党委书记、管委会主任", "对实施创新驱动发展战略", "对实施创新驱动发展战略"),
        P("秦苏良", "山西省长治市副市长、长治高新区党委书记、管委会主任", "对历史发展规律", "对历史发展规律"),
        P("李鹏", "信阳高新区党委书记、管委会主任", "今年6月,经国务院批复", "今年6月,经国务院批复")]),
]


def entry(file, url, shape, cut, note, pieces, source, batch="first"):
    return {"file": file, "url": url, "shape": shape, "cut": cut, "note": note, "source": source, "batch": batch,
            "pieces": pieces}


if __name__ == "__main__":
    pages = [entry(*p, "published page (search corpus excerpt)") for p in PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "second") for p in NEW_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "third") for p in THIRD_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "fourth") for p in FOURTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "fifth") for p in FIFTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "sixth") for p in SIXTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "seventh") for p in SEVENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "eighth") for p in EIGHTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "ninth") for p in NINTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "tenth") for p in TENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "eleventh") for p in ELEVENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "twelfth") for p in TWELFTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "thirteenth") for p in THIRTEENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "fourteenth") for p in FOURTEENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "fifteenth") for p in FIFTEENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "sixteenth") for p in SIXTEENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "seventeenth") for p in SEVENTEENTH_PAGES]
    pages += [entry(*p, "published page (search corpus excerpt)", "eighteenth") for p in EIGHTEENTH_PAGES]
    pages += [entry(*p, "the project's seed page") for p in PROJECT]
    with open("labels.json", "w", encoding="utf-8") as out:
        json.dump({"pages": pages}, out, ensure_ascii=False, indent=1)
        out.write("\n")
