"""Where roadmap keeps its files. ``ROADMAP_HOME`` puts all of them under one folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP_NAME = "roadmap-cli"
HOME_ENV = "ROADMAP_HOME"


#: Longer than any real folder's path; a longer ROADMAP_HOME is a mistake.
MAX_HOME_LENGTH = 1024


def _home() -> Path | None:
    """``ROADMAP_HOME`` as a folder: it need not exist yet (it is made when first written), but
    when it does it must be a folder this user may read. Anything else is a clear error."""
    value = os.environ.get(HOME_ENV)
    if not value:
        return None
    from roadmap_cli.errors import RoadmapError

    hint = f"set {HOME_ENV} to a folder you own, or unset it to use the usual places"
    if len(value) > MAX_HOME_LENGTH:
        raise RoadmapError(
            f"{HOME_ENV} is {len(value):,} characters long; a path may have at most {MAX_HOME_LENGTH:,}",
            hint=hint,
        )
    try:
        home = Path(value).expanduser()
        info = home.stat()
    except FileNotFoundError:
        return home
    except (OSError, RuntimeError) as exc:  # RuntimeError: a ~user that does not exist
        reason = getattr(exc, "strerror", None) or str(exc)
        raise RoadmapError(f"{HOME_ENV}={value!r} cannot be used: {reason}", hint=hint) from None
    if not stat.S_ISDIR(info.st_mode):
        raise RoadmapError(f"{HOME_ENV}={value!r} is not a folder", hint=hint)
    if not os.access(home, os.R_OK | os.X_OK):
        raise RoadmapError(f"{HOME_ENV}={value!r} cannot be read: permission denied", hint=hint)
    return home


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


def sync_dir() -> Path:
    """The clone of the git repository ``roadmap sync`` keeps progress in, beside the database."""
    return data_dir() / "sync"


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
