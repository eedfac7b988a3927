"""Webhook bodies checked before use: parsed safely, and of the shape the code reads.

A shape is a type (`str`, `dict`, `list`...), a dict of required keys to shapes (other keys are
allowed) or a one-item list `[shape]` that every item must match. A body that does not parse
(bad UTF-8, bad JSON, nesting deep enough to exhaust the parser) or does not match raises
BadShape, which callers answer with a 400.
"""

import json


class BadShape(ValueError):
    pass


def loads(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadShape(f"not JSON: {exc.__class__.__name__}") from exc


def check(value, shape, where: str = "body") -> None:
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise BadShape(f"{where} is not an object")
        for key, inner in shape.items():
            if key not in value:
                raise BadShape(f"{where} has no {key!r}")
            check(value[key], inner, f"{where}.{key}")
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise BadShape(f"{where} is not a list")
        for index, item in enumerate(value):
            check(item, shape[0], f"{where}[{index}]")
    elif not isinstance(value, shape) or (shape is int and isinstance(value, bool)):
        raise BadShape(f"{where} is not {shape.__name__}")


def parse(body: bytes, shape):
    """The body's JSON, once it matches `shape`."""
    value = loads(body)
    check(value, shape)
    return value
