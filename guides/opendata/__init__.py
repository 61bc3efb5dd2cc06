"""Open data: the read-only JSON API (with its OpenAPI document), sitemap.xml, the Atom feed of guide changes,
schema.org JSON-LD on each guide and the whole implementation list at /open-data/."""
