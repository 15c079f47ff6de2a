"""The ``[translate]`` table of toolkit.toml, validated once.

::

    [translate]
    engine = "argos"        # or "pseudo" (layout previews, no model needed)
    tm_threshold = 75       # least similarity (50-100) for a fuzzy memory match
    batch_size = 32         # segments per model call; files are saved after each batch
    beam_size = 4           # argostranslate's default; 1 is about 2.5 times faster
    device = "auto"         # "cpu", "cuda", or "auto"
    compute_type = "auto"   # CTranslate2 compute type
    threads = 0             # CTranslate2 threads; 0 = all cores

    [translate.libretranslate]       # engine = "libretranslate": a shared server, or a pool
    url = "https://lt.example.org"   # or urls = ["http://10.0.0.5:5000", "http://10.0.0.6:5000"]
    api_key_env = "LT_API_KEY"       # the variable holding the key (or api_key = "...", not in git)
    concurrency = 2                  # requests in flight per server
    timeout = 120                    # seconds to wait for an answer before retrying
    batch = 16                       # most sentences per request

Every error names toolkit.toml, the line and the key; unknown keys are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .config import Config
from .engines import DEVICES, ENGINES, EngineOptions
from .engines.httppool import parse_endpoint
from .engines.libretranslate import LibreTranslateOptions
from .errors import ConfigError, Location

COMPUTE_TYPES = (
    "auto",
    "default",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)


@dataclass(frozen=True)
class TranslateSettings:
    engine: str = "argos"
    tm_threshold: float = 75.0
    """Least rapidfuzz similarity (0-100) for a fuzzy memory match."""
    batch_size: int = 32
    """Segments per engine call; catalogs are saved after each batch, so an interruption loses at most one."""
    options: EngineOptions = field(default_factory=EngineOptions)
    warnings: tuple[str, ...] = ()

    def override(self, engine: str | None = None, device: str | None = None, urls: list[str] | None = None) -> TranslateSettings:
        """These settings with command-line choices applied; server URLs imply the libretranslate engine."""
        result = self
        if urls and engine is None:
            engine = "libretranslate"
        if engine is not None:
            result = replace(result, engine=_choice("engine", engine, tuple(ENGINES), None))
        if device is not None:
            result = replace(result, options=replace(result.options, device=_choice("device", device, DEVICES, None)))
        if urls:
            if result.engine != "libretranslate":
                raise ConfigError(f"--url is for the libretranslate engine, not {result.engine}")
            servers = replace(result.options.libretranslate, urls=tuple(urls))
            result = replace(result, options=replace(result.options, libretranslate=servers))
        return result


# key -> (kind, lowest, highest) for numbers, or the allowed values for strings
_NUMBERS: dict[str, tuple[type, float, float]] = {
    "tm_threshold": (float, 50, 100),
    "batch_size": (int, 1, 4096),
    "beam_size": (int, 1, 16),
    "threads": (int, 0, 256),
}
_CHOICES: dict[str, tuple[str, ...]] = {"engine": tuple(ENGINES), "device": DEVICES, "compute_type": COMPUTE_TYPES}


def translate_settings(config: Config) -> TranslateSettings:
    """Settings from ``config``'s ``[translate]`` table (defaults for what it leaves out)."""
    table: dict[str, Any] = dict(config.section("translate"))
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in table.items():
        where = config.where(key, section="translate")
        if key == "libretranslate":
            continue  # a table of its own, [translate.libretranslate]
        if key in _NUMBERS:
            values[key] = _number(key, value, *_NUMBERS[key], where)
        elif key in _CHOICES:
            values[key] = _choice(key, value, _CHOICES[key], where)
        else:
            warnings.append(f"{where}: unknown key translate.{key} ignored")
    options = EngineOptions(
        device=values.get("device", "auto"),
        beam_size=int(values.get("beam_size", 4)),
        compute_type=values.get("compute_type", "auto"),
        threads=int(values.get("threads", 0)),
        max_batch_size=int(values.get("batch_size", 32)),
        libretranslate=_libretranslate(config, table.get("libretranslate", {}), warnings),
    )
    return TranslateSettings(
        engine=values.get("engine", "argos"),
        tm_threshold=float(values.get("tm_threshold", 75.0)),
        batch_size=int(values.get("batch_size", 32)),
        options=options,
        warnings=tuple(warnings),
    )


_SERVER_NUMBERS: dict[str, tuple[type, float, float]] = {
    "concurrency": (int, 1, 64),
    "timeout": (float, 1, 3600),
    "batch": (int, 1, 1024),
}
_SERVER = "translate.libretranslate"


def _libretranslate(config: Config, table: Any, warnings: list[str]) -> LibreTranslateOptions:
    """``[translate.libretranslate]``: servers, key, request sizes (every key optional here; the engine wants a URL)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{_SERVER} must be a table", config.where("libretranslate", section="translate"))
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = config.where(key, section=_SERVER)
        if key in _SERVER_NUMBERS:
            values[key] = _number(key, value, *_SERVER_NUMBERS[key], where, _SERVER)
        elif key == "url":
            values["urls"] = (_url(key, value, where),)
        elif key == "urls":
            if not isinstance(value, list) or not value:
                raise ConfigError(f"{_SERVER}.urls must be a list of URLs, not {value!r}", where)
            values["urls"] = tuple(_url(key, v, where) for v in value)
        elif key in ("api_key", "api_key_env"):
            if not isinstance(value, str):
                raise ConfigError(f"{_SERVER}.{key} must be a string", where)  # never echo what could be a key
            values[key] = value
        else:
            warnings.append(f"{where}: unknown key {_SERVER}.{key} ignored")
    if "url" in table and "urls" in table:
        raise ConfigError(f"{_SERVER}: give url or urls, not both", config.where("urls", section=_SERVER))
    if "api_key" in table and "api_key_env" in table:
        raise ConfigError(f"{_SERVER}: give api_key or api_key_env, not both", config.where("api_key", section=_SERVER))
    numbers = {k: (int(v) if _SERVER_NUMBERS[k][0] is int else v) for k, v in values.items() if k in _SERVER_NUMBERS}
    return LibreTranslateOptions(
        urls=values.get("urls", ()),
        api_key=values.get("api_key", ""),
        api_key_env=values.get("api_key_env", ""),
        **numbers,
    )


def _url(key: str, value: Any, where: Location) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{_SERVER}.{key} must be a URL string, not {value!r}", where)
    try:
        parse_endpoint(value)
    except ValueError as exc:
        raise ConfigError(f"{_SERVER}.{key} is not a usable server URL: {exc}", where) from None
    return value


def _number(key: str, value: Any, kind: type, lowest: float, highest: float, where: Location, table: str = "translate") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
        raise ConfigError(f"{table}.{key} must be {'an integer' if kind is int else 'a number'}, not {value!r}", where)
    if not lowest <= value <= highest:
        raise ConfigError(f"{table}.{key} must be between {lowest:g} and {highest:g}, not {value}", where)
    return float(value)


def _choice(key: str, value: Any, allowed: tuple[str, ...], where: Location | None) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(f"translate.{key} must be one of {', '.join(allowed)}, not {value!r}", where)
    return value


__all__ = ["COMPUTE_TYPES", "TranslateSettings", "translate_settings"]
