"""Register imports: transformer areas and meters from a utility's marketing system (see ``write``)."""

from portal.meters.imports.register.validation import RegisterRows, validate_areas, validate_meters
from portal.meters.imports.register.write import Counts, write_areas, write_meters

__all__ = ["Counts", "RegisterRows", "validate_areas", "validate_meters", "write_areas", "write_meters"]
