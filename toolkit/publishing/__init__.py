"""Publishing: catalogs + source -> translated Documents -> DOCX and HTML files -> gated releases.

:mod:`.reassemble` builds each edition; :mod:`.renderers` write files; :mod:`.build` writes output/;
:mod:`.release` gates and packages output/releases/<name>/.
"""
