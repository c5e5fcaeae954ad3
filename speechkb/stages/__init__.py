"""The stages of the pipeline: files → lines → paragraphs → speech trees with metadata → tagged knowledge.

Each is a plain function (or a small reader class) from one frozen dataclass of :mod:`speechkb.model` to the
next; none writes a file.
"""
