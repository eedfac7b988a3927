"""Route parameters parsed in one place.

Every id in a URL goes through the `id` converter: a positive number that fits the databases'
64-bit integer. Django's `int` converter takes any length of digits, and an id past 2**63 - 1
reached SQLite as an OverflowError (a 500); here it is simply no match, so a 404.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    # 19 digits hold every id up to MAX_ID; longer strings never reach int().
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(f"id out of range: {value}")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
