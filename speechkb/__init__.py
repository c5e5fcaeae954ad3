"""speechkb: a searchable knowledge base site built from work-safety speeches."""

__version__ = "0.1.0"
