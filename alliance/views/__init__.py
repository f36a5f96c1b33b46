"""The alliance's pages, split by audience: residents (no login), the desk, places, parks, the programme."""
