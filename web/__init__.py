"""Site-wide HTTP machinery: page cache, CSP, health, cache clients, rate limit, senior mode, JSON responses.

Nothing here knows about guides: the content apps tell the page cache when their content changes
(`pagecache.content_changed`), and the views use the helpers.
"""
