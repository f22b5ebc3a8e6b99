"""The digest stage: what each subscriber gets, built by a pure function and sent exactly once.

``send_digests`` sends what is due (and resends unfinished digests), ``preview_digest`` builds one without
sending it, ``digest_status`` reports deliveries. Private: build (the pure builder), mailer, matching
(filters), subscribers, tokens (signed links), alerts (operator emails)."""

from monitor.digest.delivery import DigestRunResult, digest_status, preview_digest, send_digests

__all__ = ["DigestRunResult", "digest_status", "preview_digest", "send_digests"]
