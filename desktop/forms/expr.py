"""The formula and rule expression language: parsed once into a small AST, never `eval`.

    expr  := or ;  or := and ("or" and)* ;  and := not ("and" not)* ;  not := "not" not | cmp
    cmp   := sum (("=" | "!=" | "<=" | ">=" | "<" | ">") sum)?
    sum   := term (("+" | "-") term)* ;  term := unary (("*" | "/") unary)*
    unary := "-" unary | atom ;  atom := NUMBER | REF | NAME "(" expr ("," expr)* ")" | "(" expr ")"
    REF   := ["prior:"] name ("." name)*     e.g. G05.total.basic, inc_total.amount, basic

A reference with three or more parts names a form first (absolute); two parts are
`row.col` of the form being defined; one part is a column of the same row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation

Value = Decimal | bool | None
Lookup = Callable[[str, bool], Decimal | None]

FUNCTIONS = {"min", "max", "abs"}
EMPTY: Mapping[str, str] = {}
_FORM_ID = re.compile(r"[A-Z]\d\d")
_TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:prior:)?[A-Za-z0-9_{}]+(?:\.[A-Za-z0-9_{}]+)*)|(?P<op><=|>=|!=|[-+*/(),=<>]))"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class ExprError(ValueError):
    """A malformed expression; the message quotes it."""


@dataclass(frozen=True)
class Num:
    value: Decimal


# Ref and Binary are written straight into the instance: a frozen dataclass's own __init__
# goes through object.__setattr__ per field, twice the cost, and an open builds ~16,000 of them.


@dataclass(frozen=True, init=False)
class Ref:
    path: str
    prior: bool = False

    def __init__(self, path: str, prior: bool = False) -> None:
        fields = self.__dict__
        fields["path"], fields["prior"] = path, prior


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True, init=False)
class Binary:
    op: str
    left: Node
    right: Node

    def __init__(self, op: str, left: Node, right: Node) -> None:
        fields = self.__dict__
        fields["op"], fields["left"], fields["right"] = op, left, right


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Num | Ref | Unary | Binary | Call


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match:
            raise ExprError(f"无法解析表达式 {text!r}（位置 {pos}）")
        tokens.append(match.group("ref") or match.group("op"))
        pos = match.end()
    return tokens


class ExpressionParser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ExprError(f"表达式 {self.text!r} 不完整：期望 {expected or '更多内容'}")
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.disjunction()
        if self.peek() is not None:
            raise ExprError(f"表达式 {self.text!r} 多余的内容：{self.peek()}")
        return node

    def _chain(self, ops: set[str], operand: Callable[[], Node]) -> Node:
        node = operand()
        while self.peek() in ops:
            op = self.take()
            node = Binary(op, node, operand())
        return node

    def disjunction(self) -> Node:
        return self._chain({"or"}, self.conjunction)

    def conjunction(self) -> Node:
        return self._chain({"and"}, self.negation)

    def negation(self) -> Node:
        if self.peek() == "not":
            self.take()
            return Unary("not", self.negation())
        return self.comparison()

    def comparison(self) -> Node:
        node = self.sum()
        if self.peek() in {"=", "!=", "<=", ">=", "<", ">"}:
            op = self.take()
            node = Binary(op, node, self.sum())
        return node

    def sum(self) -> Node:
        return self._chain({"+", "-"}, self.term)

    def term(self) -> Node:
        return self._chain({"*", "/"}, self.unary)

    def unary(self) -> Node:
        if self.peek() == "-":
            self.take()
            return Unary("-", self.unary())
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token == "(":
            node = self.disjunction()
            self.take(")")
            return node
        if is_number(token):
            return Num(Decimal(token))
        if token in FUNCTIONS and self.peek() == "(":
            return self.call(token)
        if token in {"+", "-", "*", "/", ")", ",", "=", "<", ">", "<=", ">=", "!="}:
            raise ExprError(f"表达式 {self.text!r} 在 {token} 处有误")
        prior = token.startswith("prior:")
        return Ref(token.removeprefix("prior:"), prior)

    def call(self, name: str) -> Node:
        self.take("(")
        args = [self.disjunction()]
        while self.peek() == ",":
            self.take()
            args.append(self.disjunction())
        self.take(")")
        return Call(name, tuple(args))


def is_number(token: str) -> bool:
    return _NUMBER.fullmatch(token) is not None


def parse(text: str) -> Node:
    return ExpressionParser(text).parse()


def refs(node: Node) -> Iterator[Ref]:
    """Every reference in the expression, in reading order."""
    match node:
        case Ref():
            yield node
        case Unary(operand=operand):
            yield from refs(operand)
        case Binary(left=left, right=right):
            yield from refs(left)
            yield from refs(right)
        case Call(args=args):
            for arg in args:
                yield from refs(arg)


def sum_terms(node: Node) -> tuple[str, ...] | None:
    """The cells an expression adds up, left to right, when it is only a sum of this year's
    cells (`a + b + c`); else None. Walked without recursion: a 合计 may sum a hundred rows."""
    terms: list[str] = []
    pending = [node]
    while pending:
        part = pending.pop()
        if isinstance(part, Ref) and not part.prior:
            terms.append(part.path)
        elif isinstance(part, Binary) and part.op == "+":
            pending += (part.right, part.left)  # the left side next: terms in reading order
        else:
            return None
    return tuple(terms)


def absolute(path: str, form: str, row: str | None) -> str:
    """Resolve a reference written inside form/row to a full cell id FORM.ROW.COL."""
    parts = path.split(".")
    if len(parts) >= 3 and _FORM_ID.fullmatch(parts[0]):
        return path
    if len(parts) == 2:
        return f"{form}.{path}"
    if len(parts) == 1 and row is not None:
        return f"{form}.{row}.{path}"
    raise ExprError(f"引用 {path!r} 在 {form} 中无法确定单元格")


def resolve(node: Node, form: str, row: str | None, fields: Mapping[str, str] = EMPTY) -> Node:
    """The same expression with every reference made absolute, its `{row}`-style placeholders
    filled with `fields` first (a template parsed once serves every row)."""
    match node:
        case Ref(path=path, prior=prior):
            return Ref(absolute(substitute(path, **fields), form, row), prior)
        case Unary(op=op, operand=operand):
            return Unary(op, resolve(operand, form, row, fields))
        case Binary(op=op, left=left, right=right):
            return Binary(op, resolve(left, form, row, fields), resolve(right, form, row, fields))
        case Call(name=name, args=args):
            return Call(name, tuple(resolve(a, form, row, fields) for a in args))
    return node


def substitute(text: str, **fields: str) -> str:
    """Fill `{row}`-style placeholders of a templated expression."""
    for key, value in fields.items():
        text = text.replace("{" + key + "}", value)
    return text


def evaluate(node: Node, lookup: Lookup) -> Value:
    """Evaluate exactly. A blank input reads as 0 (the lookup decides); division by zero
    and anything computed from an undefined value give None."""
    match node:
        case Num(value=value):
            return value
        case Ref(path=path, prior=prior):
            return lookup(path, prior)
        case Unary(op="-", operand=operand):
            inner = evaluate(operand, lookup)
            return None if inner is None else -_number(inner)
        case Unary(op="not", operand=operand):
            inner = evaluate(operand, lookup)
            return None if inner is None else not inner
        case Binary(op=op, left=left, right=right):
            return _binary(op, evaluate(left, lookup), evaluate(right, lookup))
        case Call(name=name, args=args):
            values = [evaluate(a, lookup) for a in args]
            if any(v is None for v in values):
                return None
            numbers = [_number(v) for v in values]
            return abs(numbers[0]) if name == "abs" else (min if name == "min" else max)(numbers)
    raise ExprError(f"无法计算 {node!r}")


def _number(value: Value) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ExprError("期望数值")
    return value


_ARITHMETIC: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}
_COMPARE: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
}


def _binary(op: str, left: Value, right: Value) -> Value:
    if op in {"and", "or"}:
        if left is None or right is None:
            return None
        return (bool(left) and bool(right)) if op == "and" else (bool(left) or bool(right))
    if left is None or right is None:
        return None
    if isinstance(left, bool) and isinstance(right, bool) and op in ("=", "!="):
        return (left == right) == (op == "=")
    a, b = _number(left), _number(right)
    if op in _COMPARE:
        return _COMPARE[op](a, b)
    try:
        return _ARITHMETIC[op](a, b)
    except (DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None
