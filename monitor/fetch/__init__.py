"""The fetch stage: polite HTTP (robots.txt, per-origin rate limits and concurrency, conditional GET, retries
with backoff, one deadline per item, public addresses only) turning a URL into a ``RawPage``.

Private: decoding (bytes to text), address_guard (the connect-time address check), throttle, urls
(canonical URLs, public-address checks); scrapers use the last two directly."""

from monitor.fetch.fetcher import Fetcher, FetchRecord, RobotsCache, Validators, ValidatorStore
from monitor.items import RawPage

__all__ = ["Fetcher", "FetchRecord", "RawPage", "RobotsCache", "Validators", "ValidatorStore"]
