"""The toolkit.toml that ``stk init`` writes: every setting a new project is likely to change, explained."""

DEFAULT_CONFIG = """\
# statement-toolkit project: `stk --help` lists the commands.

[project]
name = "{name}"
# Shown in DOCX headers and HTML footers.
organisation = ""
# Report-Msgid-Bugs-To in the PO files: where translators report problems in the English.
contact = ""
source_language = "en"
# How the source language writes dates: "en_GB" (6 February 2025), "en_US" (February 6, 2025)...
# locale = "en_GB"
# Babel (CLDR) language codes; one folder each under locales/.
target_languages = ["fr", "es", "ar"]
# Digits per language: "latn" (0-9, the default) or "arab" (Arabic-Indic).
digits = {{ ar = "latn" }}

[paths]
sources = "sources"
locales = "locales"
output = "output"
templates = "templates"
glossary = "glossary.csv"
# Imported translation memories (stk tm import FILE.tmx) live here.
tm = "tm"

[segmentation]
# "sentence": one PO entry per sentence (best for translation memory);
# "paragraph": one per paragraph (more context for translators).
unit = "sentence"
# Abbreviations of your texts whose full stop does not end a sentence, added to
# the language's own lists (toolkit/segmentation/prefixes/en.txt says which):
# "Ref." never ends one before a word; "Ref. #number" not before a number, Roman
# numeral or symbol; "#context" only before a sentence opener such as "The".
# nonbreaking_prefixes = ["Ref. #number"]

# Machine pre-translation (`stk translate`; docs/translate.md). Uncomment to change.
# [translate]
# engine = "argos"       # or "pseudo": accented look-alike text, to preview layouts without a model
# tm_threshold = 75      # least similarity (50-100) for a fuzzy translation-memory match
# batch_size = 32        # segments per model call; catalogs are saved after every batch
# beam_size = 4          # argostranslate's default; 1 is about 2.5 times faster (measured on 2 CPUs), a little worse
# device = "auto"        # "cpu", "cuda" (needs CUDA 12 and cuBLAS) or "auto"

# Translator QA (`stk check`; docs/qa.md lists every check). Uncomment to change.
# [check]
# disable = ["length"]              # check codes or families, for the whole project
# severity = {{ acronym = "error" }}  # make a warning an error, or the reverse
# [check.length]
# min_ratio = 0.33                  # a translation under a third of the source...
# max_ratio = 3.0                   # ...or over three times longer is reported
# min_chars = 20                    # shorter sources are never measured
#
# A language's own version of a linked page: where the source has [text][1],
# translators may then write an inline link to it, [texte](https://example.org/fr/page).
# [links.fr]
# "https://example.org/page" = "https://example.org/fr/page"
"""
