"""`dataclass`, as the standard library's, made in a fraction of its time.

Every run of the command starts a fresh interpreter, and the package's 66 dataclasses cost
34 ms of it to create (more than a one-file check of a page takes): the standard library
compiles five or six methods per class from source text, each with its own ``exec``. Here
only ``__init__`` is compiled, from the same text; ``__repr__``, ``__eq__``, ``__hash__``,
the frozen ``__setattr__``/``__delattr__`` and the order methods are closures over the
field names, which behave alike. The fields are the standard library's own `Field` objects,
so `dataclasses.fields`, `replace`, `asdict` and `astuple` work unchanged.

Only what the package uses is done here (``frozen``, ``order``, fields with a default, a
default factory, ``repr``, ``hash`` and ``compare``); a class with anything else (a base
with fields, ``ClassVar``, ``InitVar``, ``KW_ONLY``, ``__post_init__``, a mutable default,
a method the decorator would replace) is handed to the standard library. tests/test_records.py
compares both on every class of the package. Type checkers see the standard decorator.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from _thread import get_ident
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

__all__ = ["dataclass"]

_MISSING: Any = dataclasses.MISSING
_FIELD: Any = getattr(dataclasses, "_FIELD", None)
_PARAMS: Any = getattr(dataclasses, "_DataclassParams", None)


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"


#: what a signature shows for a field with a default factory (the standard library's own)
_FACTORY: Any = getattr(dataclasses, "_HAS_DEFAULT_FACTORY", None) or _Factory()
#: annotations the standard library gives a meaning to: such a class is left to it
_SPECIAL = ("ClassVar", "InitVar", "KW_ONLY")
_OWN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
_ORDER = ("__lt__", "__le__", "__gt__", "__ge__")


def fast_dataclass(cls: type | None = None, /, *, frozen: bool = False, order: bool = False) -> Any:
    def wrap(target: type) -> type:
        made = _make(target, frozen, order)
        if made is None:
            return dataclasses.dataclass(frozen=frozen, order=order)(target)
        return made

    return wrap if cls is None else wrap(cls)


def _make(cls: Any, frozen: bool, order: bool) -> type | None:
    """The class made a dataclass, or None when it uses what only the standard library does."""
    if _FIELD is None or _PARAMS is None:
        return None  # pragma: no cover - a Python whose dataclasses we do not know
    space = cls.__dict__
    if "__post_init__" in space or any(name in space for name in (*_OWN, *_ORDER)):
        return None
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return None
    fields: dict[str, dataclasses.Field[Any]] = {}
    for name, kind in space.get("__annotations__", {}).items():
        if not isinstance(kind, str) or any(s in kind for s in _SPECIAL):
            return None
        default = space.get(name, _MISSING)
        if isinstance(default, dataclasses.Field):
            found = default
            if found.default is not _MISSING and found.default.__class__.__hash__ is None:
                return None  # the standard library refuses a mutable default
        elif default is not _MISSING and (
            default.__class__.__hash__ is None or hasattr(type(default), "__set_name__")
        ):
            return None
        else:
            found = dataclasses.field(default=default)
        if getattr(found, "kw_only", _MISSING) not in (_MISSING, False):
            return None
        found.name = name
        found.type = kind
        found._field_type = _FIELD  # type: ignore[attr-defined] # as the standard library
        fields[name] = found
    with_default = False
    for f in fields.values():
        has = f.default is not _MISSING or f.default_factory is not _MISSING
        if with_default and not has:
            return None  # the standard library says which argument follows a default
        with_default = with_default or has
    for f in fields.values():
        if isinstance(space.get(f.name), dataclasses.Field):
            if f.default is _MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = _params(frozen, order)
    _methods(cls, list(fields.values()), frozen, order)
    if not getattr(cls, "__doc__", None):
        try:
            text = str(inspect.signature(cls)).replace(" -> None", "")
        except (TypeError, ValueError):  # pragma: no cover - as the standard library
            text = ""
        cls.__doc__ = cls.__name__ + text
    made: type = cls
    return made


def _params(frozen: bool, order: bool) -> Any:
    wanted = {
        "init": True,
        "repr": True,
        "eq": True,
        "order": order,
        "unsafe_hash": False,
        "frozen": frozen,
        "match_args": True,
        "kw_only": False,
        "slots": False,
        "weakref_slot": False,
    }
    known = _PARAM_NAMES or tuple(inspect.signature(_PARAMS).parameters)
    return _PARAMS(**{k: wanted[k] for k in known if k in wanted})


_PARAM_NAMES: tuple[str, ...] = ()
if _PARAMS is not None:
    _PARAM_NAMES = tuple(inspect.signature(_PARAMS).parameters)


def _methods(cls: Any, fields: list[dataclasses.Field[Any]], frozen: bool, order: bool) -> None:
    names = tuple(f.name for f in fields)
    cls.__init__ = _init(cls, fields, frozen)
    shown = [f.name for f in fields if f.repr]
    cls.__repr__ = _repr(shown)
    compared = [f.name for f in fields if f.compare]
    key = _getter(compared)
    cls.__eq__ = _eq(key)
    hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
    if frozen:
        cls.__hash__ = _hash(_getter(hashed))
        cls.__setattr__ = _frozen_set(cls, frozenset(names))
        cls.__delattr__ = _frozen_del(cls, frozenset(names))
    else:
        cls.__hash__ = None  # as for eq=True, frozen=False
    if order:
        for name in _ORDER:
            setattr(cls, name, _compare(key, name))
    setattr(cls, "__match_args__", names)  # noqa: B010 - mypy: no assignment to it
    for name in (*_OWN, *_ORDER):
        method = cls.__dict__.get(name)
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{name}"


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple (attrgetter gives a bare value for one name)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _init(cls: Any, fields: list[dataclasses.Field[Any]], frozen: bool) -> Any:
    """``__init__`` compiled from the text the standard library writes for it."""
    scope: dict[str, Any] = {
        "__dataclass_HAS_DEFAULT_FACTORY__": _FACTORY,
        "__dataclass_builtins_object__": object,
        "__dataclass_return_type__": None,
    }
    params = []
    body = []
    for f in fields:
        scope[f"__dataclass_type_{f.name}__"] = f.type
        if f.default_factory is not _MISSING:
            scope[f"__dataclass_dflt_{f.name}__"] = f.default_factory
            params.append(f"{f.name}:__dataclass_type_{f.name}__=__dataclass_HAS_DEFAULT_FACTORY__")
            value = (
                f"__dataclass_dflt_{f.name}__() "
                f"if {f.name} is __dataclass_HAS_DEFAULT_FACTORY__ else {f.name}"
            )
        else:
            if f.default is not _MISSING:
                scope[f"__dataclass_dflt_{f.name}__"] = f.default
                params.append(f"{f.name}:__dataclass_type_{f.name}__=__dataclass_dflt_{f.name}__")
            else:
                params.append(f"{f.name}:__dataclass_type_{f.name}__")
            value = f.name
        if frozen:
            body.append(f"  __dataclass_builtins_object__.__setattr__(self,{f.name!r},{value})")
        else:
            body.append(f"  self.{f.name}={value}")
    inner = (
        f"def __init__(self{''.join(', ' + p for p in params)})->__dataclass_return_type__:\n"
        + ("\n".join(body) or "  pass")
    )
    # as the standard library: made inside a function whose arguments are the names it uses,
    # in the module's own globals
    text = f"def __create_fn__({', '.join(scope)}):\n" + "\n".join(
        " " + line for line in inner.split("\n")
    )
    text += "\n return __init__"
    module = sys.modules.get(cls.__module__)
    globals_ = vars(module) if module is not None else {}
    local: dict[str, Any] = {}
    # dont_inherit: not this module's `from __future__ import annotations` (the annotations
    # are the fields' types, as the standard library's __init__ has them)
    exec(compile(text, "<string>", "exec", dont_inherit=True), globals_, local)
    init: Any = local["__create_fn__"](**scope)
    return init


def _repr(names: list[str]) -> Callable[[Any], str]:
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        key = (id(self), get_ident())
        if key in running:
            return "..."
        running.add(key)
        try:
            inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        finally:
            running.discard(key)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _compare(key: Callable[[Any], tuple[Any, ...]], test: str) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return getattr(key(self), test)(key(other))
        return NotImplemented

    compare.__name__ = test
    return compare


def _frozen_set(cls: Any, names: frozenset[str]) -> Callable[[Any, str, Any], None]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _frozen_del(cls: Any, names: frozenset[str]) -> Callable[[Any, str], None]:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__


if TYPE_CHECKING:
    from dataclasses import dataclass
else:
    dataclass = fast_dataclass
