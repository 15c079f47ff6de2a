"""What a ``stk translate`` run needs of ``[translate]``: the engine, the memory threshold, the batch size,
and how to run the model. Validated with the rest of toolkit.toml (:mod:`toolkit.config`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Config, override
from .engines import EngineOptions


@dataclass(frozen=True)
class TranslateSettings:
    engine: str = "argos"
    tm_threshold: float = 75.0
    """Least rapidfuzz similarity (0-100) for a fuzzy memory match."""
    batch_size: int = 32
    """Segments per engine call; catalogs are saved after each batch, so an interruption loses at most one."""
    options: EngineOptions = field(default_factory=EngineOptions)


def translate_settings(
    config: Config,
    engine: str | None = None,
    device: str | None = None,
    urls: list[str] | None = None,
    threads: int | None = None,
) -> TranslateSettings:
    """Settings from ``config``'s ``[translate]`` table, with the command line's ``engine``, ``device``,
    ``threads`` and server ``urls`` (which imply the libretranslate engine) applied."""
    table = override(config, engine=engine, device=device, urls=urls, threads=threads).translate
    options = EngineOptions(
        device=table.device,
        beam_size=table.beam_size,
        compute_type=table.compute_type,
        threads=table.threads,
        max_batch_size=table.batch_size,
        libretranslate=table.libretranslate,
    )
    return TranslateSettings(table.engine, table.tm_threshold, table.batch_size, options)


__all__ = ["TranslateSettings", "translate_settings"]
