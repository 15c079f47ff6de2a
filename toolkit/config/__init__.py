"""The project configuration: toolkit.toml read once into typed, frozen values (:mod:`.model`).

:func:`load_config` reads and validates every table in one pass (:mod:`.load`, with :mod:`.reader`
collecting every problem and :mod:`.lines` naming each key's line); :func:`override` applies
command-line choices through the same rules; :data:`DEFAULT_CONFIG` is what ``stk init`` writes.
"""

from .default import DEFAULT_CONFIG
from .load import config_from_dict, load_config, override, validate_language
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

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_CONFIG",
    "BuildConfig",
    "CheckConfig",
    "Config",
    "LengthConfig",
    "LibreTranslateConfig",
    "ReleaseConfig",
    "TranslateConfig",
    "config_from_dict",
    "load_config",
    "override",
    "validate_language",
]
