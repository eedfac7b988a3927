"""The home page's slot contract: what an app hands the home page to show.

It lives in core because the apps that fill the slots (petitions, events, donations, cases) sit
below `pages`, which shows them: each side imports this module and never the other.
Each hook is called with (request, locale) and returns a list of SlotItem.
"""

from dataclasses import dataclass

CURRENT_ACTIONS_HOOK = "droplwop_home_current_actions"
UPCOMING_EVENTS_HOOK = "droplwop_home_upcoming_events"


@dataclass(frozen=True)
class SlotItem:
    title: str
    url: str
    summary: str = ""
    meta: str = ""
    label: str = ""
    progress_percent: int | None = None
