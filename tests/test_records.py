"""`records.dataclass` behaves as the standard library's `dataclass` on every class of the
package that uses it, and on classes made here with every option it supports.

For each class, a twin is made by the standard library from the same fields and options;
both must agree on the signature, the fields, the class attributes of the defaults, repr,
==, hash, ordering, frozenness, `replace`, `astuple`/`asdict` and `__match_args__`.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import itertools
import pkgutil
from dataclasses import FrozenInstanceError, field
from typing import Any

import pytest

import vereistenlint
from vereistenlint import records
from vereistenlint.records import fast_dataclass


def _package_dataclasses() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(vereistenlint.__path__, "vereistenlint."):
        if info.name.endswith(("langserver", "__main__")):
            continue  # the server needs pygls; its classes are checked where it is installed
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def _twin(cls: type) -> type:
    """The same class made by the standard library."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    specs = []
    for f in dataclasses.fields(cls):
        options: dict[str, Any] = {"repr": f.repr, "hash": f.hash, "compare": f.compare}
        if f.default is not dataclasses.MISSING:
            options["default"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            options["default_factory"] = f.default_factory
        specs.append((f.name, f.type, field(**options)))
    namespace = {"__doc__": cls.__doc__, "__module__": cls.__module__}
    twin = dataclasses.make_dataclass(
        cls.__name__, specs, frozen=params.frozen, order=params.order, namespace=namespace
    )
    twin.__qualname__ = cls.__qualname__
    return twin


def _samples(cls: type) -> list[dict[str, Any]]:
    """Arguments for a few instances: every field given, with values that compare."""
    names = [f.name for f in dataclasses.fields(cls)]
    return [{n: (i * 7 + k) % 3 for k, n in enumerate(names)} for i in range(3)]


def _compare(ours: type, theirs: type) -> None:
    assert str(inspect.signature(ours)) == str(inspect.signature(theirs))
    assert [
        (f.name, f.type, f.default, f.default_factory, f.repr, f.hash, f.compare, f.init)
        for f in dataclasses.fields(ours)
    ] == [
        (f.name, f.type, f.default, f.default_factory, f.repr, f.hash, f.compare, f.init)
        for f in dataclasses.fields(theirs)
    ]
    for f in dataclasses.fields(ours):
        assert getattr(ours, f.name, "absent") == getattr(theirs, f.name, "absent"), f.name
    assert ours.__match_args__ == theirs.__match_args__  # type: ignore[attr-defined]
    assert (ours.__hash__ is None) == (theirs.__hash__ is None)
    params, twin_params = ours.__dataclass_params__, theirs.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.frozen, params.order, params.eq) == (
        twin_params.frozen,
        twin_params.order,
        twin_params.eq,
    )
    a = [ours(**s) for s in _samples(ours)]
    b = [theirs(**s) for s in _samples(ours)]
    for (x, y), (u, v) in zip(itertools.product(a, a), itertools.product(b, b), strict=True):
        assert repr(x) == repr(u)
        assert (x == y) == (u == v) and (x != y) == (u != v)
        if theirs.__hash__ is not None:
            assert (hash(x) == hash(y)) == (hash(u) == hash(v))
            assert hash(x) == hash(u)
        if twin_params.order:
            assert (x < y, x <= y, x > y, x >= y) == (u < v, u <= v, u > v, u >= v)
        assert dataclasses.astuple(x) == dataclasses.astuple(u)
        assert dataclasses.asdict(x) == dataclasses.asdict(u)
    assert (a[0] == 3) == (b[0] == 3)  # another type: NotImplemented, then False
    if twin_params.frozen:
        for obj in (a[0], b[0]):
            with pytest.raises(FrozenInstanceError):
                obj.x = 1  # type: ignore[attr-defined]
            with pytest.raises(FrozenInstanceError):
                del obj.__dict__  # type: ignore[attr-defined]
    else:
        a[0].extra = 1  # type: ignore[attr-defined]
    names = [f.name for f in dataclasses.fields(ours)]
    if names:
        changed = dataclasses.replace(a[0], **{names[0]: 9})
        assert repr(changed) == repr(dataclasses.replace(b[0], **{names[0]: 9}))
    defaults = {n: 1 for n in names if _required(ours, n)}
    assert repr(ours(**defaults)) == repr(theirs(**defaults))


def _required(cls: type, name: str) -> bool:
    f = cls.__dataclass_fields__[name]  # type: ignore[attr-defined]
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


PACKAGE = _package_dataclasses()


def test_the_package_has_dataclasses_made_the_fast_way() -> None:
    fast = [c for c in PACKAGE if c.__init__.__code__.co_filename == "<string>"]
    assert len(PACKAGE) > 50
    # the standard library's __init__ is also compiled from text; its __eq__ is too, ours not
    ours = [c for c in fast if c.__eq__.__code__.co_filename == records.__file__]
    assert len(ours) > 50


@pytest.mark.parametrize("cls", PACKAGE, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_class_of_the_package_is_as_the_standard_library_makes_it(cls: type) -> None:
    _compare(cls, _twin(cls))


def _sample_classes() -> list[type]:
    made = []
    for frozen, order in itertools.product((False, True), (False, True)):

        class Plain:
            """A docstring."""

            a: int
            b: str = "x"
            c: list[int] = field(default_factory=list)
            d: int = field(default=4, compare=False)
            e: int = field(default=5, hash=False)
            f: int = field(default=6, repr=False)

        class Bare:
            pass

        class One:
            only: int

        for cls in (Plain, Bare, One):
            made.append(fast_dataclass(cls, frozen=frozen, order=order))
    return made


@pytest.mark.parametrize("cls", _sample_classes(), ids=lambda c: c.__qualname__)
def test_every_option_is_as_the_standard_library_makes_it(cls: type) -> None:
    _compare(cls, _twin(cls))


def test_what_only_the_standard_library_does_is_left_to_it() -> None:
    class Later:
        a: int

        def __post_init__(self) -> None:
            self.b = 1

    class WithEq:
        a: int

        def __eq__(self, other: object) -> bool:
            return True

    class Mutable:
        a: list[int] = []  # noqa: RUF012 - the standard library refuses it

    assert fast_dataclass(Later)(1).b == 1
    assert fast_dataclass(WithEq)(1) == fast_dataclass(WithEq)(2)
    with pytest.raises(ValueError, match="mutable default"):
        fast_dataclass(Mutable)
    with pytest.raises(TypeError, match="non-default argument"):

        class Order:
            a: int = 1
            b: int

        fast_dataclass(Order)
