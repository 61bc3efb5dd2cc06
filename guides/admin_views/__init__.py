"""Admin screens of the editorial work: the review-dates dashboard panel and the import/export pages."""
