"""What ``roadmap break`` does: add, list or take back a break, re-flowing the active plan."""

from __future__ import annotations

import json
import sys
from datetime import date

from roadmap_cli.errors import UsageError
from roadmap_cli.inputs import event_time
from roadmap_cli.progress.saved import SavedPlan
from roadmap_cli.safetext import is_text, safe
from roadmap_cli.studytime import MAX_BREAKS, Break, CalendarError, parse_span

MAX_NOTE = 200  #: a break's note: a word or a line, well inside what a saved plan keeps


def _days_off(plan: SavedPlan, taken: Break) -> int:
    """Study days the break takes: days that had study time in the plan's week, less holidays."""
    calendar = plan.calendar.with_breaks(())
    return sum(
        1 for n in range(taken.days) if calendar.minutes_on(date.fromordinal(taken.start.toordinal() + n)) > 0
    )


def _listing(plan: SavedPlan) -> list[dict[str, object]]:
    return [
        {
            "from": b.start.isoformat(),
            "to": b.end.isoformat(),
            "note": b.note or None,
            "study_days": _days_off(plan, b),
        }
        for b in plan.calendar.breaks
    ]


def run(span: str | None, note: str | None, list_: bool, undo: bool, json_out: bool) -> None:
    from roadmap_cli.progress.reflow import reflow
    from roadmap_cli.progress.store import open_store

    if sum(bool(x) for x in (span is not None, list_, undo)) != 1:
        raise UsageError(
            "give the days off (FROM..TO), or --list, or --undo",
            hint='e.g. roadmap break 2027-08-02..2027-08-15 --note "summer holiday"',
        )
    if note is not None and span is None:
        raise UsageError(
            "--note goes with the days off, e.g. roadmap break 2027-08-02..2027-08-15 --note exams"
        )
    if note is not None and (len(note) > MAX_NOTE or not is_text(note)):
        raise UsageError(
            f"--note '{safe(note[:60])}' is not a note of up to {MAX_NOTE} characters of UTF-8 text; "
            "nothing was written",
            hint="give a short note, e.g. --note exams",
        )
    if list_:
        with open_store(readonly=True) as store:
            plan = store.require_plan()
        _write_list(plan, json_out)
        return
    with open_store(readonly=False) as store:
        plan = store.require_plan()
        breaks = list(plan.calendar.breaks)
        if undo:
            if not breaks:
                raise UsageError(
                    "your plan has no break to take back", hint="`roadmap break --list` lists them"
                )
            taken = breaks.pop()
            new = reflow(plan, taken.start, plan.calendar.with_breaks(breaks))
            store.save_plan(new, at=event_time())
            what = "Took back the break"
        else:
            assert span is not None
            try:
                first, last = parse_span(span)
            except CalendarError as error:
                raise UsageError(str(error)) from None
            if len(breaks) >= MAX_BREAKS:
                raise UsageError(
                    f"a plan holds at most {MAX_BREAKS} breaks", hint="take some back with --undo"
                )
            if last < plan.start:
                raise UsageError(
                    f"{span} ends before your plan starts ({plan.start.isoformat()})",
                    hint="a break is for days of the plan",
                )
            taken = Break(first, last, (note or "").strip())
            overlap = next((b for b in breaks if b.start <= last and first <= b.end), None)
            if overlap is not None:
                raise UsageError(
                    f"{span} overlaps your break {overlap.start.isoformat()}..{overlap.end.isoformat()}",
                    hint="take that one back with `roadmap break --undo` (the last one) or give other days",
                )
            new = reflow(plan, first, plan.calendar.with_breaks([*breaks, taken]))
            store.save_plan(new, at=event_time())
            what = "Break added"
    if json_out:
        doc = {
            "version": 1,
            "break": {
                "from": taken.start.isoformat(),
                "to": taken.end.isoformat(),
                "note": taken.note or None,
            },
            "undone": undo,
            "end_before": plan.end.isoformat(),
            "end": new.end.isoformat(),
            "breaks": _listing(new),
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    from roadmap_cli.render.term import para, write

    about = f" ({safe(taken.note)})" if taken.note else ""
    off = _days_off(new, taken)
    moved = (
        f"the plan now ends on {new.end.isoformat()} (was {plan.end.isoformat()})"
        if new.end != plan.end
        else f"the plan still ends on {new.end.isoformat()}"
    )
    direction = "comes back to" if undo else "moves after"
    lines = para(
        f"{what}: {taken.start.isoformat()} to {taken.end.isoformat()}{about}, {taken.days} day"
        f"{'s' if taken.days != 1 else ''}, {off} of them study days."
    )
    lines += para(
        f"What was planned from {max(taken.start, plan.start).isoformat()} on {direction} them: {moved}."
    )
    write("\n".join(lines) + "\n")


def _write_list(plan: SavedPlan, json_out: bool) -> None:
    if json_out:
        doc = {"version": 1, "breaks": _listing(plan)}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    from roadmap_cli.render.term import para, write
    from roadmap_cli.render.units import count_text

    if not plan.calendar.breaks:
        write("\n".join(para("No breaks in your plan. Add one: roadmap break FROM..TO --note TEXT")) + "\n")
        return
    lines = [
        line
        for b in plan.calendar.breaks
        for line in para(
            f"{b.start.isoformat()} to {b.end.isoformat()}  {count_text(_days_off(plan, b), 'study day')}"
            + (f"  {safe(b.note)}" if b.note else "")
        )
    ]
    write("\n".join(lines) + "\n")
