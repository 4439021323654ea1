"""What ``roadmap assess`` does: rate yourself 0 to 3 on the skills of your plan, and re-flow it.

A rating is kept by skill (``roadmap skills``), not by item or stack, so it counts in every
stack's plan. 3 ("I can do it cold"): the items that teach the skill count as done, as a skip
does, and come up for review. 2 ("I have done it, with notes"): their hours are cut by
:data:`~roadmap_cli.progress.counting.ASSESSED_CUT` percent, and they come up for review. 0 ("new
to me") and 1 ("I have seen it"): they are planned in full. Each rating is an ``assess`` event;
``--undo`` takes the last one back. After either, the plan is re-flowed from today, as
``roadmap replan`` does, and the command says what the assessment saved.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from roadmap_cli.errors import UsageError
from roadmap_cli.inputs import event_time, today
from roadmap_cli.progress.models import SKILL_LEVELS, SKILL_PREFIX, assess_value
from roadmap_cli.safetext import safe

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.progress.saved import SavedPlan
    from roadmap_cli.progress.store import Store

LEVELS = {
    0: "new to me",
    1: "I have seen it, not used it",
    2: "I have done it, with notes",
    3: "I can do it cold, in an interview",
}
#: Self-check questions asked per skill: the review prompts of the items that teach it.
CHECKS = 3


def assessable(catalog: Catalog) -> list[dict[str, Any]]:
    """The skills a rating can name: those that say which items teach them."""
    return [s for s in catalog.skills if s.get("items")]


def resolve(word: str, skills: Sequence[Mapping[str, Any]]) -> str:
    """A skill as a person names it: its id, or a part of its id or name that only it has
    (``sql`` is PostgreSQL's); a usage error listing the skills otherwise."""
    key = word.strip().lower()
    ids = [str(s["id"]) for s in skills]
    if key in ids:
        return key
    found = [str(s["id"]) for s in skills if key and (key in str(s["id"]) or key in str(s["name"]).lower())]
    if len(found) == 1:
        return found[0]
    named = ", ".join(ids)
    if found:
        raise UsageError(f"{word.strip()!r} names more than one skill ({', '.join(found)}); give its id")
    raise UsageError(f"{word.strip()!r} is not a skill roadmap knows; the skills are: {named}")


def parse_ratings(words: Sequence[str], skills: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """``sql=3 docker=2`` (or ``sql=3,docker=2``) as ratings by skill id."""
    ratings: dict[str, int] = {}
    for word in (w for text in words for w in text.replace(",", " ").split()):
        name, sep, value = word.partition("=")
        if not sep or not name.strip() or value.strip() not in ("0", "1", "2", "3"):
            raise UsageError(
                f"{word!r} is not SKILL=RATING with a rating of 0 to 3",
                hint="e.g. roadmap assess --rate sql=3 docker=2 "
                "(0 new, 1 seen it, 2 done it with notes, 3 cold)",
            )
        ratings[resolve(name, skills)] = int(value)
    return ratings


def run(words: Sequence[str], undo: bool, list_: bool, json_out: bool) -> None:
    from roadmap_cli.progress.store import open_store

    if sum((bool(words), undo, list_)) > 1:
        raise UsageError("give ratings, or --undo, or --list, one at a time")
    if list_:
        with open_store(readonly=True) as store:
            plan = store.require_plan()
            ratings = store.state(notes=False).ratings()
        catalog = _catalog(plan)
        _write_list(plan, catalog, ratings, json_out)
        return
    if not words and not undo:
        if not sys.stdin.isatty():
            raise UsageError(
                "roadmap assess asks about each skill of your plan, and there is no terminal to ask in",
                hint="give the ratings: roadmap assess --rate sql=3 docker=2 (0 to 3 each)",
            )
        if json_out:
            raise UsageError("--json goes with ratings given on the command line, or --undo, or --list")
    with open_store(readonly=False) as store:
        old = store.require_plan()
        catalog = _catalog(old)
        skills = assessable(catalog)
        undone: tuple[str, int] | None = None
        if undo:
            entries = store.state(notes=False).rating_entries()
            if not entries:
                raise UsageError("there is no self-assessment to take back", hint="roadmap assess --list")
            skill, last = entries[-1]
            store.record([(SKILL_PREFIX + skill, "unassess", last.uid)], at=event_time())
            undone, given = (skill, last.rating), {}
        else:
            given = parse_ratings(words, skills) if words else _ask(old, skills, store)
            if not given:
                return
            day = today()
            store.record(
                [(SKILL_PREFIX + s, "assess", assess_value(day, r)) for s, r in given.items()],
                at=event_time(),
            )
        new = _reflow(store, old, catalog)
        ratings = store.state(notes=False).ratings()
    _write(old, new, given, undone, ratings, _plan_skills(new, skills), json_out)


def _catalog(plan: SavedPlan) -> Catalog:
    """The content the plan was made from; an error, as ``replan`` gives, when one of its packs is gone."""
    from pathlib import Path

    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.errors import RoadmapError

    missing = [p for p in plan.request.packs if not Path(p).is_file()]
    if missing:
        raise RoadmapError(
            f"the plan was made with a content pack that is gone: {', '.join(missing)}",
            hint="put it back, or make a new plan with `roadmap plan`",
        )
    return load_catalog([Path(p) for p in plan.request.packs])


def _reflow(store: Store, old: SavedPlan, catalog: Catalog) -> SavedPlan:
    """The plan re-flowed from today with the ratings that hold now, saved: ``roadmap replan``'s way."""
    from roadmap_cli.planner import make_plan
    from roadmap_cli.progress.counting import assessment_for, done_for, logged_credit, with_cut
    from roadmap_cli.progress.reflow import replan_request
    from roadmap_cli.progress.saved import from_planner

    state = store.state()
    first_day = max(today(), old.start)
    known, cut = assessment_for(state, catalog, old.request.lang)
    done = done_for(state, old.request.lang, old.worded_per_stack) | known
    request = replan_request(
        old, done, first_day, calendar=old.calendar, credited=with_cut(logged_credit(state), cut)
    )
    new = from_planner(
        make_plan(catalog, request),
        catalog,
        old.request.packs,
        journey_start=old.first_day,
        replans=(*old.replans, first_day) if first_day > old.first_day else old.replans,
    )
    store.save_plan(new, at=event_time())
    return new


def _plan_skills(plan: SavedPlan, skills: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    ids = plan.ids()
    return [s for s in skills if ids & set(s["items"])]


def _ask(plan: SavedPlan, skills: Sequence[Mapping[str, Any]], store: Store) -> dict[str, int]:
    """Each skill of the plan in turn: a few yes/no self-checks (the review prompts of the items that
    teach it), the rating they suggest, and the rating; Enter keeps the suggestion."""
    from roadmap_cli.render.term import para, term, write

    t = term()
    ratings = store.state(notes=False).ratings()
    given: dict[str, int] = {}
    scale = " · ".join(f"{n} {words}" for n, words in LEVELS.items())
    write("\n".join(para(f"Rate yourself on each skill of your plan: {scale}.")) + "\n")
    for skill in _plan_skills(plan, skills):
        prompts = [p for i in skill["items"] if (item := plan.item(i)) is not None for p in item.prompts]
        now = ratings.get(str(skill["id"]))
        held = f" (now {now})" if now is not None else ""
        write("\n" + t.paint(f"{safe(str(skill['name']))}{held}", "bold") + "\n")
        yes = 0
        for prompt in prompts[:CHECKS]:
            answer = _line(f"  Could you do this now, without notes? {safe(prompt)} [y/n, q to stop] ")
            if answer is None or answer.strip().lower() == "q":
                return given
            yes += answer.strip().lower().startswith("y")
        suggested = min(3, yes) if prompts else 0
        while True:
            answer = _line(f"  Your rating, 0-3 [{suggested}; s to skip, q to stop]: ")
            if answer is None or answer.strip().lower() == "q":
                return given
            text = answer.strip().lower() or str(suggested)
            if text == "s":
                break
            if text.isdigit() and int(text) in SKILL_LEVELS:
                given[str(skill["id"])] = int(text)
                break
    return given


def _line(question: str) -> str | None:
    sys.stdout.write(question)
    sys.stdout.flush()
    answer = sys.stdin.readline()
    return answer if answer else None


def _write(
    old: SavedPlan,
    new: SavedPlan,
    given: Mapping[str, int],
    undone: tuple[str, int] | None,
    ratings: Mapping[str, int],
    skills: Sequence[Mapping[str, Any]],
    json_out: bool,
) -> None:
    if json_out:
        from roadmap_cli.render.jsonout import assess_document, emit

        emit(assess_document(new, skills, ratings, old=old, given=given, undone=undone))
        return
    from roadmap_cli.render.term import para, write
    from roadmap_cli.render.text import saved_text

    lines: list[str] = []
    if undone is not None:
        lines += para(f"Took back your rating of {undone[0]} ({undone[1]}).")
    for skill, rating in given.items():
        lines += para(f"{skill}: {rating} ({LEVELS[rating]})")
    lines += para(saved_text(old, new))
    write("\n".join(lines) + "\n")


def _write_list(plan: SavedPlan, catalog: Catalog, ratings: Mapping[str, int], json_out: bool) -> None:
    skills = _plan_skills(plan, assessable(catalog))
    if json_out:
        from roadmap_cli.render.jsonout import assess_document, emit

        emit(assess_document(plan, skills, ratings))
        return
    from roadmap_cli.render.term import fields, para, write

    lines = fields(
        [
            (
                safe(str(s["id"])),
                f"{safe(str(s['name']))}: "
                + (f"{ratings[s['id']]} ({LEVELS[ratings[s['id']]]})" if s["id"] in ratings else "not rated"),
            )
            for s in skills
        ],
        indent=0,
    )
    lines += para("Rate them: roadmap assess (in a terminal), or roadmap assess --rate sql=3 docker=2")
    write("\n".join(lines) + "\n")
