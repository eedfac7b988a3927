"""Reading settings from the environment, so every variable is parsed the same way."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_required(name: str) -> str:
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    return default if value is None else value.strip().lower() in _TRUE


def env_int(name: str, default: int) -> int:
    value = env(name)
    return default if value is None else int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def env_limits(defaults: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Each limit from FORM_LIMIT_<NAME> ("attempts/seconds") when set, else its default."""
    limits = {}
    for name, default in defaults.items():
        variable = "FORM_LIMIT_" + name.upper().replace(".", "_")
        value = env(variable)
        if value is None:
            limits[name] = default
            continue
        attempts, _slash, seconds = value.partition("/")
        try:
            limits[name] = (int(attempts), int(seconds or default[1]))
        except ValueError as exc:
            raise ImproperlyConfigured(f'{variable} must look like "10/600".') from exc
    return limits
