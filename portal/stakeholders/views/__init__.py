"""The stakeholder pages, one module per kind of record."""
