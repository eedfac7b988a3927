"""US federal holidays, so that demo dates (meetings, deadlines) never fall on one."""

from datetime import date, timedelta


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def us_holidays(year: int) -> set[date]:
    monday, thursday = 0, 3
    return {
        date(year, 1, 1),
        _nth_weekday(year, 1, monday, 3),  # Martin Luther King Jr. Day
        _nth_weekday(year, 2, monday, 3),  # Presidents' Day
        _last_weekday(year, 5, monday),  # Memorial Day
        date(year, 6, 19),
        date(year, 7, 4),
        _nth_weekday(year, 9, monday, 1),  # Labor Day
        _nth_weekday(year, 10, monday, 2),  # Indigenous Peoples' Day
        date(year, 11, 11),
        _nth_weekday(year, 11, thursday, 4),  # Thanksgiving
        date(year, 12, 24),
        date(year, 12, 25),
        date(year, 12, 31),
    }


def is_holiday(day: date) -> bool:
    return day in us_holidays(day.year)


def third_monday(year: int, month: int) -> date:
    return _nth_weekday(year, month, 0, 3)
