"""Reading files into the meter store: parsing, validation, the one pipeline (see ``pipeline``)."""

from portal.meters.imports.pipeline import create_batch, import_file, run_import

__all__ = ["create_batch", "import_file", "run_import"]
