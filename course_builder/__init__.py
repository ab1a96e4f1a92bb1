"""Build a bilingual (English/Spanish) training course from plain files.

The core (``load``, ``model``, ``checks``, ``render``, ``assemble``) never imports MkDocs;
only ``plugin`` and ``build`` do.
"""

__version__ = "0.1.0"

LANGS = ("en", "es")
