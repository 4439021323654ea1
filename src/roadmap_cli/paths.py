"""Where roadmap keeps its files. ``ROADMAP_HOME`` puts all of them under one folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "roadmap-cli"
HOME_ENV = "ROADMAP_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The progress database lives here."""
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings and the user's own packs (``packs/``) live here."""
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Derived files that can be rebuilt at any time (the validated catalog)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_packs_dir() -> Path:
    return config_dir() / "packs"


def builtin_content_dir() -> Path:
    """The built-in packs: inside the installed package, or ``content/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "content"
    if shipped.is_dir():
        return shipped
    return here.parent.parent / "content"
