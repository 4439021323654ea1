"""What ``roadmap review`` does: go through the reviews due, one by one, or record one review, or
take the last one back. Each review is a ``review`` event holding the card's new memory state.

The scheduling is FSRS's (the ``fsrs`` package), imported here only, when a review is recorded:
the daily commands read the state it leaves without it (:mod:`roadmap_cli.views.reviews`).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from roadmap_cli.errors import UsageError
from roadmap_cli.inputs import event_time, today
from roadmap_cli.progress.models import RATINGS, CardState, review_value
from roadmap_cli.safetext import safe

if TYPE_CHECKING:
    from fsrs import Scheduler

    from roadmap_cli.progress.store import Store
    from roadmap_cli.views.reviews import Card, ReviewLoad

ASK = "How well did you recall it? [a]gain [h]ard [g]ood [e]asy · [s]kip · [q]uit: "
ANSWERS = {"a": "again", "h": "hard", "g": "good", "e": "easy"}


def scheduler() -> Scheduler:
    """The scheduler every review uses: FSRS with the parameters of :mod:`roadmap_cli.views.reviews`,
    no fuzz (the same answers give the same days), and no learning steps of minutes: a study plan
    counts in days, so a card goes to its next review day straight away."""
    from fsrs import Scheduler

    from roadmap_cli.views.reviews import PARAMETERS, RETENTION

    return Scheduler(
        parameters=PARAMETERS,
        desired_retention=RETENTION,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def schedule(card: Card, rating: str, day: date) -> CardState:
    """The card's state after a review on ``day`` rated ``rating`` (again, hard, good or easy)."""
    from fsrs import Card as FsrsCard
    from fsrs import Rating, State

    from roadmap_cli.views.reviews import reviewed_at

    kept = card.state
    if kept is None:
        before = FsrsCard(card_id=1, state=State.Learning, step=0, due=reviewed_at(card.due))
    else:
        before = FsrsCard(
            card_id=1,
            state=State(kept.state),
            step=None if kept.state == State.Review else 0,
            stability=kept.stability,
            difficulty=kept.difficulty,
            due=reviewed_at(kept.due),
            last_review=reviewed_at(kept.last_review),
        )
    at = reviewed_at(day)
    after, _ = scheduler().review_card(before, Rating[rating.capitalize()], review_datetime=at)
    assert after.stability is not None
    assert after.difficulty is not None
    return CardState(
        due=day + (after.due - at),
        last_review=day,
        stability=float(after.stability),
        difficulty=float(after.difficulty),
        state=int(after.state),
        reps=card.reviews + 1,
    )


def _load(store: Store, day: date) -> tuple[list[Card], ReviewLoad]:
    from roadmap_cli.views.reviews import cards_of, review_load

    plan = store.require_plan()
    state = store.state(notes=False)
    return cards_of(plan, state), review_load(plan, state, day)


def _rating(value: str) -> str:
    word = value.strip().lower()
    if word not in RATINGS:
        raise UsageError(
            f"--rating {value!r} is not a rating; give one of {', '.join(RATINGS)}",
            hint="again: you had forgotten it; hard, good, easy: you recalled it, with that much effort",
        )
    return word


def run(item_id: str | None, rating: str | None, undo: bool, list_: bool, json_out: bool) -> None:
    from roadmap_cli.progress.store import open_store

    day = today()
    if undo and (item_id is not None or rating is not None or list_):
        raise UsageError("--undo takes the last review back: give it alone")
    if list_ and (item_id is not None or rating is not None):
        raise UsageError("--list shows the reviews due: give it alone")
    if list_:
        with open_store(readonly=True) as store:
            _, load = _load(store, day)
        _write(load, [], json_out)
        return
    if undo:
        _undo(json_out)
        return
    asked = _rating(rating) if rating is not None else None
    if asked is not None and item_id is None:
        raise UsageError(
            "--rating needs the milestone you reviewed",
            hint="e.g. roadmap review sql-fundamentals --rating good",
        )
    if asked is None and not sys.stdin.isatty():
        raise UsageError(
            "roadmap review asks how well you recalled each item, and there is no terminal to ask in",
            hint="record a review with `roadmap review ID --rating good` (again, hard, good or easy); "
            "`roadmap review --list` shows the ones due",
        )
    if asked is None and json_out:
        raise UsageError("--json goes with --rating or --list: the questions are asked in a terminal")
    with open_store(readonly=False) as store:
        cards, load = _load(store, day)
        if item_id is not None:
            wanted = item_id.strip().lower()
            card = next((c for c in cards if c.id == wanted), None)
            if card is None:
                raise _no_card(store, wanted)
            todo = [card]
        else:
            todo = [slot.card for slot in load.due]
        done = [_record(store, todo[0], asked, day)] if asked is not None else _ask(store, todo, day)
        _, after = _load(store, day)
    _write(after, done, json_out)


def _no_card(store: Store, item_id: str) -> UsageError:
    plan = store.require_plan()
    item = plan.item(item_id)
    if item is None:
        return UsageError(
            f"{item_id!r} is not an item of your plan",
            hint="`roadmap review --list` shows the reviews due; `roadmap show` lists the items",
        )
    if item.kind != "milestone":
        return UsageError(f"{item_id!r} is a project: milestones are reviewed, projects are shown")
    return UsageError(
        f"{item_id!r} has nothing to review yet: a milestone comes up for review once you tick it",
        hint=f"roadmap check {item_id}",
    )


def _record(store: Store, card: Card, rating: str, day: date) -> tuple[Card, str, CardState]:
    state = schedule(card, rating, day)
    store.record([(card.id, "review", review_value(day, rating, state))], at=event_time())
    return card, rating, state


def _ask(store: Store, todo: list[Card], day: date) -> list[tuple[Card, str, CardState]]:
    from roadmap_cli.render.term import para, term, write

    if not todo:
        return []
    t = term()
    done: list[tuple[Card, str, CardState]] = []
    for n, card in enumerate(todo, 1):
        lines = ["", t.paint(f"{n}/{len(todo)} {safe(card.id)}", "bold"), *para(safe(card.title), indent=2)]
        lines += para(safe(card.prompt), "cyan", indent=2)
        write("\n".join(lines) + "\n")
        while True:
            sys.stdout.write(ASK)
            sys.stdout.flush()
            answer = sys.stdin.readline()
            if not answer:  # end of input: stop as if asked to
                return done
            key = answer.strip().lower()[:1]
            if key in ANSWERS or key in ("s", "q"):
                break
        if key == "q":
            break
        if key == "s":
            continue
        done.append(_record(store, card, ANSWERS[key], day))
        write(f"  next review on {done[-1][2].due.isoformat()}\n")
    return done


def _undo(json_out: bool) -> None:
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=False) as store:
        state = store.state(notes=False)
        entries = [(item_id, r) for item_id, rec in state.items.items() for r in rec.reviews]
        if not entries:
            raise UsageError(
                "there is no review to take back", hint="`roadmap review --list` shows the ones due"
            )
        item_id, last = max(entries, key=lambda pair: pair[1].seq)
        store.record([(item_id, "unreview", last.uid)], at=event_time())
        _, load = _load(store, today())
    if json_out:
        from roadmap_cli.render.jsonout import emit, review_document

        emit(review_document(load, [], undone=(item_id, last.on, last.rating)))
        return
    from roadmap_cli.render.term import para, write

    write(
        "\n".join(para(f"Took back the review of {safe(item_id)} on {last.on.isoformat()} ({last.rating})."))
        + "\n"
    )


def _write(load: ReviewLoad, done: list[tuple[Card, str, CardState]], json_out: bool) -> None:
    if json_out:
        from roadmap_cli.render.jsonout import emit, review_document

        emit(review_document(load, done))
        return
    from roadmap_cli.render.text import review_text, write

    write(review_text(load, done))
