"""Writes the bad-input pages of this folder (tests/test_extract_bad_input.py): one real article in the broken shapes
pages arrive in. Run from the repository root: python tests/data/badinput/make_pages.py

The article's text is a real page's (datecheck, wanpiaopiao.cn/show/57597.html, tune half: Yantai high-tech zone's
visit to Nanchang and Shenzhen, signed by its reporters); its headline, the site's navigation and footer are written
around it in the layout of a zone's news site. Each page's bytes are written as served (GBK, GB18030, UTF-8)."""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).parent
HEADLINE = "烟台高新区赴南昌、深圳走访企业推进项目"
DATE_LINE = "发布时间：2023-05-29 来源：烟台高新区"
PARAGRAPHS = [
    "5月26-28日,烟台高新区相关领导带队先后赴南昌、深圳走访企业、推进项目,参加烟台产业协同发展交流会活动.",
    "在南昌期间,拜访了江西电子集团有限公司,参观联创光电科技园、江西云厨产业园,详细了解江西电子集团在电子、激光、超导、军工四大"
    "支柱产业的发展情况及技术优势,未来将在电子、超导等领域探讨合作。",
    "在深圳期间,拜访了深圳市怡亚通供应链股份有限公司,参观怡亚通公司展厅,详细了解怡亚通各供应链板块业务布局及发展情况,就未来双方"
    "共建怡亚通跨境电商暨数字物流产业示范基地及在新能源等领域产业合作深入座谈交流,达成合作共识。",
    "下步,烟台高新区将以此次活动为契机,进一步加强与粤港澳大湾区企业交流与合作,不断优化营商环境,吸引更多优质企业和项目落户,为区域"
    "经济高质量发展引入新活水、积蓄新动能。(大众报业·大众日报客户端记者 杨秀萍 通讯员 陈方英 徐开评 报道)",
]
NAV = ('<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻中心</a> '
       '<a href="/tzcj/">投资促进</a> <a href="/qyfw/">企业服务</a></div>')
FOOTER = '<div class="footer">主办：烟台高新技术产业开发区管理委员会 鲁ICP备05001234号</div>'
CHANNEL = "".join(f'<li><a href="/xwzx/2023/{n}.html">烟台高新区第{n}期工作动态</a><span>2023-05-{n:02d}</span></li>'
                  for n in range(1, 29))


def article(meta: str = "", before: str = "", between: str = "") -> str:
    text = between.join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"{before}<!DOCTYPE html><html><head>{meta}<title>{HEADLINE}_烟台高新区</title></head><body>{NAV}"
            f'<div class="article"><h1>{HEADLINE}</h1><div class="info">{DATE_LINE}</div>{text}</div>{FOOTER}'
            "</body></html>\n")



def pdf() -> bytes:
    """A one-page PDF as a zone's site links it as an attachment ('附件：…pdf' behind 'download.jsp?id=…'): its text
    in a compressed content stream."""
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({PARAGRAPHS[0]}) Tj ET".encode("utf-16-be"))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


PAGES: dict[str, bytes] = {
    # the CMS template says UTF-8, the bytes are GBK
    "gbk-declared-utf8.html": article('<meta charset="utf-8">').encode("gbk"),
    # no declaration at all (served with a default 'charset=ISO-8859-1' header in the fetch test)
    "gb18030-undeclared.html": article().encode("gb18030"),
    # a header include that is a whole document, closed by </html>, then the article
    "header-document-then-article.html": (
        f'<html><head><meta charset="utf-8"></head><body>{NAV}</body></html>\n'
        + article().replace("<!DOCTYPE html><html><head>", "<div><head>", 1).replace("</body></html>", "</div>")
    ).encode("utf-8"),
    # a template's blank lines before the markup, past the first 4,000 characters
    "blank-lines-before-markup.html": article('<meta charset="utf-8">', before="\r\n\t\t" * 1500).encode("utf-8"),
    # NUL characters a broken CMS left between the paragraphs
    "nul-bytes.html": article('<meta charset="gbk">', between="\x00\n").encode("gbk"),
    # a channel page: navigation and a list of links, no article
    "navigation-only.html": (f'<!DOCTYPE html><html><head><meta charset="gb2312"><title>新闻中心_烟台高新区</title>'
                             f'</head><body>{NAV}<ul class="list">{CHANNEL}</ul>{FOOTER}</body></html>\n').encode("gbk"),
    # an attachment served at a URL that does not say it is one
    "attachment.pdf": pdf(),
    # the text layer of a scanned page in which OCR found no text: a .txt for `monitor extract`
    "scanned-page-ocr.txt": "\n\n  \n\u3000\n".encode("utf-8"),
}

if __name__ == "__main__":
    for name, content in PAGES.items():
        (HERE / name).write_bytes(content)
