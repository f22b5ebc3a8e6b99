"""Container healthcheck of zone-monitor (docker-compose.yml): exit 0 when the app's /healthz answers 200.

`monitor serve` serves the web app on MONITOR_WEB_PORT (default 8000); the check asks it over loopback.
Python rather than curl: the image (python:3.11-slim) ships no curl.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    url = f"http://127.0.0.1:{os.environ.get('MONITOR_WEB_PORT', '8000')}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (a fixed loopback http URL)
            return 0 if answer.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"healthcheck: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
