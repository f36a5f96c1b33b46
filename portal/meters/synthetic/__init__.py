"""Synthetic, labelled meter data for a Tianjin-like grid: pure numpy, seeded, no database or files.

``generate(GeneratorConfig(...))`` returns the places, the readings and the truth; ``export`` turns
them into the documented import files and the separate truth file (as bytes).
"""

from portal.meters.synthetic.generator import GeneratorConfig, SyntheticData, generate

__all__ = ["GeneratorConfig", "SyntheticData", "generate"]
