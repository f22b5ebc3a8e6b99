"""The tag stage: zones, people, places, topics and content type of an article.

``tag_article`` is the one call every entry point tags through (crawl, backfill, reextract,
import, retag, ``monitor tag``); ``ZoneTagger`` is the tagger it uses (built once per process:
``shared_tagger``).
"""

from monitor.tag.tagger import ZoneTagger, shared_tagger, tag_article

__all__ = ["ZoneTagger", "shared_tagger", "tag_article"]
