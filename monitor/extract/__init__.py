"""The extract stage: a pure function from a decoded page to an ``ExtractedArticle`` (title, author and
post, date, body, and the signed pieces of a roundup page).

Private: extractor (the cascade), dates, bylines, pieces."""

from monitor.extract.extractor import extract_article, extract_text_page, extract_usable_text_page
from monitor.extract.selectors import field_origins
from monitor.items import ExtractedArticle

__all__ = ["ExtractedArticle", "extract_article", "extract_text_page", "extract_usable_text_page", "field_origins"]
