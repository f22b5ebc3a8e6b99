"""Build templated.jsonl and events.jsonl: templated news and related coverage, from real templates.

Run from the repository root: ``.venv/bin/python tests/data/dedup/templated_build.py`` (deterministic,
seed 19). A maintainer's tool, never run by the tests: they read only the committed JSONL files.

Each template below is the shape of a kind of story that zone sites and newspapers publish again and
again (a zone's policy launch, a monthly economic report, a signing ceremony, a groundbreaking, a list
of awarded firms, a contest final, a job fair, an unveiling). Each carries the URL of a published page
it was taken from and a short excerpt of that page; the template's text follows the page's wording
with its facts made slots and, where the excerpt was cut, the rest written in the same register.
Eight kinds of story, three templates each (24 templates), plus two short generic styles (a portal
brief, a newspaper lead) used only in the event set.

templated.jsonl (the false-merge set): per template, six stories with different facts (other zone, or
the same zone with another month, batch, amount or date), 5 pairs of consecutive stories per template
(120 pairs), and one true repost of each story (furniture, abridged or a light OCR-like noise).
Every item: id, template, url, split, story, kind ("story" | "repost"), of, title, body, published_at.

events.jsonl (related coverage): 36 events, each reported 2 to 5 times in different templates of its
kind (or the generic styles) with the same facts, plus distractors: another event of the same zone in
the same week. Every item: id, event, zone, template, split, title, body, published_at.

split: "tune" or "heldout" by a hash of the template's URL (events: of the event id), fixed before tuning.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 19

ZONES = [  # (short name, city, province): zones in monitor/data/national-hitech-zones.csv
    ("潍坊高新区", "潍坊"), ("成都高新区", "成都"), ("合肥高新区", "合肥"), ("常州高新区", "常州"),
    ("珠海高新区", "珠海"), ("保定高新区", "保定"), ("渭南高新区", "渭南"), ("福州高新区", "福州"),
    ("自贡高新区", "自贡"), ("玉溪高新区", "玉溪"), ("盐城高新区", "盐城"), ("泰州医药高新区", "泰州"),
    ("济南高新区", "济南"), ("威海火炬高新区", "威海"), ("西安高新区", "西安"), ("长春高新区", "长春"),
    ("南昌高新区", "南昌"), ("宁波高新区", "宁波"), ("洛阳高新区", "洛阳"), ("株洲高新区", "株洲"),
    ("襄阳高新区", "襄阳"), ("绵阳高新区", "绵阳"), ("桂林高新区", "桂林"), ("昆明高新区", "昆明"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["建国", "志强", "海涛", "晓东", "立新", "卫东", "文华", "国平", "红梅", "振华", "明辉", "永军", "丽娟", "春雷", "德胜",
         "建军", "晓燕", "伟民", "国庆", "子豪", "学文", "宏伟", "玉兰", "俊峰", "光明", "永红", "志刚", "长江", "新民", "亚军"]
FIELDS = ["新一代信息技术", "生物医药", "高端装备制造", "新能源", "新材料", "集成电路", "人工智能", "节能环保", "智能制造", "数字经济"]
COMPANIES = ["华芯微电子", "瑞康生物", "中科智造", "汇能新材", "博远智能", "海川医疗", "星辰光电", "天衡精工", "凌云科技", "启明储能",
             "金石环保", "蓝海数据", "恒通汽车零部件", "思远软件", "宏达精密"]
FURNITURE_TOP = ["首页 > 新闻中心 > 园区动态", "来源：{src}  发布时间：{date}  【字体：大 中 小】", "分享到：微信 微博"]
FURNITURE_BOTTOM = ["责任编辑：{editor}", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页"]
OUTLETS = ["市政府门户网站", "中国高新网", "科技日报", "经济日报", "日报社", "新闻网"]
SIMILAR = {"日": "曰", "己": "已", "未": "末", "人": "入", "土": "士", "大": "太", "木": "本", "干": "千", "体": "休",
           "口": "囗", "业": "亚", "工": "エ"}


@dataclass(frozen=True)
class Template:
    id: str
    kind: str
    url: str
    excerpt: str  # a short excerpt of the published page, as printed there
    title: str
    body: str


# fmt: off
TEMPLATES = [
    # --- policy launch ----------------------------------------------------------------------------------
    Template("policy-a", "policy", "http://www.abcjf.cn/html/news/taixing/2021/1025/127740.html",
             "10月24日下午,人才·資本賦能園區高質量發展活動在泰興高新區舉辦……制定出臺了人才新政“雙十條”",
             "{zone}召开人才政策发布会 正式发布{n}条措施",
             "{m}月{d}日，{zone}召开人才政策发布会，正式发布《{zone}关于加快集聚高层次人才的若干措施》。"
             "{zone}党工委书记{sec}出席发布会并致辞，管委会主任{dir}解读政策内容。\n\n"
             "据介绍，《若干措施》共{n}条，围绕人才引进、培养、激励、服务等环节，对新引进的博士每月给予{a}元生活补贴，"
             "对硕士每月给予{b}元生活补贴，对顶尖人才团队最高给予{c}万元项目资助。\n\n"
             "{sec}表示，人才是第一资源，{zone}将以更加开放的政策、更加优质的服务，吸引各类人才来{city}创新创业，"
             "为高新区高质量发展提供坚强的人才支撑。发布会现场，{k}家企业代表与高校签订人才合作协议。"),
    Template("policy-b", "policy", "http://m.nbformosan.com/keji/20221027/41721.html",
             "據了解,《措施》共21條措施,主要內容包括優化高新區布局、建設區域科技創新高地、打造創新人才高地……",
             "{zone}出台{n}条措施支持人才创新创业",
             "记者{m}月{d}日从{zone}获悉，该区制定出台《关于支持人才创新创业的若干措施》（以下简称《措施》），"
             "旨在打造更具吸引力的人才高地。\n\n"
             "据了解，《措施》共{n}条，主要内容包括人才引进、平台建设、金融支持、安居保障等方面。"
             "在安居保障方面，《措施》明确，博士每月可享受{a}元住房补贴，硕士每月{b}元；"
             "对带项目落地的人才团队，最高给予{c}万元资助。\n\n"
             "{zone}管委会主任{dir}表示，下一步将抓好政策落地兑现，让人才“引得进、留得住、用得好”。"
             "目前已有{k}家企业提交首批申报材料。"),
    Template("policy-c", "policy", "https://kjt.hubei.gov.cn/zfxxgk_GK2020/xxgkml/qtzdzdgk/hygq/202508/t20250825_5754538.shtml",
             "今天,省政府新闻办召开新闻发布会,解读文件主要精神,并回答记者提问。出席今天发布会的有:……",
             "{zone}新闻发布会解读人才新政",
             "{m}月{d}日上午，{zone}召开新闻发布会，解读新出台的人才新政，并回答记者提问。"
             "出席发布会的有{zone}党工委书记{sec}、管委会主任{dir}。\n\n"
             "{dir}介绍，新政共{n}条，明确对新引进的博士按每月{a}元、硕士按每月{b}元发放生活补贴，"
             "对引进的顶尖人才团队最高给予{c}万元支持，政策兑现实行“免申即享”。\n\n"
             "{sec}在回答记者提问时表示，{city}将以{zone}为主阵地，持续优化人才发展生态。"
             "发布会当天，{k}家重点企业发布了人才需求清单。"),
    # --- monthly economic operation ---------------------------------------------------------------------
    Template("economy-a", "economy", "http://www.cxs.gov.cn/info/1011/102806.htm",
             "1至9月,全区经济运行整体平稳,并呈现五大运行特点:一是工业生产延续增势。……实现规上工业总产值405.97亿元",
             "{zone}1至{mo}月经济运行情况",
             "今年以来，{zone}锚定高质量发展目标，积极推动产业升级和创新驱动。1至{mo}月，全区经济运行整体平稳，"
             "呈现以下特点。\n\n"
             "一是工业生产延续增势。1至{mo}月，{zone}实现规上工业总产值{a}亿元，规模以上工业增加值增长{p1}%。"
             "二是消费市场有序恢复。全区实现社会消费品零售总额{b}亿元，增长{p2}%。\n\n"
             "三是固定资产投资稳健增长。1至{mo}月，实现固定资产投资{c}亿元，增长{p3}%。"
             "四是市场主体蓬勃兴起。截至{mo}月底，{zone}市场主体存量为{k}户，较上年末净增{j}户。"),
    Template("economy-b", "economy", "https://jkq.yaan.gov.cn/xinwen/show/439fade84d88a9d0a9e12fd1bcc33abf.html",
             "上半年,经开区规上工业增加值同比增长23.5%,两年平均增长14.8%,持续6个月稳居全市第一",
             "1至{mo}月{zone}工业经济稳中求进",
             "1至{mo}月，{zone}规上工业增加值同比增长{p1}%，工业经济运行稳中求进。\n\n"
             "（一）主导产业增势强劲。1至{mo}月，三大主导产业产值{a}亿元，同比增长{p2}%。\n\n"
             "（二）规上工业企业提质增效。规上工业企业实现入库税收{b}亿元，同比增长{p3}%；"
             "规上工业用电量{c}亿度，呈增长势头企业{k}家。\n\n"
             "（三）新动能快速增长。{zone}新建、扩建项目{j}个实现达产达效，拉动园区规上工业产值增长。"),
    Template("economy-c", "economy", "http://www.dvtln.cn/zx/2021/1126/21604.html",
             "記者從區統計局獲悉,今年1—10月城市副中心經濟運行穩中有進,主要指標保持增長態勢……",
             "{zone}前{mo}个月主要经济指标保持增长",
             "记者从{zone}统计部门获悉，今年1至{mo}月{zone}经济运行稳中有进，主要指标保持增长态势。\n\n"
             "其中，规模以上工业实现总产值{a}亿元，同比增长{p1}%。高技术制造业实现产值{b}亿元，同比增长{p2}%，"
             "增速高于规模以上工业平均增速。\n\n"
             "消费领域稳步恢复，实现社会消费品零售额{c}亿元，同比增长{p3}%。"
             "产业投资保持较快增长，新开工项目{j}个，新增规上企业{k}家。"),
    # --- signing ceremony -------------------------------------------------------------------------------
    Template("signing-a", "signing", "http://paper.chinahightech.com/pc/content/202207/11/content_127824.html",
             "近日在珠海高新区举行的人才安居宣传月启动仪式暨6月份重点项目签约仪式上,……等15家企业,分别与珠海高新区投促中心……签约",
             "{zone}{mo}月份重点项目签约 {n}个项目落户",
             "{m}月{d}日，{zone}举行{mo}月份重点项目签约仪式，{co}等{n}家企业分别与{zone}投资促进中心等单位签约。\n\n"
             "据了解，参与此次签约的{n}个项目涵盖{f1}、{f2}等领域，计划总投资{a}亿元，"
             "将进一步集聚发展动能，为{zone}的高质量发展注入新的动力。\n\n"
             "据悉，{mo}月份{zone}共新引进产业项目{k}个，合计投资总额{b}亿元。"
             "{zone}党工委书记{sec}表示，将为签约企业提供全方位服务，推动项目早落地、早投产。"),
    Template("signing-b", "signing", "https://m.163.com/dy/article/JA4QB90O05346936.html",
             "8月21日,合肥新站高新区举行2024年第三季度招商引资项目集中签约活动,25个代表项目现场签约,投资总额达62.85亿元。",
             "{zone}第{q}季度招商引资项目集中签约",
             "{m}月{d}日，{zone}举行第{q}季度招商引资项目集中签约活动，{n}个代表项目现场签约，投资总额达{a}亿元。\n\n"
             "活动现场，{zone}党工委书记、管委会主任{sec}为{k}家基金合作机构颁发荣誉证书。"
             "据悉，此次签约的项目涉及{f1}、{f2}以及工业设备等领域，将为区域经济高质量发展再添新动能。\n\n"
             "签约企业{co}负责人表示，企业看中了{city}的产业基础和营商环境，签约后将尽快落地投产，"
             "预计达产后年营收约{b}亿元。"),
    Template("signing-c", "signing", "https://m.mp.oeeee.com/a/BAAFRD0000202508281118486.html",
             "8月28日,中山市招商引资项目集中签约仪式暨火炬高新区公有资产招商推介会在火炬高新区举行。……现场集中签约项目20个,总投资额超100亿元。",
             "{city}招商引资项目集中签约仪式在{zone}举行",
             "{m}月{d}日，{city}招商引资项目集中签约仪式暨{zone}招商推介会在{zone}举行。"
             "{city}副市长{dir}出席活动。\n\n"
             "当天，{zone}主会场现场集中签约项目{n}个，总投资额超{a}亿元，"
             "精准聚焦{f1}、{f2}等战略性新兴赛道。\n\n"
             "以{co}项目为例，该项目计划投资{b}亿元，建成后预计年产值超{c}亿元。"
             "当前，{zone}正着力推进产业链建设，一批重点项目的落地将成为强化产业链的关键增量。"),
    # --- groundbreaking ---------------------------------------------------------------------------------
    Template("groundbreaking-a", "groundbreaking", "https://gaoxinqu.weinan.gov.cn/zwxxgk/fdzdgknr/zdxm/1682319499524091905.html",
             "5月25日上午,高新区举行2023年5月份重点项目集中开工动员会……高新区此次集中开工项目6个,总投资3.56亿元",
             "{zone}举行{mo}月份重点项目集中开工动员会",
             "{m}月{d}日上午，{zone}举行{mo}月份重点项目集中开工动员会暨{co}建设项目开工仪式。"
             "管委会主任{dir}宣布开工令，党工委书记{sec}主持开工仪式。\n\n"
             "{zone}此次集中开工项目{n}个，总投资{a}亿元，其中产业项目{k}个，将为全区产业发展和城市建设增添新动能。"
             "{co}建设项目总投资{b}亿元，主要建设{f1}生产线。\n\n"
             "下一步，{zone}将坚持“快”字当头促建设、“优”字为先强服务，打通项目招引、落地、建设、投产全链条。"),
    Template("groundbreaking-b", "groundbreaking", "http://fgw.changzhou.gov.cn/html/fgw/2019/NCMJLMBC_0603/36364.html",
             "5月31日,常州高新区举行2019年第二次重点项目集中开工仪式,包括江苏德春电力高压电柜项目在内的24个市、区重点项目集中开工,总投资74亿元。",
             "{zone}：总投资{a}亿元的{n}个重点项目集中开工",
             "{m}月{d}日，{zone}举行今年第{q}次重点项目集中开工仪式，包括{co}项目在内的{n}个重点项目集中开工，"
             "总投资{a}亿元。{city}市长{dir}出席开工仪式并致辞。\n\n"
             "{dir}要求{zone}继续保持奋发有为的精神状态，高质量招引重大项目，高质量推进重大项目。\n\n"
             "今年以来，{zone}新引进优质项目{k}个，总投资达{b}亿元。"
             "此次集中开工的项目中，既有{f1}产业链项目，也有{f2}、民生事业和科技平台类项目。"),
    Template("groundbreaking-c", "groundbreaking", "http://hs.hebei.com.cn/system/2018/03/28/018696401.shtml",
             "3月27日,衡水高新区举行2018年上半年重点项目集中开工仪式,本次集中开工项目10个,……总投资达84亿元。",
             "总投资{a}亿元 {zone}{n}个重点项目集中开工",
             "{m}月{d}日，{zone}举行重点项目集中开工仪式，本次集中开工项目{n}个，涵盖{f1}、{f2}等多个行业，"
             "总投资达{a}亿元。\n\n"
             "其中，{co}项目总投资{b}亿元；配套产业园项目总投资{c}亿元。\n\n"
             "{zone}管委会主任{dir}表示，全区上下要以此次集中开工为契机，加快建设速度，提高工程质量，"
             "力争早日投产达效。{zone}党工委书记{sec}、各部门主要负责人及项目单位负责人参加。"),
    # --- award list -------------------------------------------------------------------------------------
    Template("list-a", "list", "http://fzgxq.fuzhou.gov.cn/zwgk/gzdt/yqdt/202409/t20240914_4893358.htm",
             "国家工业和信息化部第六批专精特新“小巨人”企业培育……其中,福州高新区有6家入选",
             "第{q}批专精特新“小巨人”企业名单公示 {zone}{n}家入选",
             "近日，国家工业和信息化部第{q}批专精特新“小巨人”企业培育已完成相关审核，通过审核的企业名单公示，"
             "其中，{zone}有{n}家企业入选，{co}位列其中。\n\n"
             "至此，{zone}累计拥有国家级专精特新“小巨人”企业{k}家。\n\n"
             "“小巨人”企业指具有较强创新能力、高成长性、良好发展潜力和市场前景的企业，"
             "是政府对从事符合国家产业发展方向的高新技术企业的高度认定。"),
    Template("list-b", "list", "http://www.impta.org/t/%E4%BD%95%E5%B9%B4%E5%88%9D.html",
             "从首次公布的国家高新区综合评价前50榜单和单项榜单结果看,头部园区示范引领作用突出,中西部园区追赶势头强劲,西安、武汉东湖、成都位居前10。",
             "{zone}全国排名升至第{q}位 获晋位奖励{a}万元",
             "日前，省财政厅、省科学技术厅下发通知，对在全国排名晋位的国家高新区实行奖励，{zone}被列入晋位奖励清单。\n\n"
             "根据科技部火炬中心公布的国家高新区评价排名结果，{zone}全国排名第{q}位，比上年上升{n}位，获奖励{a}万元。"
             "奖励资金统筹用于创新发展和园区建设。\n\n"
             "{zone}管委会主任{dir}表示，{zone}将以此为契机，瞄准主导产业，力争在下一次评价中再进{k}位。"),
    Template("list-c", "list", "https://wallstreetcn.com/livenews/2030868",
             "此前不久,工信部公示了最新第三批专精特新“小巨人”企业名单,共有2930家企业入选。",
             "{zone}{n}家企业获评省级瞪羚企业",
             "近日，省科技厅公布第{q}批瞪羚企业名单，{zone}{n}家企业获评，数量居{city}各区县首位。\n\n"
             "此次获评的企业主要集中在{f1}、{f2}等领域，其中{co}连续{j}年入选。"
             "截至目前，{zone}累计培育瞪羚企业{k}家。\n\n"
             "{zone}管委会主任{dir}表示，将对获评企业给予每家{a}万元奖励，持续完善企业梯度培育体系。"),
    # --- contest final ----------------------------------------------------------------------------------
    Template("contest-a", "contest", "https://investchn.com/home/news/detail/id/193412.html",
             "7月15日,2021年度高新区青年创新创业大赛决赛成功举办。10个来自高新区各版块……项目负责人齐聚一堂,角逐奖项。",
             "{zone}第{q}届青年创新创业大赛决赛举行",
             "{m}月{d}日，{zone}第{q}届青年创新创业大赛决赛成功举办，{n}个来自{f1}、{f2}等领域的项目负责人齐聚一堂，角逐奖项。\n\n"
             "经过近3个小时的激烈角逐，最终，{co}项目脱颖而出，一举夺魁，获得奖金{a}万元。"
             "另有{k}个项目分获二等奖、三等奖。\n\n"
             "据悉，此次大赛由{zone}人社局等部门联合举办，共收到报名项目{j}个。"),
    Template("contest-b", "contest", "http://www.mazovn.tw/gx-View-125-2929.html",
             "12月11日,以“創新創業、共享共贏”為主題的2020年自貢高新區創新創業大賽決賽……共有14個項目脫穎而出進入決賽,共享近60萬元獎勵。",
             "第{q}届{zone}创新创业大赛决赛落幕",
             "{m}月{d}日，以“创新创业、共享共赢”为主题的第{q}届{zone}创新创业大赛决赛在{city}拉开帷幕。\n\n"
             "经过层层推荐和筛选，共有{n}个项目进入决赛，共享近{a}万元奖励。经过激烈角逐，{co}等项目揽获一等奖，"
             "{k}个项目揽获二等奖、三等奖。\n\n"
             "{zone}党工委副书记{dir}在致辞中表示，希望广大创新创业者把握发展机遇，为{city}培育新动能。"),
    Template("contest-c", "contest", "https://hxms.com.cn/a/xinwen/guona/2022/0823/711.html",
             "8月18日-19日,由福建省科学技术厅主办的第十一届中国创新创业大赛(福建赛区)……决赛在福州高新区成功举办。",
             "第{q}届中国创新创业大赛赛区决赛在{zone}举办",
             "{m}月{d}日，第{q}届中国创新创业大赛赛区决赛在{zone}成功举办，共有{n}家企业晋级决赛同台对决。\n\n"
             "据了解，本届大赛自启动以来，共有{j}家企业报名参赛。{co}斩获成长企业组一等奖，"
             "决赛还决出二等奖、三等奖{k}名，获奖企业最高可获{a}万元配套支持。\n\n"
             "{zone}管委会主任{dir}出席颁奖活动并致辞。"),
    # --- job fair ---------------------------------------------------------------------------------------
    Template("jobfair-a", "jobfair", "http://te-ch.tech/news/show-82629.html",
             "近期,合肥科技创新公共服务中心与高新区共同举办了“高新区大型公益性专场招聘会”,提供岗位1000余个,技术岗位占九成,吸引4000余求职人员进场。",
             "{zone}举办大型公益性专场招聘会",
             "{m}月{d}日，{zone}举办大型公益性专场招聘会，{n}家企业参会，提供岗位{a}个，技术岗位占九成，"
             "吸引{b}名求职人员进场。\n\n"
             "据统计，今年以来{zone}已举办招聘会{k}场，累计提供技术岗位{c}个。\n\n"
             "{zone}人力资源部门负责人{dir}介绍，下一步将建设专业化科技人才市场，每月举办一次大型招聘会。"),
    Template("jobfair-b", "jobfair", "https://www.swol.com.cn/swol/2015/4/2/34216/1",
             "2015年“天府人才行动·城市行”首场招聘活动近日在北京举行。腾讯、金山软件……等30余家知名企业……累计提供以IT为主的就业岗位981个",
             "{zone}{n}家企业赴外地揽才 提供岗位{a}个",
             "记者从{zone}获悉，{zone}“人才城市行”招聘活动{m}月{d}日举行。{co}等{n}家企业现场揽才，"
             "累计提供以{f1}为主的就业岗位{a}个，收到求职简历{b}份。\n\n"
             "据悉，{zone}近年来{f1}产业发展迅猛，对中高端人才需求强烈。"
             "截至目前，{zone}已有{k}家企业累计提供中高端岗位超过{c}个。"),
    Template("jobfair-c", "jobfair", "https://m.szdushi.com.cn/news/1677298119180147.shtml",
             "当天还举行了南京信息工程大学毕业生专场招聘会。苏州公共人才服务机构组织近120家用人单位,提供2157个岗位。",
             "{zone}毕业生专场招聘会初步达成就业意向{j}人",
             "{m}月{d}日，{zone}毕业生专场招聘会举行。{zone}人才服务机构组织近{n}家用人单位，提供{a}个岗位。\n\n"
             "参与招聘的用人单位中，{f1}企业占比最高。据统计，招聘会吸引{b}多名毕业生进场，"
             "用人单位收到简历{c}份，初步达成就业意向{j}人。\n\n"
             "{zone}党工委书记{sec}表示，今年还将举办校园招聘会{k}场。"),
    # --- unveiling --------------------------------------------------------------------------------------
    Template("unveil-a", "unveil", "http://paper.ce.cn/jjrb/html/2009-04/29/content_62683.htm",
             "本报天津4月28日电 记者武自然报道:天津新技术产业园区正式更名为“天津滨海高新技术产业开发区”的揭牌仪式28日举行。",
             "{zone}{co}创新中心揭牌",
             "本报{city}{m}月{d}日电 {zone}{co}{f1}创新中心揭牌仪式{d}日举行。\n\n"
             "{zone}管委会主任{dir}表示，创新中心将建设成为{f1}领域的创新先导和产业化示范基地。"
             "据介绍，创新中心建筑面积{a}平方米，总投资{b}亿元，首批入驻团队{n}个。\n\n"
             "到{yr}年，创新中心将孵化科技企业{k}家。"),
    Template("unveil-b", "unveil", "http://www.putiv.cn/i58282.htm",
             "5月28日上午,鼓楼区举行鼓楼高新区揭牌暨项目签约、道路开工仪式。副市长赵兴友、鼓楼区委书记龚维芳致辞并为……揭牌",
             "{zone}举行{co}产业园揭牌暨项目签约仪式",
             "{m}月{d}日上午，{zone}举行{co}{f1}产业园揭牌暨项目签约仪式。{city}副市长{dir}、{zone}党工委书记{sec}致辞并揭牌。\n\n"
             "{dir}在致辞中说，{zone}要瞄准{f1}产业，加快培育特色产业集群。仪式上，{n}个项目集中签约，总投资{b}亿元。\n\n"
             "据悉，产业园规划面积{a}平方米，力争用{j}年时间集聚企业{k}家。"),
    Template("unveil-c", "unveil", "http://www.320924.com/thread-23372-1-1.html",
             "复旦大学管理学院长三角校友科创交流合作(盐城)中心、上海五角场创新创业学院盐城科创分院揭牌仪式",
             "{co}{zone}研究院揭牌成立",
             "{m}月{d}日，{co}{zone}研究院揭牌仪式在{zone}科技广场举行。{zone}党工委书记{sec}、管委会主任{dir}出席。\n\n"
             "研究院将围绕{f1}、{f2}开展技术攻关和成果转化，首期投入{b}亿元，办公面积{a}平方米，"
             "计划{yr}年前引进研发人员{k}名，转化成果{n}项。"),
]
GENERIC = [  # the event set only: a short brief and a newspaper lead, any kind of story
    Template("brief", "any", "https://m.163.com/dy/article/JA4QB90O05346936.html",
             "人民网合肥8月21日电(记者赵越)8月21日,合肥新站高新区举行2024年第三季度招商引资项目集中签约活动",
             "{headline}",
             "{m}月{d}日，{zone}{event}。{fact}\n\n（记者 {reporter}）"),
    Template("lead", "any", "http://zgnt.net/jhwbszb/pc/c/202302/01/content_123859.html",
             "晚报讯 农历正月初九,新春的余味还未散去,崇川区即以举办重大项目开工……的方式敲响了新一年项目建设的“擂擂战鼓”。",
             "{headline}",
             "本报讯 {zone}{m}月{d}日{event}，{fact}\n\n这是{city}今年以来的又一重要活动。{sec}等出席。"),
]
# fmt: on
EVENT_PHRASE = {  # what a brief says happened, and its key fact, per kind
    "policy": ("召开人才政策发布会", "新政共{n}条，博士每月补贴{a}元，最高资助{c}万元。"),
    "economy": ("发布1至{mo}月经济运行情况", "规上工业总产值{a}亿元，增长{p1}%，固定资产投资{c}亿元。"),
    "signing": ("举行重点项目集中签约", "{n}个项目签约，总投资{a}亿元，{co}等企业参加。"),
    "groundbreaking": ("举行重点项目集中开工仪式", "{n}个项目开工，总投资{a}亿元，其中{co}项目投资{b}亿元。"),
    "list": ("公布入选企业名单", "第{q}批名单中{zone}有{n}家入选，累计{k}家。"),
    "contest": ("举行第{q}届创新创业大赛决赛", "{n}个项目进入决赛，{co}获一等奖，奖金{a}万元。"),
    "jobfair": ("举办专场招聘会", "{n}家企业提供岗位{a}个，{b}名求职者进场。"),
    "unveil": ("举行{co}创新平台揭牌仪式", "平台面积{a}平方米，总投资{b}亿元。"),
}


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def facts(rng: random.Random, zone: tuple[str, str], day: date) -> dict[str, object]:
    f1, f2 = rng.sample(FIELDS, 2)
    return {"zone": zone[0], "city": zone[1], "m": day.month, "d": day.day, "mo": rng.randint(3, 11),
            "sec": name(rng), "dir": name(rng), "reporter": name(rng), "co": rng.choice(COMPANIES), "f1": f1, "f2": f2,
            "n": rng.randint(6, 40), "k": rng.randint(8, 300), "j": rng.randint(5, 90), "q": rng.randint(2, 12),
            "a": rng.choice([rng.randint(200, 9000), round(rng.uniform(10, 500), 2)]),
            "b": rng.choice([rng.randint(1000, 9000), round(rng.uniform(5, 200), 1)]),
            "c": rng.randint(50, 3000), "p1": round(rng.uniform(1, 25), 1), "p2": round(rng.uniform(1, 25), 1),
            "p3": round(rng.uniform(1, 25), 1), "yr": rng.randint(2026, 2030)}


def fill(template: Template, values: dict[str, object]) -> tuple[str, str]:
    values = dict(values)
    if template.kind == "any":
        kind = str(values["kind"])
        event, fact = EVENT_PHRASE[kind]
        values["event"] = event.format(**values)
        values["fact"] = fact.format(**values)
        values["headline"] = f"{values['zone']}{values['event']}"
    return template.title.format(**values), template.body.format(**values)


def split_of(key: str) -> str:
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "heldout"


def repost(rng: random.Random, title: str, body: str, day: date, how: str) -> tuple[str, str]:
    paragraphs = body.split("\n\n")
    if how == "abridged" and len(paragraphs) >= 3:
        drop = rng.randrange(1, len(paragraphs))
        paragraphs = [p for i, p in enumerate(paragraphs) if i != drop]
    elif how == "noise":
        chars = list("\n\n".join(paragraphs))
        for _ in range(max(1, len(chars) // 100)):
            i = rng.randrange(len(chars))
            chars[i] = SIMILAR.get(chars[i], chars[i])
        paragraphs = "".join(chars).split("\n\n")
    src = rng.choice(OUTLETS)
    top = [line.format(src=src, date=day.isoformat()) for line in FURNITURE_TOP]
    bottom = [line.format(editor=name(rng)) for line in FURNITURE_BOTTOM]
    return title, "\n\n".join([*top, title, *paragraphs, *bottom])


def templated(rng: random.Random) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    start = date(2025, 3, 3)
    for template in TEMPLATES:
        stories: list[dict[str, object]] = []
        for k in range(6):
            if k in (4, 5) and stories:  # the same zone as the story before: another month, batch, amount, date
                zone = next(z for z in ZONES if z[0] == stories[-1]["zone"])
            else:
                zone = rng.choice([z for z in ZONES if not stories or z[0] != stories[-1]["zone"]])
            day = start + timedelta(days=rng.randint(0, 300))
            values = facts(rng, zone, day)
            stories.append(values)
            title, body = fill(template, values)
            story_id = f"{template.id}-{k}"
            common = {"template": template.id, "url": template.url, "split": split_of(template.url)}
            items.append({"id": story_id, **common, "story": story_id, "kind": "story", "of": None, "title": title,
                          "body": body, "published_at": f"{day.isoformat()}T09:00:00+08:00", "zone": zone[0]})
            how = ("verbatim", "abridged", "noise")[k % 3]
            r_title, r_body = repost(rng, title, body, day, how)
            items.append({"id": f"{story_id}-repost", **common, "story": story_id, "kind": "repost", "of": story_id,
                          "variant": how, "title": r_title, "body": r_body,
                          "published_at": f"{(day + timedelta(days=1)).isoformat()}T10:00:00+08:00", "zone": zone[0]})
    return items


def events(rng: random.Random) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    start = date(2025, 4, 7)
    kinds = sorted({t.kind for t in TEMPLATES})
    for e in range(36):
        kind = kinds[e % len(kinds)]
        zone = ZONES[e % len(ZONES)]
        day = start + timedelta(days=7 * (e % 20) + rng.randint(0, 4))
        values = {**facts(rng, zone, day), "kind": kind}
        styles = [t for t in TEMPLATES if t.kind == kind] + GENERIC
        reports = rng.sample(styles, rng.randint(2, 5))
        event_id = f"event-{e}"
        for r, template in enumerate(reports):
            title, body = fill(template, values)
            published = day + timedelta(days=rng.randint(0, 1))
            items.append({"id": f"{event_id}-r{r}", "event": event_id, "zone": zone[0], "template": template.id,
                          "split": split_of(event_id), "title": title, "body": body,
                          "published_at": f"{published.isoformat()}T{8 + r:02d}:00:00+08:00"})
        # distractor: another event of the same zone in the same week (another kind, its own facts)
        other_kind = kinds[(e + 3) % len(kinds)]
        other_day = day + timedelta(days=rng.choice([-2, -1, 1, 2]))
        other = {**facts(rng, zone, other_day), "kind": other_kind, "sec": values["sec"], "dir": values["dir"]}
        template = rng.choice([t for t in TEMPLATES if t.kind == other_kind] + GENERIC)
        title, body = fill(template, other)
        items.append({"id": f"{event_id}-distractor", "event": f"{event_id}-distractor", "zone": zone[0],
                      "template": template.id, "split": split_of(event_id), "title": title, "body": body,
                      "published_at": f"{other_day.isoformat()}T15:00:00+08:00"})
    return items


def write(path: Path, items: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


def main() -> None:
    rng = random.Random(SEED)
    write(HERE / "templated.jsonl", templated(rng))
    write(HERE / "events.jsonl", events(rng))
    sources = [{"template": t.id, "kind": t.kind, "url": t.url, "excerpt": t.excerpt} for t in TEMPLATES + GENERIC]
    write(HERE / "templates_sources.jsonl", sources)


if __name__ == "__main__":
    main()
