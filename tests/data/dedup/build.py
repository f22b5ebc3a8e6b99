"""Build labelled.jsonl: a labelled Chinese near-duplicate set from real texts.

Run from the repository root: ``.venv/bin/python tests/data/dedup/build.py [SHARED]`` (deterministic,
seed 7). It is a maintainer's tool, never run by the tests: they read only the committed labelled.jsonl.
SHARED is the folder holding seed/ and eval/ (default ../shared beside the repository).

Real bodies: the 35 cleaned news texts of ../shared/eval/extraction/cwce (MIT licence, see
there) and the six pieces of the seed e-paper page (six zone chiefs on high-quality
development, OCR'd, with broken and repeated paragraphs).

Each line is one item:
- ``kind: "original"``: stored first (its ``id`` is what probes point to);
- ``kind: "background"``: also stored first (other stories quoting the same policy text: what
  teaches the index its stock phrases);
- ``kind: "probe"``: checked against the stored originals; ``of`` is the original it copies,
  or null for a hard negative (a different story that must stay separate).

Variants of positives: furniture (page chrome around the same body), abridged (20-50% of the
sentences dropped), reordered_split (paragraphs reordered and split), ocr_noise (1-3%
characters substituted, broken lines, a repeated paragraph), title_changed (new title,
different furniture). Hard negatives: same_zone (another story on the same zone with the
zone's standard introduction), same_page (another piece of the same e-paper page: same
theme, same zone-chief template), report_template (another issue of a recurring statistics
report), policy_quote (another story quoting the same long policy text).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
OUT = Path(__file__).resolve().parent / "labelled.jsonl"
SEED_PIECES = [(7, 24), (24, 41), (41, 60), (60, 85), (85, 105), (105, 126)]
TITLE_LINES = [7, 24, 41, 74, 85, 105]
FURNITURE_TOP = ["首页 > 新闻中心 > 高新动态", "来源：{src}  发布时间：{date}  【字体：大 中 小】", "分享到：微信 微博 QQ空间"]
FURNITURE_BOTTOM = ["责任编辑：{editor}", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "版权所有：{src} 备案号：京ICP备05000000号"]
SOURCES = ["高新区管委会", "市政府门户网站", "科技日报", "中国高新网", "经济日报"]
EDITORS = ["王敏", "李强", "张蕾", "刘洋"]
SIMILAR = {"日": "曰", "己": "已", "未": "末", "人": "入", "土": "士", "大": "太", "天": "夭", "王": "玉", "木": "本",
           "刀": "力", "干": "千", "元": "无", "准": "淮", "体": "休", "区": "匚", "高": "亮", "新": "薪", "业": "亚",
           "工": "エ", "口": "囗", "o": "0", "l": "1", "二": "=", "十": "+"}
POLICY = ("党的二十大报告指出，必须坚持科技是第一生产力、人才是第一资源、创新是第一动力，深入实施科教兴国战略、人才强国战略、"
          "创新驱动发展战略，开辟发展新领域新赛道，不断塑造发展新动能新优势。\n\n"
          "报告强调，要坚持创新在我国现代化建设全局中的核心地位，完善党中央对科技工作统一领导的体制，健全新型举国体制，"
          "强化国家战略科技力量，优化配置创新资源。\n\n"
          "要加快实施创新驱动发展战略，加快实现高水平科技自立自强，以国家战略需求为导向，集聚力量进行原创性引领性科技攻关，"
          "坚决打赢关键核心技术攻坚战。\n\n"
          "要加强企业主导的产学研深度融合，强化目标导向，提高科技成果转化和产业化水平，强化企业科技创新主体地位，"
          "发挥科技型骨干企业引领支撑作用，营造有利于科技型中小微企业成长的良好环境。")
ZONE_INTRO = ("包头稀土高新区是1992年经国务院批准的首批国家级高新区之一，也是全国唯一以稀土命名的国家级高新区，"
              "规划面积近百平方公里，稀土产业集群入选国家先进制造业集群。")
REPORT = ("{m}月份，全区规模以上工业增加值同比增长{a}%，规模以上工业总产值完成{b}亿元，同比增长{c}%。"
          "固定资产投资完成{d}亿元，同比增长{e}%，其中工业投资完成{f}亿元。\n\n"
          "高新技术企业营业收入完成{g}亿元，同比增长{h}%；技术合同成交额{i}亿元。"
          "新增市场主体{j}户，其中新增企业{k}户，累计实有市场主体{n}户。\n\n"
          "社会消费品零售总额完成{p}亿元，同比增长{q}%。一般公共预算收入完成{r}亿元，同比增长{s}%。")


def seed_pieces() -> list[tuple[str, str]]:
    lines = (SHARED / "seed" / "newspaper-page-2022.txt").read_text(encoding="utf-8").splitlines()
    pieces = []
    for (start, end), title_line in zip(SEED_PIECES, TITLE_LINES, strict=True):
        paragraphs = [line.strip() for line in lines[start - 1:end - 1] if len(line.strip()) >= 15]
        pieces.append((lines[title_line - 1].strip(), "\n\n".join(paragraphs)))
    return pieces


def cwce_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((SHARED / "eval" / "extraction" / "cwce" / "cleaned").glob("*.txt")):
        paragraphs = [p.strip().replace("\u3000", "") for p in path.read_text(encoding="utf-8").splitlines()]
        paragraphs = [p for p in paragraphs if p]
        body = "\n\n".join(paragraphs)
        if len(body) >= 300:
            texts.append((paragraphs[0][:24], body[:3000]))
    return texts


def split_sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？；])", paragraph) if s.strip()]


def furniture(body: str, rng: random.Random, date: str) -> str:
    src = rng.choice(SOURCES)
    top = [line.format(src=src, date=date) for line in rng.sample(FURNITURE_TOP, 2)]
    bottom = [line.format(src=src, editor=rng.choice(EDITORS)) for line in rng.sample(FURNITURE_BOTTOM, 2)]
    return "\n\n".join(top + [body] + bottom)


def abridged(body: str, rng: random.Random) -> str:
    paragraphs = [split_sentences(p) for p in body.split("\n\n")]
    total = sum(len(p) for p in paragraphs)
    drop_share = rng.uniform(0.2, 0.5)
    flat = [(i, j) for i, p in enumerate(paragraphs) for j in range(len(p))]
    if rng.random() < 0.5:  # an editor cuts the tail
        dropped = set(flat[len(flat) - int(total * drop_share):])
    else:
        dropped = set(rng.sample(flat, int(total * drop_share)))
    kept = ["".join(s for j, s in enumerate(p) if (i, j) not in dropped) for i, p in enumerate(paragraphs)]
    return "\n\n".join(p for p in kept if p)


def reordered_split(body: str, rng: random.Random) -> str:
    paragraphs = body.split("\n\n")
    out: list[str] = []
    for paragraph in paragraphs:
        sentences = split_sentences(paragraph)
        if len(sentences) >= 2 and rng.random() < 0.5:
            cut = rng.randint(1, len(sentences) - 1)
            out += ["".join(sentences[:cut]), "".join(sentences[cut:])]
        else:
            out.append(paragraph)
    head, tail = out[:1], out[1:]
    if len(tail) >= 3:  # keep the lead, swap some later paragraphs
        for _ in range(max(1, len(tail) // 3)):
            a, b = rng.sample(range(len(tail)), 2)
            tail[a], tail[b] = tail[b], tail[a]
    return "\n\n".join(head + tail)


def ocr_noise(body: str, rng: random.Random) -> str:
    rate = rng.uniform(0.01, 0.03)
    chars = []
    for ch in body:
        r = rng.random()
        if ch in SIMILAR and r < rate * 4:
            chars.append(SIMILAR[ch])
        elif "\u4e00" <= ch <= "\u9fff" and r < rate:
            chars.append(rng.choice("的一是在了有和人中大为上国"))  # a misread character
        else:
            chars.append(ch)
    text = "".join(chars)
    paragraphs = text.split("\n\n")
    if len(paragraphs) >= 3:  # a paragraph printed twice (OCR'd pages repeat them)
        k = rng.randrange(len(paragraphs))
        paragraphs.insert(k + 1, paragraphs[k])
    broken = []
    for p in paragraphs:  # column breaks inside paragraphs
        if len(p) > 60 and rng.random() < 0.4:
            cut = rng.randint(20, len(p) - 20)
            broken += [p[:cut], p[cut:]]
        else:
            broken.append(p)
    return "\n\n".join(broken)


def report(month: int, rng: random.Random) -> str:
    def pct() -> str:
        return f"{rng.uniform(2, 25):.1f}"

    def amount(lo: int, hi: int) -> str:
        return f"{rng.uniform(lo, hi):.2f}"

    return REPORT.format(m=month, a=pct(), b=amount(300, 900), c=pct(), d=amount(50, 300), e=pct(), f=amount(20, 150),
                         g=amount(500, 1500), h=pct(), i=amount(5, 60), j=rng.randint(300, 2000),
                         k=rng.randint(100, 900), n=rng.randint(20000, 60000), p=amount(80, 300), q=pct(),
                         r=amount(10, 60), s=pct())


def main() -> None:
    rng = random.Random(7)
    items: list[dict[str, object]] = []

    def add(kind: str, ident: str, title: str, body: str, variant: str | None = None, of: str | None = None,
            published: str = "2022-11-14T09:00:00+08:00") -> None:
        items.append({"id": ident, "kind": kind, "variant": variant, "of": of, "title": title, "body": body,
                      "published_at": published})

    pieces = seed_pieces()
    originals = [(f"seed-{i}", t, b) for i, (t, b) in enumerate(pieces[:4])]
    texts = cwce_texts()
    originals += [(f"cwce-{i}", t, b[:2000]) for i, (t, b) in enumerate(texts[:18])]
    for ident, title, body in originals:
        add("original", ident, title, body)
    for ident, title, body in originals:
        add("probe", f"{ident}/furniture", title, furniture(body, rng, "2022-11-15"), "furniture", ident)
        add("probe", f"{ident}/abridged", title, abridged(body, rng), "abridged", ident)
        add("probe", f"{ident}/reordered_split", title, reordered_split(body, rng), "reordered_split", ident)
        add("probe", f"{ident}/ocr_noise", title, ocr_noise(body, rng), "ocr_noise", ident)
        add("probe", f"{ident}/title_changed", "转载：" + title[::-1][:12], furniture(body, rng, "2022-11-16"),
            "title_changed", ident)

    # Hard negatives, from texts no original contains. same_page: the last two pieces of the seed page.
    for i, (title, body) in enumerate(pieces[4:], start=4):
        add("probe", f"seed-{i}/same_page", title, body, "same_page", None)
    rest = texts[18:]
    # same_zone: two different stories that share the zone's standard introduction.
    for i in range(0, 8, 2):
        add("original", f"zone-{i}", rest[i][0], ZONE_INTRO + "\n\n" + rest[i][1][:500])
        add("probe", f"zone-{i + 1}/same_zone", rest[i + 1][0], ZONE_INTRO + "\n\n" + rest[i + 1][1][:500],
            "same_zone", None)
    # report_template: the same monthly statistics report, other months.
    for month in range(1, 7):
        add("original", f"report-{month}", f"{month}月份高新区主要经济指标", report(month, rng))
    for month in range(7, 13):
        add("probe", f"report-{month}/report_template", f"{month}月份高新区主要经济指标", report(month, rng),
            "report_template", None)
    # policy_quote: stories quoting the same long report; the background (other stories quoting
    # it, parts of texts nothing else contains) teaches the index its stock phrases.
    for i in range(8):
        if len(rest[i][1]) >= 1000:
            add("background", f"quote-bg-{i}", rest[i][0], rest[i][1][600:900] + "\n\n" + POLICY)
    for i in range(8, len(rest)):
        kind, variant = ("original", None) if i % 2 == 0 else ("probe", "policy_quote")
        add(kind, f"quote-{i}" + (f"/{variant}" if variant else ""), rest[i][0], rest[i][1][:400] + "\n\n" + POLICY,
            variant, None)
    with OUT.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{OUT}: {len(items)} items")


if __name__ == "__main__":
    main()
