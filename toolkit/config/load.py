"""Reading toolkit.toml into a :class:`~toolkit.config.model.Config`, in one pass that reports every mistake.

Every table is read against its schema here -- no stage validates configuration itself. Errors name
the file and line and are all raised together; unknown keys and tables, in any table, are warnings
with a did-you-mean. Paths are resolved against the folder holding the config file, never against the
working directory. Command-line choices go through :func:`override`, the same validation.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import characters, choices
from ..document.model import is_safe_href
from ..endpoints import parse_endpoint
from ..errors import ConfigError, Location, raise_all
from ..languages import base_language, known_locale, normalise_code
from ..prefixes import validate_prefixes
from .lines import KeyLines
from .model import (
    CONFIG_NAME,
    BuildConfig,
    CheckConfig,
    Config,
    LengthConfig,
    LibreTranslateConfig,
    ReleaseConfig,
    TranslateConfig,
)
from .reader import Problems, TableReader

_TABLES = ("project", "paths", "segmentation", "translate", "check", "release", "links", "build")


def validate_language(code: str, where: Location) -> str:
    """Return ``code`` if Babel knows it (``fr``, ``pt-BR``, ``pt_BR``), else raise."""
    if _language_problem(code):
        raise ConfigError(f"unknown language code {code!r} (not a CLDR locale)", where)
    return code


def _language_problem(code: Any) -> str | None:
    if not isinstance(code, str):
        return f"a language code must be text such as 'fr', not {code!r}"
    if not known_locale(code):
        return f"unknown language code {code!r} (not a CLDR locale)"
    if code != normalise_code(code):
        # "FR" would make locales/FR/ beside locales/fr/ (one folder on macOS, two on Linux), and quietly
        # reading it as "fr" would leave a locales/FR/ of earlier catalogs behind: refuse, say how.
        return f"write the language code {code!r} as {normalise_code(code)!r} (one folder per language)"
    return None


def load_config(project: Path) -> Config:
    """Read and validate ``project/toolkit.toml``."""
    root = project.resolve()
    path = root / CONFIG_NAME
    if not root.is_dir():
        raise ConfigError(f"project folder {project} does not exist")
    if not path.is_file():
        raise ConfigError(f"no {CONFIG_NAME} in {project} (create a project with `stk init DIR`)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per level of [[[...]]]
        raise ConfigError("not valid TOML: nested too deeply", Location(CONFIG_NAME)) from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError("not valid UTF-8", Location(CONFIG_NAME, line)) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts "(at line N, column M)" inside its message: move the line to the prefix
        # every other error has, so that editors can jump to it.
        message, line = str(exc), None
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if found:
            message = f"{message[: found.start()]} (column {found.group(2)})"
            line = int(found.group(1))
        elif message.endswith("(at end of document)"):
            message, line = message.removesuffix(" (at end of document)") + " at the end of the file", raw.count(b"\n") or 1
        raise ConfigError(f"not valid TOML: {message}", Location(CONFIG_NAME, line)) from None
    return config_from_dict(data, root, text)


def config_from_dict(data: Mapping[str, Any], root: Path, text: str = "") -> Config:
    """Validate the tables of a parsed toolkit.toml; every error is raised at once."""
    problems = Problems(CONFIG_NAME, KeyLines(text))
    for path, value in _strings_in(data):
        bad = characters.forbidden(value)
        if bad:  # TOML's \u0001 escape: no DOCX, HTML or PO header can hold it
            name = ".".join(path)
            problems.error(path, f"{name} holds {characters.describe(bad[0])}, an invisible control character: delete it")
    top = TableReader(problems, (), data)
    values = _project(top.sub("project"))
    values.update(_paths(top.sub("paths")))
    segmentation = top.sub("segmentation")
    values["segment_unit"] = segmentation.choice("unit", "sentence", choices.UNITS)
    none: tuple[str, ...] = ()
    values["nonbreaking_prefixes"] = segmentation.value("nonbreaking_prefixes", none, _prefixes_problem, _prefixes)
    segmentation.finish()
    targets = values["target_languages"]
    values["translate"] = _translate(top.sub("translate"))
    values["check"] = _check(top.sub("check"))
    values["release"] = _release(top.sub("release"), targets)
    values["links"] = _links(top.sub("links"), targets)
    values["build"] = _build(top.sub("build"))
    top.finish(_TABLES)
    raise_all(sorted(problems.errors, key=lambda e: e.location.line or 0 if e.location else 0))
    notices = sorted(problems.notices, key=lambda n: n.location.line or 0)
    return Config(root=root, notices=tuple(notices), text=text, **values)


def _strings_in(value: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every text value of a TOML table, with its key path."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, Mapping):
        return [found for key, item in value.items() for found in _strings_in(item, (*path, str(key)))]
    if isinstance(value, list):
        return [found for item in value for found in _strings_in(item, path)]
    return []


def override(config: Config, **choices_made: Any) -> Config:
    """``config`` with command-line choices applied (``engine``, ``device``, ``threads``, ``urls``, ``formats``,
    ``fallback``), validated by the same rules as toolkit.toml; None leaves a setting as configured."""
    problems = Problems("command line", KeyLines(""))
    result = config
    translate = {k: v for k, v in choices_made.items() if k in ("engine", "device", "threads") and v is not None}
    urls = choices_made.get("urls")
    if urls and translate.get("engine", "libretranslate") != "libretranslate":
        problems.error(("translate", "url"), f"--url is for the libretranslate engine, not {translate['engine']}")
    elif urls:
        translate["engine"] = "libretranslate"  # a server named on the command line is the engine wanted
    if translate:
        reader = TableReader(problems, ("translate",), translate)
        result = replace(result, translate=replace(result.translate, **{k: _translate_value(reader, k) for k in translate}))
    if urls:
        reader = TableReader(problems, ("translate", "libretranslate"), {"urls": list(urls)})
        none: tuple[str, ...] = ()
        servers = reader.value("urls", none, _urls_problem("--url"), lambda v: tuple(str(u).strip() for u in v))
        libretranslate = replace(result.translate.libretranslate, urls=servers)
        result = replace(result, translate=replace(result.translate, libretranslate=libretranslate))
    build = {k: v for k, v in choices_made.items() if k in ("formats", "fallback") and v is not None}
    if build:
        reader = TableReader(problems, ("build",), {k: list(v) if k == "formats" else v for k, v in build.items()})
        fields: dict[str, Any] = {}
        if "formats" in build:
            fields["formats"] = _formats(reader)
        if "fallback" in build:
            fields["fallback"] = reader.choice("fallback", result.build.fallback, choices.FALLBACKS)
        result = replace(result, build=replace(result.build, **fields))
    raise_all(problems.errors)
    return result


# --- the tables ------------------------------------------------------------------------


def _project(table: TableReader) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": table.text("name", "Statements"),
        "organisation": table.text("organisation", ""),
        "contact": table.text("contact", ""),
    }
    source = table.value("source_language", "en", _language_problem, str)
    targets = table.value("target_languages", ("fr", "es", "ar"), _targets_problem, tuple)
    if source in targets or len(set(targets)) != len(targets):
        table.error("target_languages", "project.target_languages repeats a language or includes the source language")
    values.update(source_language=source, target_languages=targets)
    locale = table.value("locale", "", _language_problem, str)
    if locale and base_language(locale) != base_language(source):
        table.error("locale", f"project.locale {locale!r} is not a variety of the source language {source!r}")
        locale = ""
    values["locale"] = locale
    digits = table.mapping("digits")
    allowed = ", ".join(map(repr, choices.DIGIT_SYSTEMS))
    for lang, system in digits.items():
        if system not in choices.DIGIT_SYSTEMS:
            table.error("digits", f"project.digits.{lang} must be one of {allowed}, not {system!r}")
    values["digits"] = {str(k): str(v) for k, v in digits.items() if v in choices.DIGIT_SYSTEMS}
    table.finish()
    return values


def _prefixes_problem(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"segmentation.nonbreaking_prefixes must be a list, not {type(value).__name__}"
    try:
        validate_prefixes(value, Location(CONFIG_NAME))
    except ConfigError as exc:
        return exc.message
    return None


def _prefixes(value: list[str]) -> tuple[str, ...]:
    return tuple(entry.strip() for entry in value)


def _targets_problem(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return "project.target_languages must list language codes as strings"
    return next((problem for code in value if (problem := _language_problem(code))), None)


def _paths(table: TableReader) -> dict[str, str]:
    keys = {"sources": "sources_dir", "locales": "locales_dir", "output": "output_dir", "templates": "templates_dir"}
    values = {attr: table.text(key, key, required=True) for key, attr in keys.items()}
    values["glossary_file"] = table.text("glossary", "glossary.csv", required=True)
    values["tm_dir"] = table.text("tm", "tm", required=True)
    table.finish()
    return values


def _translate(table: TableReader) -> TranslateConfig:
    values = {key: _translate_value(table, key) for key in _TRANSLATE_KEYS if key in table}
    table.used.update(_TRANSLATE_KEYS)
    values["libretranslate"] = _libretranslate(table.sub("libretranslate"))
    table.finish()
    return TranslateConfig(**values)


def _libretranslate(table: TableReader) -> LibreTranslateConfig:
    """``[translate.libretranslate]``: servers, key, request sizes (every key optional; the engine wants a URL)."""
    default = LibreTranslateConfig()
    name = table.name
    urls = default.urls
    if "url" in table and "urls" in table:
        table.error("urls", f"{name}: give url or urls, not both")
    elif "url" in table:
        urls = table.value("url", urls, lambda v: _url_problem(f"{name}.url", v), lambda v: (str(v).strip(),))
    else:
        urls = table.value("urls", urls, _urls_problem(name), lambda v: tuple(str(u).strip() for u in v))
    table.used.update(("url", "urls"))
    if "api_key" in table and "api_key_env" in table:
        table.error("api_key", f"{name}: give api_key or api_key_env, not both")

    def key_problem(key: str) -> Any:
        return lambda v: None if isinstance(v, str) else f"{name}.{key} must be a string"  # never echo a key

    result = LibreTranslateConfig(
        urls=urls,
        api_key=table.value("api_key", default.api_key, key_problem("api_key"), str),
        api_key_env=table.value("api_key_env", default.api_key_env, key_problem("api_key_env"), str),
        concurrency=table.integer("concurrency", default.concurrency, 1, 64),
        timeout=table.number("timeout", default.timeout, 1, 3600),
        batch=table.integer("batch", default.batch, 1, 1024),
    )
    table.finish()
    return result


def _url_problem(name: str, value: Any) -> str | None:
    if not isinstance(value, str):
        return f"{name} must be a URL string, not {value!r}"
    try:
        parse_endpoint(value)
    except ValueError as exc:
        return f"{name} is not a usable server URL: {exc}"
    return None


def _urls_problem(name: str) -> Any:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not value:
            return f"{name}.urls must be a list of URLs, not {value!r}"
        return next((p for v in value if (p := _url_problem(f"{name}.urls", v))), None)

    return check


_TRANSLATE_KEYS = ("engine", "tm_threshold", "batch_size", "beam_size", "device", "compute_type", "threads")


def _translate_value(table: TableReader, key: str) -> Any:
    default = getattr(TranslateConfig(), key)
    if key == "engine":
        return table.choice(key, default, choices.ENGINES)
    if key == "device":
        return table.choice(key, default, choices.DEVICES)
    if key == "compute_type":
        return table.choice(key, default, choices.COMPUTE_TYPES)
    if key == "tm_threshold":
        return table.number(key, default, 50, 100)
    limits = {"batch_size": (1, 4096), "beam_size": (1, 16), "threads": (0, 256)}[key]
    return table.integer(key, default, *limits)


def _check(table: TableReader) -> CheckConfig:
    names = {*choices.CHECKS, *choices.CHECKS.values()}
    disable = table.strings("disable", ())
    for name in disable:
        if name not in names:
            table.error("disable", f"check.disable: no check or family named {name!r} (see `stk check --list`)")
    severity: dict[str, str] = {}
    for code, level in table.mapping("severity").items():
        if code not in choices.CHECKS:
            table.error("severity", f"check.severity: no check named {code!r} (see `stk check --list`)")
        elif level not in choices.SEVERITIES:
            table.error("severity", f"check.severity.{code} must be 'error' or 'warning', not {level!r}")
        else:
            severity[code] = level
    length = table.sub("length")
    default = LengthConfig()
    low = length.number("min_ratio", default.min_ratio, 0, 1000)
    high = length.number("max_ratio", default.max_ratio, 0, 1000)
    chars = length.integer("min_chars", default.min_chars, 0, 100_000)
    if not low < 1 < high:
        length.error("min_ratio", "check.length: min_ratio must be below 1 and max_ratio above 1")
    length.finish()
    table.finish()
    return CheckConfig(frozenset(d for d in disable if d in names), severity, LengthConfig(low, high, chars))


def _release(table: TableReader, targets: tuple[str, ...]) -> ReleaseConfig:
    table.used.add("threshold")
    raw = table.table.get("threshold", 100)
    thresholds: dict[str, float] = {}
    for lang, value in raw.items() if isinstance(raw, Mapping) else [("", raw)]:
        name = f"release.threshold.{lang}" if lang else "release.threshold"
        if lang and lang not in targets:
            table.error("threshold", f"{name}: {lang} is not a target language of this project")
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            table.error("threshold", f"{name} must be a percentage from 0 to 100, not {value!r}")
        else:
            thresholds.update({lang: float(value)} if lang else dict.fromkeys(targets, float(value)))
    table.finish()
    return ReleaseConfig(thresholds)


def _links(table: TableReader, targets: tuple[str, ...]) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for lang in table.table:
        sub = table.sub(lang)
        if lang not in targets:
            table.error(lang, f"[links.{lang}]: {lang} is not a target language (targets: {', '.join(targets)})")
            continue
        pairs: dict[str, str] = {}
        for source, target in sub.table.items():
            sub.used.add(source)
            if not isinstance(target, str) or not target.strip():
                sub.error(source, f"links.{lang}: the override of {source} must be a URL string")
                continue
            unsafe = [url for url in (source, target) if not is_safe_href(url)]
            if unsafe:
                sub.error(source, f"links.{lang}: {unsafe[0]!r} is not an http, https, mailto or relative link")
                continue
            pairs[str(source)] = target.strip()
        result[lang] = pairs
    return result


def _formats(table: TableReader) -> tuple[str, ...]:
    chosen = table.strings("formats", BuildConfig().formats, choices.FORMATS)
    return tuple(f for f in choices.FORMATS if f in chosen)


def _build(table: TableReader) -> BuildConfig:
    default = BuildConfig()
    formats = _formats(table)
    fallback = table.choice("fallback", default.fallback, choices.FALLBACKS)
    font = table.text("font", default.font, required=True)
    arabic_font = table.text("arabic_font", default.arabic_font, required=True)
    labels = table.sub("labels")
    overrides: dict[str, dict[str, str]] = {}
    for lang in labels.table:
        sub = labels.sub(lang)
        values = {key: sub.text(key, "", required=True) for key in choices.LABELS if key in sub}
        page = values.get("page")
        if page is not None and ("{page}" not in page or "{pages}" not in page):
            sub.error("page", f"build.labels.{lang}.page must contain {{page}} and {{pages}}, not {page!r}")
        sub.finish(choices.LABELS)
        overrides[lang] = {k: v for k, v in values.items() if v}
    table.finish()
    return BuildConfig(formats, fallback, font, arabic_font, overrides)


__all__ = ["config_from_dict", "load_config", "override", "validate_language"]
