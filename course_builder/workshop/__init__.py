"""The workshop vertical: blocks per module, workshop formats, agendas, facilitator guides,
handouts and their PDFs, all built from ``workshop/*.yml`` and the loaded course.

``model`` holds the data, ``loader`` reads the YAML, ``agenda`` does the clock arithmetic
(pure, no I/O), ``checks`` reports problems, ``render`` makes HTML, ``pages`` the site pages
and ``pdf`` the printable files.
"""
