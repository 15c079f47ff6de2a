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

Every error names toolkit.toml, the line and the key; unknown keys are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..config import Config
from ..errors import ConfigError, Location
from .engines import DEVICES, ENGINES, EngineOptions

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

    def override(self, engine: str | None = None, device: str | None = None) -> TranslateSettings:
        """These settings with command-line choices applied."""
        result = self
        if engine is not None:
            result = replace(result, engine=_choice("engine", engine, tuple(ENGINES), None))
        if device is not None:
            result = replace(result, options=replace(result.options, device=_choice("device", device, DEVICES, None)))
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
    )
    return TranslateSettings(
        engine=values.get("engine", "argos"),
        tm_threshold=float(values.get("tm_threshold", 75.0)),
        batch_size=int(values.get("batch_size", 32)),
        options=options,
        warnings=tuple(warnings),
    )


def _number(key: str, value: Any, kind: type, lowest: float, highest: float, where: Location) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
        raise ConfigError(f"translate.{key} must be {'an integer' if kind is int else 'a number'}, not {value!r}", where)
    if not lowest <= value <= highest:
        raise ConfigError(f"translate.{key} must be between {lowest:g} and {highest:g}, not {value}", where)
    return float(value)


def _choice(key: str, value: Any, allowed: tuple[str, ...], where: Location | None) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(f"translate.{key} must be one of {', '.join(allowed)}, not {value!r}", where)
    return value


__all__ = ["COMPUTE_TYPES", "TranslateSettings", "translate_settings"]
