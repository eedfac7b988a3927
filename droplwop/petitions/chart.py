"""A bar chart of signatures per day as plain SVG, drawn on the server (no script, no style="")."""

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 720, 200, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


def bars(days: list[tuple]) -> dict:
    peak = max((n for _day, n in days), default=0) or 1
    slot = (WIDTH - PAD) / max(len(days), 1)
    usable = HEIGHT - 2 * PAD
    items = []
    for i, (day, n) in enumerate(days):
        height = usable * n / peak
        items.append(
            Bar(
                x=round(PAD + i * slot + 1, 1),
                y=round(HEIGHT - PAD - height, 1),
                width=round(max(slot - 2, 1), 1),
                height=round(height, 1),
                label=day.isoformat(),
                count=n,
            )
        )
    return {
        "bars": items,
        "width": WIDTH,
        "height": HEIGHT,
        "peak": peak,
        "baseline": HEIGHT - PAD,
        "first": days[0][0] if days else None,
        "last": days[-1][0] if days else None,
    }
