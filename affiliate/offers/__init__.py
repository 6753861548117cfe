"""Marketplace offers: the normalised Offer, the connectors that yield it, and its scoring."""
