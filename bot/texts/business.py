"""Texts of the business side: staff commands, programs, scans, customers."""

BUSINESS: dict[str, str] = {}
