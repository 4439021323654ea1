"""``roadmap report``: one self-contained HTML page of the plan and the progress on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.commands import help_text

HELP = help_text(
    "report",
    """A summary (stack, hours a week, dates, percent done, ahead or behind, the forecast), a timeline of
the phases, a burndown of planned against done hours, the hours you studied each week, a calendar
of study days, each phase with its planned and real dates, every item with its state, hours, notes
and evidence, and the sources. Everything is inside the one file: it opens offline, makes no
network request and works on a phone, in dark mode and on paper (A4). Only reads your progress.

Written to roadmap-report.html in the current folder unless --output says where; an existing file
is kept unless --force.

Example:  roadmap report --output ~/progress.html --open
""",
)

DEFAULT_OUTPUT = Path("roadmap-report.html")


def report(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Write the page to this file (- for stdout).",
            dir_okay=False,
            show_default="roadmap-report.html",
        ),
    ] = DEFAULT_OUTPUT,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in your web browser once written.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")] = False,
) -> None:
    from roadmap_cli.commands.options import today
    from roadmap_cli.lookup import read_progress, replan_end
    from roadmap_cli.output import write_document
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.render.progress_display import progress_display
    from roadmap_cli.views.today import advice, needs_replan

    # The charts take a second or more: on a terminal, stderr shows how far the page has got.
    with progress_display(4) as shown:
        shown.step("Reading your progress")
        with open_store(readonly=True) as store:
            state = store.state()
            progress = read_progress(store, today(), state)
        end = replan_end(progress.plan, state, progress.today) if needs_replan(progress) else None
        from roadmap_cli.catalog.registry import load_catalog
        from roadmap_cli.render.report import render_report
        from roadmap_cli.views.report import cited_sources

        shown.step("Reading the sources")
        packs = [Path(p) for p in progress.plan.request.packs if Path(p).is_file()]
        sources = cited_sources(progress, load_catalog(packs))
        shown.step("Drawing the page and its charts")
        page = render_report(progress, state, sources, advice(progress, end))
        shown.step("Writing the page")
        write_document(page, output, force=force)
    if open_page and str(output) != "-":
        _open(output)


def _open(path: Path) -> None:
    """Open the page in the browser; where there is none, say where the page is instead of failing."""
    import sys
    import webbrowser

    try:
        opened = webbrowser.open(path.resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        from roadmap_cli.safetext import safe

        sys.stderr.write(f"No web browser could be opened; open {safe(str(path))} yourself.\n")


def register(app: typer.Typer) -> None:
    app.command("report", help=HELP)(report)
