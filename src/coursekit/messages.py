"""Every string that the command line or the browser shows comes from one catalogue per language.

The catalogues live in ``locales/<lang>.yml``. Keys under ``ui.`` are shipped to the browser;
all others are for the command line and error messages. Chinese is the default language;
``COURSEKIT_LANG=en`` switches the command line to English.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

import yaml

DEFAULT_LANG = "zh"
LANGS = ("zh", "en")


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    text = resources.files("coursekit").joinpath("locales", f"{lang}.yml").read_text("utf-8")
    # libyaml's loader where PyYAML has it: every build and every command reads the catalogues,
    # and the pure-Python loader is the slow part of that.
    return _flatten(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {})


def current_lang() -> str:
    lang = os.environ.get("COURSEKIT_LANG", DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, /, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the command line's language), filled with ``values``."""
    lang = lang or current_lang()
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANG)[key]
    return text.format(**values) if values else text


def ui_strings(lang: str) -> dict[str, str]:
    """The browser's strings for one language, keys without the ``ui.`` prefix."""
    return {k[3:]: v for k, v in catalogue(lang).items() if k.startswith("ui.")}
