"""Drafting: filling empty catalog entries before review -- signatory names, translation memory, machine translation.

:mod:`.pretranslate` runs it; :mod:`.engines` translate plain text in batches; :mod:`.protection` keeps
placeholders, glossary terms, dates and numbers through the engine; :mod:`.markup_transfer` carries bold,
italic and links across; :mod:`.translation_memory`, :mod:`.tmx` and :mod:`.tmx_exchange` reuse reviewed work;
:mod:`.packages` installs Argos models; :mod:`.report` measures what review changed.
"""
