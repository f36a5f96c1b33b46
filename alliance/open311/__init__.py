"""Open311 GeoReport v2 for government and third-party apps: one jurisdiction per tenant (its slug)."""
