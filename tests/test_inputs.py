"""What the daily commands read besides their words: hours for today and days, at their bounds."""

from __future__ import annotations

import pytest

from roadmap_cli.errors import UsageError
from roadmap_cli.inputs import InvalidValue, check_hours_today, read_date, today


@pytest.mark.parametrize("hours", [0.25, 1, 24])
def test_hours_today_from_a_quarter_to_a_whole_day(hours: float) -> None:
    assert check_hours_today(hours) == hours


@pytest.mark.parametrize("hours", [0.24, 24.01, 0, -1, float("nan"), float("inf")])
def test_hours_today_outside_them_say_what_is_allowed(hours: float) -> None:
    with pytest.raises(InvalidValue, match=r"is not a number of hours in a day; give one from 0\.25 to 24$"):
        check_hours_today(hours)


def test_a_date_that_is_not_quotes_at_most_40_characters() -> None:
    with pytest.raises(InvalidValue) as refused:
        read_date("x" * 50)
    assert refused.value.message == f"{'x' * 40!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04"


def test_a_date_out_of_range_names_the_range() -> None:
    with pytest.raises(
        InvalidValue, match="1800-01-01 is out of range; give a date from 1900-01-01 to 2999-12-31"
    ):
        read_date(" 1800-01-01 ")
    assert str(read_date(" 2027-01-04 ")) == "2027-01-04"


def test_a_bad_roadmap_today_says_what_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROADMAP_TODAY", "y" * 50)
    with pytest.raises(UsageError) as refused:
        today()
    assert refused.value.message == (
        f"ROADMAP_TODAY={'y' * 40!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04"
    )
    monkeypatch.setenv("ROADMAP_TODAY", "3001-01-01")
    with pytest.raises(UsageError) as refused:
        today()
    assert (
        refused.value.message
        == "ROADMAP_TODAY=3001-01-01 is out of range; give a date from 1900-01-01 to 2999-12-31"
    )
