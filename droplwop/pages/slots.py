"""What an app hands the home page to show in one of its slots."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SlotItem:
    title: str
    url: str
    summary: str = ""
    meta: str = ""
    label: str = ""
    progress_percent: int | None = None
