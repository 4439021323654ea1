"""The calendar of study time, its parsers and the options that build it, checked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from roadmap_cli.render.words import calendar_text
from roadmap_cli.studytime import (
    Break,
    CalendarError,
    Holiday,
    StudyCalendar,
    every_day,
    from_options,
    parse_days,
    parse_schedule,
    parse_span,
    public_holidays,
    scale,
    spread,
    weekday_of,
)

MONDAY = date(2027, 1, 4)


def test_spread_and_scale_share_minutes_by_hand() -> None:
    assert spread(7) == (1, 1, 1, 1, 1, 1, 1)
    assert spread(10) == (2, 2, 2, 1, 1, 1, 1)
    assert spread(10, (5, 1)) == (0, 5, 0, 0, 0, 5, 0)
    assert spread(11, (6, 0, 3)) == (4, 0, 0, 4, 0, 0, 3)  # the first days, Monday first, take the rest
    assert scale((60, 0, 60, 0, 0, 240, 0), 720) == (120, 0, 120, 0, 0, 480, 0)
    assert scale((60, 0, 60, 0, 0, 240, 0), 361) == (61, 0, 60, 0, 0, 240, 0)
    assert scale((0,) * 7, 100) == (0,) * 7
    assert sum(scale((7, 3, 0, 1, 0, 0, 2), 1000)) == 1000
    assert every_day(12).weekdays == (103, 103, 103, 103, 103, 103, 102)
    assert every_day(12).weekly_minutes == 720
    assert every_day(12).hours_per_week == 12


def test_a_calendar_scaled_keeps_how_its_week_was_given() -> None:
    days = StudyCalendar(spread(360, (0, 2, 4)), given_as="days")
    assert days.scaled(600).weekdays == (200, 0, 200, 0, 200, 0, 0)
    assert days.scaled(600).given_as == "days"
    hours = every_day(7)
    assert hours.scaled(700).weekdays == (100,) * 7
    week = StudyCalendar((60, 60, 60, 60, 60, 240, 0), given_as="schedule")
    assert week.scaled(1080).weekdays == (120, 120, 120, 120, 120, 480, 0)
    assert week.study_weekdays() == (0, 1, 2, 3, 4, 5)
    assert week.hours_per_week == 9


def test_breaks_and_holidays_take_their_days_off() -> None:
    calendar = StudyCalendar(
        (60,) * 7,
        breaks=(Break(MONDAY + timedelta(days=2), MONDAY + timedelta(days=3), "move"),),
        holidays=(Holiday(MONDAY + timedelta(days=5), "Feast"),),
    )
    assert [calendar.minutes_on(MONDAY + timedelta(days=n)) for n in range(7)] == [60, 60, 0, 0, 60, 0, 60]
    assert calendar.minutes_between(MONDAY, MONDAY + timedelta(days=6)) == 240
    assert calendar.minutes_between(MONDAY + timedelta(days=1), MONDAY) == 0
    taken = calendar.break_on(MONDAY + timedelta(days=3))
    assert taken is not None
    assert (taken.note, taken.days) == ("move", 2)
    assert calendar.break_on(MONDAY + timedelta(days=4)) is None
    holiday = calendar.holiday_on(MONDAY + timedelta(days=5))
    assert holiday is not None
    assert holiday.name == "Feast"
    assert calendar.holiday_on(MONDAY) is None
    later = calendar.with_breaks([*calendar.breaks, Break(MONDAY, MONDAY)])
    assert [b.start for b in later.breaks] == [MONDAY + timedelta(days=2), MONDAY]  # in the order taken
    assert later.minutes_on(MONDAY) == 0
    assert later.holidays == calendar.holidays
    assert calendar.replace_weekdays((0, 30, 0, 0, 0, 0, 0)).minutes_on(MONDAY + timedelta(days=1)) == 30


def test_the_week_in_words() -> None:
    assert calendar_text(every_day(12)) == "12 h/week"
    assert (
        calendar_text(StudyCalendar(spread(360, (0, 2, 5)), given_as="days")) == "6 h/week on Mon, Wed, Sat"
    )
    schedule = StudyCalendar(parse_schedule("mon-fri 1h, sat 4h, sun 30m"), given_as="schedule")
    assert calendar_text(schedule) == "Mon-Fri 1 h, Sat 4 h, Sun 0.5 h (9.5 h/week)"
    gaps = StudyCalendar(parse_schedule("mon 1h, wed 1h, thu 2h"), given_as="schedule")
    assert calendar_text(gaps) == "Mon 1 h, Wed 1 h, Thu 2 h (4 h/week)"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon", (0,)),
        ("Tuesday", (1,)),
        ("we,fr", (2, 4)),
        ("sat-sun", (5, 6)),
        ("mon-wed, fri", (0, 1, 2, 4)),
    ],
)
def test_days_as_people_write_them(text: str, days: tuple[int, ...]) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("funday", "'funday' is not a day of the week"),
        ("mondays", "'mondays' is not a day of the week"),
        ("fri-mon", "'fri-mon' runs backwards"),
        (",", "no day given"),
    ],
)
def test_days_that_cannot_be_read(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        parse_days(text)
    assert weekday_of(" Sun ") == 6


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-08-15..2027-08-02", "ends before it starts"),
        ("2027-08-02..2028-08-03", "longer than a year"),
        ("next week", "is not FROM..TO"),
        ("2027-02-30", "is not FROM..TO"),
    ],
)
def test_spans_that_cannot_be_read(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        parse_span(text)
    assert parse_span("2027-08-02..2028-08-02")[1] == date(2028, 8, 2)  # 366 days: allowed


def test_a_schedule_in_minutes_and_at_the_limits() -> None:
    assert parse_schedule("mon 16h") == (960, 0, 0, 0, 0, 0, 0)
    assert parse_schedule("mon 90min, tue 0h") == (90, 0, 0, 0, 0, 0, 0)
    with pytest.raises(CalendarError, match="runs backwards"):
        parse_schedule("sun-mon 1h")


def test_the_options_build_the_calendar_a_replan_keeps() -> None:
    hours = from_options(MONDAY, hours=10)
    assert (hours.weekdays, hours.given_as, hours.deadline) == (spread(600), "hours", None)
    days = from_options(MONDAY, hours=6, days="mon,wed,fri", by=date(2027, 12, 1))
    assert (days.weekdays, days.given_as, days.deadline) == (
        (120, 0, 120, 0, 120, 0, 0),
        "days",
        date(2027, 12, 1),
    )
    schedule = from_options(MONDAY, schedule="sat 4h")
    assert (schedule.weekdays, schedule.given_as) == ((0, 0, 0, 0, 0, 240, 0), "schedule")
    kept = days.with_breaks([Break(MONDAY, MONDAY, "x")])
    again = from_options(MONDAY + timedelta(days=30), base=kept)  # replan: everything kept
    assert (again.weekdays, again.given_as, again.breaks, again.deadline) == (
        kept.weekdays,
        "days",
        kept.breaks,
        date(2027, 12, 1),
    )
    faster = from_options(MONDAY, hours=9, base=kept)  # new hours on the same days
    assert (faster.weekdays, faster.given_as) == ((180, 0, 180, 0, 180, 0, 0), "days")
    moved = from_options(MONDAY, days="sat", base=kept)  # new days, the same hours
    assert moved.weekdays == (0, 0, 0, 0, 0, 360, 0)
    spread_again = from_options(MONDAY, hours=7, base=every_day(14))
    assert (spread_again.weekdays, spread_again.given_as) == ((60,) * 7, "hours")
    with pytest.raises(CalendarError, match="leave out --hours and --days"):
        from_options(MONDAY, schedule="mon 1h", days="mon")
    with pytest.raises(CalendarError, match="--days needs --hours"):
        from_options(MONDAY, days="mon")
    with pytest.raises(CalendarError, match="give --hours"):
        from_options(MONDAY)
    with pytest.raises(CalendarError, match="is not after the plan's first day"):
        from_options(MONDAY, hours=5, by=MONDAY)


def test_holidays_of_a_region_and_none() -> None:
    region, days = public_holidays("de-by", 2027, 2027)
    assert region == "DE-BY"
    assert Holiday(date(2027, 1, 6), "Heilige Drei Könige") in days or any(
        d.day == date(2027, 1, 6) for d in days
    )
    assert all(d.day.year == 2027 for d in days)
    national, _ = public_holidays("US", 2027, 2028)
    assert national == "US"
    with_them = from_options(MONDAY, hours=5, holidays="DE-BY")
    assert with_them.region == "DE-BY"
    assert with_them.minutes_on(date(2027, 1, 6)) == 0
    assert with_them.holidays[-1].day.year == MONDAY.year + 4  # looked up for the plan's first years
    dropped = from_options(MONDAY, holidays="none", base=with_them)
    assert (dropped.region, dropped.holidays) == (None, ())
    kept = from_options(MONDAY + timedelta(days=400), base=with_them)  # a replan a year on: looked up again
    assert kept.region == "DE-BY"
    assert kept.holidays[-1].day.year == MONDAY.year + 1 + 4
    with pytest.raises(CalendarError, match="'XX' is not a country"):
        public_holidays("XX", 2027, 2027)
    with pytest.raises(CalendarError, match="'DE-ZZ' is not a region of DE; known: DE-"):
        public_holidays("DE-ZZ", 2027, 2027)
