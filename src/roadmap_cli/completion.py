"""What TAB offers that needs no parser: the ids of the items of your plan and of the content,
and the stacks.
``commands/options.py`` hands these to Typer; ``roadmap_cli.fast`` answers bash with them directly."""

from __future__ import annotations


def matching(names: list[str], incomplete: str) -> list[str]:
    low = incomplete.lower()
    return [n for n in dict.fromkeys(names) if n.lower().startswith(low)]


def complete_item_ids(incomplete: str) -> list[str]:
    """Item ids for shell completion: the active plan's first (in its order), then the content's."""
    names: list[str] = []
    try:
        from roadmap_cli.progress.store import database_path, open_store

        if database_path().exists():
            with open_store(readonly=True) as store:
                stored = store.active_plan()
                if stored is not None:
                    names += [i.id for i in stored.plan().all_items()]
    except Exception:  # completion must never print a traceback into the shell
        pass
    try:
        from roadmap_cli.catalog.registry import load_catalog

        names += [i["id"] for i in load_catalog().items]
    except Exception:
        pass
    return matching(names, incomplete)


def complete_lang(incomplete: str) -> list[str]:
    """Stack ids for shell completion, from the cached catalog."""
    try:
        from roadmap_cli.catalog.registry import load_catalog

        names = sorted(load_catalog().stacks)
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [n for n in names if n.startswith(incomplete.lower())]
