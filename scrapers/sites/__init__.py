"""Site plugins (source kind ``plugin``): one module per site, each with a ``scraper`` attribute."""
