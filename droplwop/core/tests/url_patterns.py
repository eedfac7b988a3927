"""Every URL pattern of the site, as the hostile-input tests walk them."""

from dataclasses import dataclass

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern


@dataclass(frozen=True)
class Route:
    template: str  # "/admin/cases/<id:case_id>/", or a regex part marked "RE:"
    converters: tuple  # (name, converter) of each path parameter, outer first
    module: str  # the view's module

    @property
    def ours(self) -> bool:
        return self.module.startswith("droplwop.")

    @property
    def is_regex(self) -> bool:
        return "RE:" in self.template

    def fill(self, value_for) -> str:
        """The path with each parameter replaced by value_for(converter name)."""
        path = self.template
        for name, converter in self.converters:
            kind = _KIND.get(type(converter).__name__, "str")
            path = path.replace(f"<{kind}:{name}>", value_for(kind))
        return path


_KIND = {
    "IdConverter": "id",
    "IntConverter": "int",
    "StringConverter": "str",
    "SlugConverter": "slug",
    "UUIDConverter": "uuid",
    "PathConverter": "path",
}


def all_routes(language: str = "en") -> list[Route]:
    routes = []
    _walk(get_resolver().url_patterns, "/", (), routes, language)
    return routes


def _walk(patterns, prefix, converters, routes, language):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            part = f"{language}/"
        elif isinstance(pattern, RoutePattern):
            part = str(pattern._route)
        else:
            part = "RE:" + pattern._regex
        found = converters + tuple(getattr(pattern, "converters", {}).items())
        if isinstance(entry, URLResolver):
            _walk(entry.url_patterns, prefix + part, found, routes, language)
        else:
            module = getattr(entry.callback, "__module__", "") or ""
            routes.append(Route(prefix + part, found, module))
