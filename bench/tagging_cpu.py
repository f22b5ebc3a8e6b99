"""Tag N articles after building the tagger, for an instruction count (load-independent, unlike CPU time on a
shared machine): run it under callgrind with N and with 0, and divide the difference by N.

    for n in 0 300; do PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.$n \\
        .venv/bin/python bench/tagging_cpu.py . $n; done      # "Collected : ..." of each run
    ... bench/tagging_cpu.py . 1000 --ingest                  # ingest's articles (tests/load_site.py), their
                                                              # content hash first, as ingest does

TREE: the source tree to import monitor from (an older commit's, `git archive`d, to compare).
Throughput articles: bench/tagging.py's (3,000 characters). With --ingest, N load-site articles: their generation
is counted too, so take "--ingest --hash-only" runs of the same N off to get the tagging's part.
"""

# ruff: noqa: E402 -- monitor is imported from the tree named on the command line, after it is put on sys.path
import os
import re
import sys

tree, count = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, tree)
sys.path.insert(0, os.path.join(tree, "bench"))
os.chdir(tree)

from monitor.items import ExtractedArticle
from monitor.normalise import content_hash, to_simplified
from monitor.tag import shared_tagger, tag_article

# OpenCC loads its t2s dictionaries at the first traditional text (about 37 million instructions, once a process):
# loaded here, in the runs with 0 articles too, they are not counted as the articles' work
to_simplified("東", force=True)

if "--ingest" in sys.argv:
    from tests.load_site import LoadPlan, _article

    plan = LoadPlan(sources=60, per_source=50, fault_rate=0.0, seed=9)
    articles = []
    for i in range(max(count, 1)):
        title, html = _article(plan, i % 60, i // 60)
        body = "\n\n".join(re.sub("<[^>]+>", "", p) for p in re.findall(r"<p>.*?</p>", html.decode()))
        articles.append(ExtractedArticle(url=f"https://load.invalid/{i}", title=title, body=body))
    tag_article(articles[0])
    for article in articles[:count]:
        content_hash(article.body)
        if "--hash-only" not in sys.argv:
            tag_article(article)
else:
    import tagging_vs

    titles, texts = tagging_vs.articles(max(count, 1))
    tagger = shared_tagger()
    tagger.tag(titles[0], texts[0])
    for title, text in zip(titles[:count], texts[:count], strict=True):
        tagger.tag(title, text)  # as bench/tagging.py and bench/tagging_vs.py call it
