"""The shape of every JSON document roadmap prints, one ``TypedDict`` each.

The builders in :mod:`roadmap_cli.render.jsonout` are typed against these (mypy checks that each
document has every key, of the right type), and ``roadmap schema NAME`` turns them into a JSON
Schema with pydantic, so the published schema is the same declaration the code is checked against.
Importing this module costs nothing at run time: the builders only name these types in annotations.
The backup's shape belongs to the progress store that writes and reads it
(:mod:`roadmap_cli.progress.backup_shape`) and is only listed here.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from roadmap_cli.progress.backup_shape import BackupDoc

# -- plans ---------------------------------------------------------------------------------------


class RequestDoc(TypedDict):
    lang: str
    framework: str
    hours: float
    start: str
    months: list[int]
    core_only: bool
    packs: list[str]
    certs: list[str]  # the certifications chosen (or the pack's default)


class WindowDoc(TypedDict):
    months: list[int]
    end: str


class BreakDoc(TypedDict):
    start: str
    end: str
    note: str | None


class HolidayDoc(TypedDict):
    date: str
    name: str


class CalendarDoc(TypedDict):
    """The study time of each date: the weekdays' minutes, less breaks and public holidays."""

    described: str  # the week in words: "Mon-Fri 1 h, Sat 4 h (9 h/week)"
    weekday_minutes: list[int]  # Monday first
    given_as: Literal["hours", "days", "schedule"]
    breaks: list[BreakDoc]
    holidays_region: str | None
    holidays: list[HolidayDoc]  # the free days inside the plan's span
    deadline: str | None
    first_day: str  # the journey's first day: week numbers count from its week
    replans: list[str]  # the days the plan was re-flowed


class GuideShapeDoc(TypedDict):
    what: str
    how_long: str  # as the guide gives it
    source: str
    as_of: str


class SummaryDoc(TypedDict):
    """The plan in figures. Every hour figure but ``hours_per_week`` (what you asked for) is the
    project's estimate, not a figure from the guides: ``hours_are`` says so, ``hours_note`` how."""

    stack: str
    framework: str
    tools: dict[str, str]
    hours_per_week: float
    start: str
    end: str
    months: float
    weeks: int
    total_hours: float
    hours_are: Literal["estimates"]  # every hour figure is the project's estimate, not the guides'
    hours_note: str  # how the estimates were set
    window: WindowDoc
    fits_window: bool
    ends_early: bool
    warnings: list[str]
    left_out: list[str]
    calendar: CalendarDoc
    guides: list[GuideShapeDoc]  # the guides' own shape of the path, beside the plan's


class WeekItemDoc(TypedDict):
    id: str
    title: str
    kind: str
    phase: str
    hours: float


class WeekDoc(TypedDict):
    week: int
    start: str
    capacity: float
    hours: float
    items: list[WeekItemDoc]


class ResourceDoc(TypedDict):
    title: str
    url: str
    kind: str  # docs, tutorial, reference or spec


class PlanItemDoc(TypedDict):
    """A milestone or project. ``hours`` is the project's estimate (no guide gives hours per item);
    ``weekly_hours`` is set for weekly practice, spread over the weeks of its span."""

    id: str
    title: str
    kind: str
    phase: str
    priority: str
    track: str | None
    hours: float
    start: str | None
    end: str | None
    weekly_hours: int | None  # weekly practice: hours in each week of its span
    cert: str | None  # the certification it studies for
    depends_on: list[str]
    resources: list[ResourceDoc]  # official documentation of the tools it names, at most four
    sources: list[str]


ItemState = Literal["done", "skipped", "overdue", "in_progress", "planned", "unscheduled"]


class TrackedItemDoc(PlanItemDoc):
    state: ItemState
    notes: list[str]
    evidence: list[str]
    ticked_at: str | None
    logged_hours: float  # study time logged with `roadmap log`
    done_in: str | None  # ticked in a plan for this other stack, so not done in this one


class CertDoc(TypedDict):
    id: str
    name: str
    issuer: str
    phase: str
    start: str  # when its study starts in this plan
    hours: float  # estimated study hours in the plan
    items: list[str]  # its study items


class PlanDoc(TypedDict):
    """``roadmap plan --json``: the plan as made (and saved)."""

    version: int
    request: RequestDoc
    summary: SummaryDoc
    weeks: list[WeekDoc]
    items: list[PlanItemDoc]
    settled: list[PlanItemDoc]
    certifications: list[CertDoc]


ReplanChangeDoc = TypedDict(
    "ReplanChangeDoc", {"from": str, "old_end": str, "new_end": str, "days_moved": int, "kept_done": int}
)


class ReplanDoc(PlanDoc):
    """``roadmap replan --json``: the new plan, and what changed."""

    replan: ReplanChangeDoc


# -- progress ------------------------------------------------------------------------------------


class TotalsDoc(TypedDict):
    done_items: int
    total_items: int
    done_hours: float  # done and skipped items, and logged time on the rest up to their estimates
    total_hours: float
    logged_hours: float
    percent: float


class PhaseDoc(TotalsDoc):
    id: str
    title: str
    start: str | None
    end: str | None
    current: bool


class ProgressDoc(TotalsDoc):
    measure: str
    today: str
    phases: list[PhaseDoc]


class ExportDoc(TypedDict):
    """``roadmap export --format json``: the plan in the shape of ``plan --json``, each item with its
    state, plus the progress."""

    version: int
    request: RequestDoc
    summary: SummaryDoc
    weeks: list[WeekDoc]
    items: list[TrackedItemDoc]
    settled: list[TrackedItemDoc]
    certifications: list[CertDoc]
    progress: ProgressDoc


class BriefItemDoc(TypedDict):
    id: str
    title: str
    kind: str
    phase: str
    hours: float
    start: str | None
    end: str | None


class StatusPlanDoc(TypedDict):
    stack: str
    framework: str
    hours_per_week: float
    start: str
    end: str
    days_left: int


class ForecastDoc(TypedDict):
    pace_hours_per_week: float  # work done a week, the mean of the last four weeks
    spread_hours_per_week: float  # how much those four weeks differ (their standard deviation)
    plan_hours_per_week: float  # the plan's own weekly study time
    source: Literal["logged", "ticks", "both"]
    hours_left: float
    end_earliest: str | None  # at the pace plus its spread; null when the pace is nothing
    end_latest: str | None  # at the pace less its spread; null when that is nothing


class CalibrationDoc(TypedDict):
    items: int  # finished items with study time logged
    logged_hours: float
    estimated_hours: float
    ratio: float  # logged over estimated


class PassedCertDoc(TypedDict):
    id: str
    name: str
    on: str


class AdviceDoc(TypedDict):
    kind: Literal["behind", "ahead", "finished"]
    text: str
    command: str | None
    replan_end: str | None


class StatusDoc(TypedDict):
    version: int
    today: str
    hours_are: Literal["estimates"]  # every hour figure is the project's estimate, not the guides'
    plan: StatusPlanDoc
    standing: Literal["before_start", "ahead", "on_time", "behind", "finished"]
    ahead_hours: float
    ahead_minutes: int  # the same, exactly: done work less the work due by now
    ahead_days: int
    planned_today_hours: float  # the plan's work for today
    due_hours: float
    done_scheduled_hours: float
    progress: TotalsDoc
    phases: list[PhaseDoc]
    current_phase: str | None
    overdue: list[BriefItemDoc]
    next: list[BriefItemDoc]
    streak_weeks: int
    orphans: list[str]
    unscheduled: list[str]
    forecast: ForecastDoc | None
    calibration: CalibrationDoc | None
    certifications_passed: list[PassedCertDoc]
    advice: AdviceDoc | None
    reviews: ReviewsDoc | None


class NextWeekDoc(TypedDict):
    number: int
    start: str
    end: str
    planned_hours: float
    hours_left: float


class NextItemDoc(BriefItemDoc):
    hours_this_week: float
    done: bool
    state: ItemState  # the item's state, the same in every view
    logged_hours_this_week: float  # logged on it this week, up to its hours this week


class NextDoc(TypedDict):
    version: int
    today: str
    hours_are: Literal["estimates"]  # every hour figure is the project's estimate, not the guides'
    standing: Literal["before_start", "in_plan", "after_end"]
    week: NextWeekDoc | None
    items: list[NextItemDoc]
    overdue: list[BriefItemDoc]
    advice: AdviceDoc | None


class TodayItemDoc(TypedDict):
    id: str
    title: str
    minutes: int
    reason: Literal["overdue", "in_progress", "this_week", "ahead"]
    why: str
    state: ItemState


class ReviewDueDoc(TypedDict):
    id: str
    title: str
    prompt: str  # what to explain or show
    minutes: int
    due: str  # the day it fell due
    retrievability: float  # FSRS's estimate of the chance you recall it now, 0 to 1
    reviews: int  # reviews so far


class ReviewsDoc(TypedDict):
    """The reviews as of today: due, planned within today's share, done."""

    share_percent: int  # of each study day, kept for review
    cards: int  # finished milestones under review
    due: int  # due by today
    planned: list[ReviewDueDoc]  # today's, most forgotten first, within today's share
    waiting: int  # due but past today's share: they go to the next study days
    done_today: int
    done_this_week: int
    remembered: float | None  # the mean retrievability of every card today, 0 to 1
    next_due: str | None  # the first day after today a review falls due


class ReviewedDoc(TypedDict):
    id: str
    rating: Literal["again", "hard", "good", "easy"]
    next_review: str  # the day it comes back
    stability: float  # FSRS: days until recall falls to 90%
    difficulty: float  # FSRS: 1 to 10


class UndoneReviewDoc(TypedDict):
    id: str
    on: str
    rating: str


class ReviewDoc(TypedDict):
    """``roadmap review --json``: the reviews recorded (or taken back), then the reviews due."""

    version: int
    date: str
    recorded: list[ReviewedDoc]
    undone: UndoneReviewDoc | None
    due: list[ReviewDueDoc]  # every review due by today, most forgotten first
    reviews: ReviewsDoc


class AssessedSkillDoc(TypedDict):
    id: str
    name: str
    rating: int | None  # 0 new to it, 1 seen it, 2 done it with notes, 3 can do it cold; null: not rated
    items: list[str]  # the plan's items that teach it


class AssessChangeDoc(TypedDict):
    skill: str
    rating: int


class AssessPlanDoc(TypedDict):
    old_end: str
    end: str
    old_hours: float  # scheduled, before the assessment
    hours: float
    saved_hours: float  # old_hours less hours: negative when the plan grew
    days_sooner: int  # negative: the plan ends later


class AssessDoc(TypedDict):
    """``roadmap assess --json``: the ratings given (or taken back), every skill of the plan with its
    rating, and what the re-flowed plan saved (null with --list: nothing changed)."""

    version: int
    recorded: list[AssessChangeDoc]
    undone: AssessChangeDoc | None
    skills: list[AssessedSkillDoc]
    plan: AssessPlanDoc | None


class TodayDoc(TypedDict):
    """``roadmap today --json``: what to do today, in order, in the time there is."""

    version: int
    date: str
    hours: float  # the day's study time
    logged_hours: float  # logged today already
    left_hours: float  # the day's study time less what is logged today
    off: str | None  # why the day has no study time (a break, a holiday), else null
    items: list[TodayItemDoc]
    more: list[str]  # when nothing more is asked of today: the next item, for more
    advice: AdviceDoc | None
    reviews: ReviewsDoc | None


class LinkDoc(TypedDict):
    id: str
    title: str
    state: ItemState | None  # null: not in this plan


class SourceRefDoc(TypedDict):
    id: str
    title: str
    publisher: str
    as_of: str


class LogDoc(TypedDict):
    on: str
    hours: float
    note: str | None


class ShowItemDoc(TypedDict):
    """``roadmap show ID --json``: one item of the plan, whole."""

    version: int
    id: str
    title: str
    kind: str
    phase: str
    phase_title: str
    description: str
    deliverables: list[str]
    state: ItemState  # unscheduled, done or skipped for an item that is not in the plan
    in_plan: bool  # false: shown from the content (another stack's item, one left out, or no plan yet)
    done_in: str | None
    hours: float
    logged_hours: float
    start: str | None
    end: str | None
    depends_on: list[LinkDoc]
    needed_by: list[LinkDoc]
    notes: list[str]
    evidence: list[str]
    logs: list[LogDoc]
    resources: list[ResourceDoc]
    sources: list[SourceRefDoc]


class SavedPlanRowDoc(TypedDict):
    id: int
    created_at: str
    active: bool
    stack: str | None
    hours_per_week: float | None
    start: str | None
    end: str | None
    items: int | None
    problem: str | None  # why it cannot be read, if it cannot


class PlansDoc(TypedDict):
    """``roadmap plans --json``: every plan saved, oldest first."""

    version: int
    plans: list[SavedPlanRowDoc]


# -- career --------------------------------------------------------------------------------------


class SalaryFigureDoc(TypedDict):
    id: str
    level: str
    place: str
    currency: str
    basis: str
    stat: str
    value: int | None
    low: int | None
    high: int | None
    open_ended: bool
    text: str
    source: str
    as_of: str
    note: str | None


class SalarySpanDoc(TypedDict):
    level: str
    place: str
    currency: str
    basis: Literal["base", "total", "unspecified"]  # one kind of pay per span, never two joined
    low: int
    high: int
    open_ended: bool
    text: str
    figures: int
    sources: list[str]


class SourceDoc(TypedDict):
    id: str
    title: str
    publisher: str
    as_of: str


class SalaryFilterDoc(TypedDict):
    level: str | None
    place: str | None


class SalaryDoc(TypedDict):
    version: int
    filter: SalaryFilterDoc
    figures: list[SalaryFigureDoc]
    spans: list[SalarySpanDoc]
    sources: list[SourceDoc]


class LevelDoc(TypedDict):
    id: str
    order: int
    title: str
    years: str
    aliases: list[str]
    summary: str
    expects: list[str]
    promoted_by: list[str]
    note: str | None
    sources: list[str]
    as_of: str | None  # the date of the guides the rung is described from


class LevelsDoc(TypedDict):
    version: int
    levels: list[LevelDoc]


class RecommendedByDoc(TypedDict):
    id: str
    title: str
    as_of: str


class YourPlanDoc(TypedDict):
    """Where the active plan puts a certification's study or a skill's items."""

    in_plan: bool  # the plan holds it (a certification: chosen; a skill: some of its items)
    start: str | None  # the first day its items are planned (None: none is scheduled)
    end: str | None  # the last
    phase_start: str | None  # a certification: the first day of its phase in the plan
    phase_end: str | None


class CertInfoDoc(TypedDict):
    id: str
    name: str
    issuer: str
    phase: str | None
    phase_title: str | None
    phase_order: int | None
    months: str | None
    when: str | None
    default: bool
    study_hours: int
    study_items: list[str]
    stacks: list[str]
    your_stack: bool  # for your stack (the active plan's, or --lang), or for every stack
    your_plan: YourPlanDoc | None  # None: there is no active plan
    why: str
    recommended_by: list[RecommendedByDoc]
    sources: list[str]
    as_of: str


class CertsDoc(TypedDict):
    version: int
    certifications: list[CertInfoDoc]


class SkillDoc(TypedDict):
    id: str
    name: str
    demand: str | None
    salary_impact: str | None
    months: str | None
    note: str | None
    items: list[str]  # the milestones and projects that teach it
    your_plan: YourPlanDoc | None  # None: there is no active plan
    sources: list[str]
    as_of: str | None  # the date of the sources' figures


class SkillsDoc(TypedDict):
    version: int
    skills: list[SkillDoc]


class FrameworkDoc(TypedDict):
    id: str
    name: str
    why: str | None
    tools: dict[str, str] | None  # the tools it brings in place of its stack's


class StackDoc(TypedDict):
    id: str
    name: str
    aliases: list[str]
    frameworks: list[FrameworkDoc]
    orm: str
    test_tool: str
    job_queue: str
    package_manager: str
    migrations: str | None  # the schema migration tool
    note: str | None  # which tools the guides do not name
    use_cases: str | None
    why: str | None
    sources: list[str]
    as_of: str | None  # the date of the survey figures it cites


class StacksDoc(TypedDict):
    version: int
    stacks: list[StackDoc]


class MarketFigureDoc(TypedDict):
    id: str
    topic: str
    title: str
    value: str  # as the source gives it
    note: str | None
    source: str  # the source's id
    source_title: str
    cited: str | None  # whom the source cites for it
    as_of: str


class MarketFilterDoc(TypedDict):
    topic: str | None


class MarketDoc(TypedDict):
    version: int
    filter: MarketFilterDoc
    figures: list[MarketFigureDoc]


# -- setup ---------------------------------------------------------------------------------------


class PackDoc(TypedDict):
    id: str
    title: str
    version: str
    description: str
    builtin: bool
    files: list[str]
    counts: dict[str, int]
    replaces: list[str]


class PacksDoc(TypedDict):
    version: int
    user_packs_dir: str
    packs: list[PackDoc]


class ProblemDoc(TypedDict):
    file: str
    line: int | None
    column: int | None
    message: str


class FileCheckDoc(TypedDict):
    path: str
    valid: bool
    pack: PackDoc | None
    problems: list[ProblemDoc]
    unlisted: int


class ValidationDoc(TypedDict):
    version: int
    valid: bool
    files: list[FileCheckDoc]
    problems: list[ProblemDoc]


class CheckDoc(TypedDict):
    name: str
    status: Literal["ok", "warn", "fail"]
    detail: str


class DoctorDoc(TypedDict):
    version: int
    healthy: bool
    checks: list[CheckDoc]


class WhereExistsDoc(TypedDict):
    database: bool
    config: bool
    packs: bool
    cache: bool
    sync: bool


class WhereDoc(TypedDict):
    version: int
    home: str | None
    database: str
    config: str
    packs: str
    cache: str
    sync: str  # the clone `roadmap sync` keeps (there once `roadmap sync init` has run)
    exists: WhereExistsDoc


class SyncDoc(TypedDict):
    """What one sync did: counts of what came in (from other devices) and what went out."""

    version: int
    remote: str
    device: str  # this device's id
    created: bool  # `sync init` made the repository at a new path
    came_in: SyncCountsDoc
    went_out: SyncCountsDoc
    skipped: list[str]  # each line or file left out, as "file:line: why"
    renamed_from: str | None  # this device's id before, when another machine was writing as it


class SyncCountsDoc(TypedDict):
    events: int
    plans: int
    devices: int  # the other devices they came from (0 for what went out)


class DeviceSeenDoc(TypedDict):
    device: str
    events: int
    last_event: str | None  # the time of its latest event, by its own clock
    this: bool


class SyncStatusDoc(TypedDict):
    version: int
    set_up: bool
    remote: str | None
    folder: str
    device: str
    last_sync: str | None
    devices: list[DeviceSeenDoc]


#: Every document by the name ``roadmap schema NAME`` takes, with what prints it.
DOCUMENTS: dict[str, tuple[type, str]] = {
    "plan": (PlanDoc, "roadmap plan --json"),
    "replan": (ReplanDoc, "roadmap replan --json"),
    "status": (StatusDoc, "roadmap status --json"),
    "next": (NextDoc, "roadmap next --json"),
    "today": (TodayDoc, "roadmap today --json"),
    "review": (ReviewDoc, "roadmap review --json"),
    "assess": (AssessDoc, "roadmap assess --json"),
    "show": (ExportDoc, "roadmap show --json"),
    "item": (ShowItemDoc, "roadmap show ID --json"),
    "plans": (PlansDoc, "roadmap plans --json"),
    "export": (ExportDoc, "roadmap export --format json"),
    "backup": (BackupDoc, "roadmap progress export"),
    "salary": (SalaryDoc, "roadmap salary --json"),
    "levels": (LevelsDoc, "roadmap levels --json"),
    "certs": (CertsDoc, "roadmap certs --json"),
    "skills": (SkillsDoc, "roadmap skills --json"),
    "stacks": (StacksDoc, "roadmap stacks --json"),
    "market": (MarketDoc, "roadmap market --json"),
    "packs": (PacksDoc, "roadmap packs list --json"),
    "validation": (ValidationDoc, "roadmap packs validate --json"),
    "doctor": (DoctorDoc, "roadmap doctor --json"),
    "where": (WhereDoc, "roadmap where --json"),
    "sync": (SyncDoc, "roadmap sync --json"),
    "sync-status": (SyncStatusDoc, "roadmap sync status --json"),
}
