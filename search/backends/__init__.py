"""Search backends: the database backend with ranking that scales, chosen per database vendor."""
