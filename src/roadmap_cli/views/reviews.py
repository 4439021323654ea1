"""Spaced review: which finished milestones are due for review, in what order, on which days. Pure:
``today`` is passed in, and nothing here imports the scheduler.

* A finished milestone (ticked, or taught by a skill rated 2 or 3 in ``roadmap assess``) is one
  **card**, keyed by the milestone's id, so editing its text never resets it. Its memory state is
  what its last ``review`` event left (:class:`~roadmap_cli.progress.models.CardState`); before its
  first review it is due the day after it was finished.
* **Most forgotten first**: due cards are taken in order of their retrievability, lowest first.
* **Within the share**: each study day keeps ``calendar.review`` percent of its time for review
  (``plan --review``). A review takes :data:`REVIEW_MINUTES`, or the whole share on a day whose
  share is shorter. What does not fit waits for the next study days, each taking no more than its
  own share, so a backlog after a break is spread over the days after it, never dumped on one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from roadmap_cli.dates import local_day, monday_of
from roadmap_cli.progress.models import CardState, ItemRecord, ProgressState
from roadmap_cli.progress.saved import PlanItem, SavedPlan
from roadmap_cli.record import Record
from roadmap_cli.studytime import StudyCalendar

#: Minutes one review takes: read the prompt, answer it out loud or on paper, check it.
REVIEW_MINUTES = 10
#: The FSRS-6 parameters every review is scheduled with: py-fsrs 6.3's defaults, fitted by its
#: authors on millions of reviews. Given to the scheduler explicitly, so that a card's intervals
#: and the forgetting curve below stay the same whatever release of py-fsrs is installed (6.0
#: shipped other defaults).
PARAMETERS = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
#: Recall kept at 90%: a card comes back when the chance of recalling it falls to this.
RETENTION = 0.9
DECAY = -PARAMETERS[20]
FACTOR = 0.9 ** (1 / DECAY) - 1  # R is 0.9 when t = S: how FSRS defines stability
#: The stability of a card after a first "good" (w[2]), in days: what a finished milestone is
#: taken to have before its first review.
FIRST_STABILITY = PARAMETERS[2]
#: How far ahead the review days are laid out: enough for any backlog a break leaves.
HORIZON_DAYS = 366


def retrievability(stability: float, elapsed_days: int) -> float:
    """The chance of recalling a card ``elapsed_days`` after its last review: FSRS's own forgetting
    curve, ``(1 + FACTOR * t / S) ** DECAY`` with FACTOR chosen so that R is 0.9 when t = S
    (``Scheduler.get_card_retrievability`` computes the same, whole days elapsed). Written out here
    because the daily commands show it, and importing the scheduler for one line of arithmetic
    would add about 12 ms to each of their start-ups (measured: best of seven fresh processes of
    ``python -c "import roadmap_cli.views.reviews, fsrs"`` against the same without ``fsrs``,
    57 ms against 45; ``fsrs`` pulls in its enums, its cards and its own typing). The test
    ``test_the_hand_written_curve_is_fsrs_own`` holds the two to the same numbers."""
    return float((1 + FACTOR * max(0, elapsed_days) / stability) ** DECAY)


class Card(Record):
    """A finished milestone, as review sees it."""

    id: str
    title: str
    prompt: str  # the prompt its next review asks, the item's prompts in turn
    due: date
    since: date  # its last review, or the day it was finished
    stability: float
    reviews: int  # reviews so far
    state: CardState | None = None  # None before the first review

    def retrievability(self, day: date) -> float:
        return retrievability(self.stability, (day - self.since).days)


class ReviewSlot(Record):
    card: Card
    minutes: int
    retrievability: float  # on the day it is planned for


class ReviewDay(Record):
    day: date
    share: int  # minutes kept for review that day
    slots: tuple[ReviewSlot, ...]

    @property
    def used(self) -> int:
        return sum(s.minutes for s in self.slots)


class ReviewLoad(Record):
    """Review as of today: what ``today`` lists, what waits, and what ``status`` sums up."""

    today: date
    share: int  # percent of each study day kept for review
    cards: int
    due: tuple[ReviewSlot, ...]  # every card due by today, most forgotten first
    planned: tuple[ReviewSlot, ...]  # today's reviews, within today's share
    done_today: int
    done_this_week: int
    remembered: float | None  # the mean retrievability of every card today: None without one
    next_due: date | None = None  # the first day after today a review falls due

    @property
    def waiting(self) -> int:
        """Due, but past today's share: they go to the next study days."""
        return len(self.due) - len(self.planned)


def _finished_on(
    item: PlanItem, record: ItemRecord, ratings: dict[str, int], rated_on: dict[str, date]
) -> date | None:
    """The day a milestone became something to review, or None if it has not."""
    if record.ticked and record.ticked_at:
        return local_day(record.ticked_at)
    days = [rated_on[s] for s in item.skills if ratings.get(s, 0) >= 2 and s in rated_on]
    return min(days) if days else None


def cards_of(plan: SavedPlan, state: ProgressState) -> list[Card]:
    """Every card of the plan's milestones: finished ones, and any reviewed before."""
    ratings = state.ratings()
    rated_on: dict[str, date] = {}
    for skill, entry in state.rating_entries():
        if entry.rating >= 2:
            rated_on.setdefault(skill, entry.on)
        else:
            rated_on.pop(skill, None)
    cards = []
    for item in plan.all_items():
        if item.kind != "milestone":
            continue
        record = state.get(item.id)
        count = len(record.reviews)
        prompt = (
            item.prompts[count % len(item.prompts)]
            if item.prompts
            else f"Explain what you learned: {item.title}"
        )
        card = record.card
        if card is not None:
            cards.append(
                Card(item.id, item.title, prompt, card.due, card.last_review, card.stability, count, card)
            )
            continue
        finished = _finished_on(item, record, ratings, rated_on)
        if finished is not None:
            cards.append(
                Card(item.id, item.title, prompt, finished + timedelta(days=1), finished, FIRST_STABILITY, 0)
            )
    return cards


def review_days(
    cards: list[Card], calendar: StudyCalendar, today: date, *, done_today: int = 0, days: int = HORIZON_DAYS
) -> list[ReviewDay]:
    """The reviews of each study day from ``today`` on, within each day's share: the due cards, most
    forgotten first; what does not fit waits for the next study day. ``done_today``: reviews done
    today already, which take their minutes out of today's share."""
    waiting = sorted(cards, key=lambda c: c.due)
    queue: list[Card] = []
    planned: list[ReviewDay] = []
    at = 0
    for offset in range(days):
        day = today + timedelta(days=offset)
        while at < len(waiting) and waiting[at].due <= day:
            queue.append(waiting[at])
            at += 1
        share = calendar.review_minutes_on(day)
        left = max(0, share - (done_today * REVIEW_MINUTES if offset == 0 else 0))
        queue.sort(key=lambda c: (c.retrievability(day), c.due, c.id))
        slots = []
        while queue and left > 0:
            card = queue.pop(0)
            minutes = min(REVIEW_MINUTES, left)
            slots.append(ReviewSlot(card, minutes, card.retrievability(day)))
            left -= minutes
        if share:
            planned.append(ReviewDay(day, share, tuple(slots)))
        if at == len(waiting) and not queue:
            break
    return planned


def review_load(plan: SavedPlan, state: ProgressState, today: date) -> ReviewLoad:
    cards = cards_of(plan, state)
    reviewed = [r.on for item_id in state.items for r in state.items[item_id].reviews]
    done_today = sum(1 for on in reviewed if on == today)
    monday = monday_of(today)
    due = sorted((c for c in cards if c.due <= today), key=lambda c: (c.retrievability(today), c.due, c.id))
    first = review_days(cards, plan.calendar, today, done_today=done_today, days=1)
    planned = first[0].slots if first and first[0].day == today else ()
    return ReviewLoad(
        today=today,
        share=plan.calendar.review,
        cards=len(cards),
        due=tuple(ReviewSlot(c, REVIEW_MINUTES, c.retrievability(today)) for c in due),
        planned=tuple(planned),
        done_today=done_today,
        done_this_week=sum(1 for on in reviewed if monday <= on <= today),
        remembered=(sum(c.retrievability(today) for c in cards) / len(cards)) if cards else None,
        next_due=min((c.due for c in cards if c.due > today), default=None),
    )


def reviewed_at(day: date) -> datetime:
    """The time a review on ``day`` is given to the scheduler: noon UTC, so the intervals between
    reviews are whole days, whatever the hour and the time zone."""
    from datetime import time, timezone

    return datetime.combine(day, time(12), timezone.utc)


class RetentionPoint(Record):
    day: date  # the last day of a week (or today, for this week)
    remembered: float  # the mean retrievability of the cards of that day, 0 to 1
    cards: int


def retention_curve(plan: SavedPlan, state: ProgressState, today: date) -> list[RetentionPoint]:
    """How much of what was finished was still remembered at the end of each week, from the week of
    the first card to today: each card as its reviews up to that day left it (FSRS's estimate)."""
    cards = cards_of(plan, state)
    if not cards:
        return []
    history: dict[str, list[tuple[date, float]]] = {}
    for card in cards:
        reviews = [(r.on, r.card.stability) for r in state.get(card.id).reviews]
        record = state.get(card.id)
        if record.ticked_at:
            finished = local_day(record.ticked_at)
        elif reviews:  # finished by a rating, or unticked since: the day before its first review
            finished = reviews[0][0] - timedelta(days=1)
        else:
            finished = card.since
        history[card.id] = [(min([finished, *(on for on, _ in reviews[:1])]), FIRST_STABILITY), *reviews]
    begin = min(h[0][0] for h in history.values())
    points = []
    day = monday_of(begin) + timedelta(days=6)
    while True:
        at = min(day, today)
        values = []
        for steps in history.values():
            held = [(on, s) for on, s in steps if on <= at]
            if held:
                on, stability = held[-1]
                values.append(retrievability(stability, (at - on).days))
        if values:
            points.append(RetentionPoint(at, sum(values) / len(values), len(values)))
        if at >= today:
            return points
        day += timedelta(days=7)
