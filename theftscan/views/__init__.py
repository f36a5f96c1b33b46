"""Pages of theftscan: the report and map (``report``), cases and the calculator (``cases``)."""
