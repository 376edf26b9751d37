"""Import of administrative units over time: provinces, districts and communes with their
official codes, the dates they were in force and the unit that took each closed one over
(`manage.py import_units FILE.csv`; orgs/fixtures/units-2025-sample.csv shows the columns).

A unit is known by its code, its level and the day it closed: the 2025 reform gave some new
communes the code of one of the old ones (Phường Quyết Tiến, 03388, closed on 1 July 2025, was
taken over by Phường Đoàn Kết, 03388). Every row is checked before anything is written; one bad
row and nothing is saved. A second run of the same file changes nothing.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from campaign.text import fold

from . import audit
from .imports import (
    ROW,
    ImportFileError,
    RowError,
    _columns,
    _text_errors,
    _values,
    read_table,
)
from .models import STEP, AuditEntry, Organisation
from .services import _place_name, bulk_add_children, ensure_levels
from .succession import successor_cycle

COLUMNS = {
    "code": ("code", "ma", "ma_don_vi"),
    "name": ("name", "ten", "ten_don_vi"),
    "level": ("level", "cap"),
    "parent_code": ("parent_code", "ma_cap_tren", "ma_don_vi_cap_tren"),
    "active_from": ("active_from", "hieu_luc_tu", "tu_ngay"),
    "active_to": ("active_to", "het_hieu_luc_tu", "den_ngay"),
    "successor_code": ("successor_code", "ma_ke_thua", "ma_don_vi_ke_thua"),
}
LABELS = {
    "code": "Mã",
    "name": "Tên",
    "level": "Cấp",
    "parent_code": "Mã cấp trên",
    "active_from": "Hiệu lực từ",
    "active_to": "Hết hiệu lực từ",
    "successor_code": "Mã đơn vị kế thừa",
}
REQUIRED = ("code", "name", "level")
# The level's code, its digits in the official code, the level its parent belongs to.
LEVELS = {"tinh": (2, None), "huyen": (3, "tinh"), "xa": (5, ("huyen", "tinh"))}
LEVEL_WORDS = {"tinh": "tinh", "huyen": "huyen", "xa": "xa", "cap tinh": "tinh",
               "cap huyen": "huyen", "cap xa": "xa"}  # fmt: skip
LEVEL_NAMES = {"tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã"}
DATE_FORMATS = (r"(\d{4})-(\d{1,2})-(\d{1,2})", r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass
class UnitImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


@dataclass
class _Unit:
    """One unit, from the file (row set) or the database (node set)."""

    code: str
    level: str
    active_from: date | None
    active_to: date | None
    row: int | None = None
    name: str = ""
    parent_code: str = ""
    successor_code: str = ""
    node: Organisation | None = None
    parent: "_Unit | None" = None
    successor: "_Unit | None" = None
    values: dict = field(default_factory=dict)
    is_new: bool = False

    @property
    def key(self):
        return (self.code, self.level, self.active_to)

    def alive_on(self, day):
        """In force on day (a unit closes at the start of its active_to)."""
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or self.active_to > day
        )

    def label(self):
        return f"{self.name} ({self.code})"


def _date(text):
    """A date written 2025-07-01 or 01/07/2025; None for an empty cell; ValueError else."""
    if not text:
        return None
    for pattern in DATE_FORMATS:
        match = re.fullmatch(pattern, text)
        if match:
            parts = [int(part) for part in match.groups()]
            year, month, day = parts if pattern.startswith(r"(\d{4})") else parts[::-1]
            if not 1945 <= year <= 2100:
                raise ValueError
            return date(year, month, day)
    raise ValueError


def _vn_date(day):
    return f"{day:%d/%m/%Y}"


def _parse(record, columns):
    """The row as a _Unit and its problems (messages without the row number)."""
    values = _values(record, columns)
    errors = _text_errors(
        values, LABELS, {"code": 20, "name": 255, "level": 20, "parent_code": 20,
                         "active_from": 20, "active_to": 20, "successor_code": 20},
    )  # fmt: skip
    if errors:
        return None, errors
    level = LEVEL_WORDS.get(fold(values["level"]))
    if values["name"] == "":
        errors.append("thiếu tên đơn vị")
    if level is None:
        errors.append(f"cấp “{values['level']}” không hợp lệ: ghi tinh, huyen hoặc xa")
    else:
        digits = LEVELS[level][0]
        if not re.fullmatch(rf"\d{{{digits}}}", values["code"]):
            errors.append(
                f"mã “{values['code']}” của {LEVEL_NAMES[level]} phải gồm {digits} chữ số"
            )
        if level == "tinh" and values.get("parent_code"):
            errors.append("đơn vị cấp tỉnh không có mã cấp trên")
        if level != "tinh" and not values.get("parent_code"):
            errors.append(f"thiếu mã cấp trên của đơn vị {LEVEL_NAMES[level]}")
    dates = {}
    for name in ("active_from", "active_to"):
        try:
            dates[name] = _date(values.get(name, ""))
        except ValueError:
            errors.append(
                f"{LABELS[name]} “{values[name]}” không phải ngày hợp lệ (ghi 2025-07-01 hoặc "
                "01/07/2025, năm từ 1945 đến 2100)"
            )
            dates[name] = None
    if dates["active_from"] and dates["active_to"] and dates["active_to"] <= dates["active_from"]:
        errors.append("ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực")
    if values.get("successor_code") and not dates["active_to"] and not errors:
        errors.append("chỉ đơn vị đã hết hiệu lực (có ngày hết hiệu lực) mới có đơn vị kế thừa")
    if errors:
        return None, errors
    return _Unit(
        code=values["code"], level=level, row=record[ROW], name=values["name"],
        parent_code=values.get("parent_code", ""),
        successor_code=values.get("successor_code", ""), values=values, **dates,
    ), []  # fmt: skip


def _known_units():
    """The administrative units already in the tree that carry an official code."""
    units = []
    for node in Organisation.objects.filter(
        kind=Organisation.Kind.AREA, level__code__in=list(LEVELS)
    ).exclude(code="").select_related("level"):  # fmt: skip
        unit = _Unit(node.code, node.level.code, node.active_from, node.active_to, node=node)
        unit.name = node.name
        units.append(unit)
    return units


def _pick(candidates, day):
    """Among units with one code, the one in force on day, preferring the one that closed
    soonest after it (the old province rather than the new one that kept its code)."""
    alive = [unit for unit in candidates if unit.alive_on(day)]
    alive.sort(key=lambda unit: (unit.active_to is None, unit.active_to or date.max))
    return alive[0] if alive else None


def _resolve(rows, known):
    """Link each row to its parent and successor; return the problems as RowErrors."""
    by_code = {}
    for unit in [*known, *rows]:
        by_code.setdefault(unit.code, []).append(unit)
    errors = []
    for unit in rows:
        last_day = unit.active_to - timedelta(days=1) if unit.active_to else date.today()
        if unit.parent_code:
            parents = LEVELS[unit.level][1]
            parents = (parents,) if isinstance(parents, str) else parents
            candidates = [c for c in by_code.get(unit.parent_code, []) if c.level in parents]
            unit.parent = _pick(candidates, last_day)
            if unit.parent is None:
                where = " hoặc ".join(LEVEL_NAMES[level] for level in parents)
                errors.append(RowError(unit.row, (
                    f"không tìm thấy đơn vị {where} mã “{unit.parent_code}” còn hiệu lực "
                    f"ngày {_vn_date(last_day)} (trong tệp hoặc đã có)"
                )))  # fmt: skip
        if unit.successor_code:
            candidates = [c for c in by_code.get(unit.successor_code, []) if c is not unit]
            unit.successor = _pick(candidates, unit.active_to) or (
                candidates[0] if len(candidates) == 1 else None
            )
            if unit.successor is None:
                errors.append(RowError(unit.row, (
                    f"không tìm thấy đơn vị kế thừa mã “{unit.successor_code}” còn hiệu lực "
                    f"ngày {_vn_date(unit.active_to)} (trong tệp hoặc đã có)"
                )))  # fmt: skip
    ids = {id(unit): unit for unit in [*known, *rows]}
    by_pk = {unit.node.pk: unit for unit in [*known, *rows] if unit.node is not None}
    links = {id(u): id(u.successor) for u in rows if u.successor is not None}
    for unit in known:  # the links already in the tree, which the file may close into a loop
        target = by_pk.get(unit.node.successor_id)
        if target is not None:
            links[id(unit)] = id(target)
    reported = set()
    for unit in rows:
        if unit.successor is None or id(unit) in reported:
            continue
        cycle = successor_cycle(id(unit), links)
        if cycle:
            reported.update(cycle)
            chain = " → ".join(ids[step].label() for step in cycle)
            errors.append(RowError(unit.row, f"chuỗi đơn vị kế thừa quay vòng: {chain}"))
        elif not unit.successor.alive_on(unit.active_to):
            errors.append(RowError(unit.row, (
                f"đơn vị kế thừa {unit.successor.label()} không còn hiệu lực ngày "
                f"{_vn_date(unit.active_to)}, ngày {unit.label()} hết hiệu lực"
            )))  # fmt: skip
    return errors


def import_units(uploaded_file, *, by=None):
    """Create or update the units of a .csv or .xlsx file (columns: code, name, level
    tinh/huyen/xa, parent_code, active_from, active_to, successor_code), all rows or none.
    Raises ImportFileError when the file cannot be read; returns a UnitImportResult."""
    records = read_table(uploaded_file)
    columns = _columns(records, COLUMNS, LABELS, REQUIRED)
    result = UnitImportResult()
    rows, keys = [], {}
    for record in records:
        unit, problems = _parse(record, columns)
        result.errors += [RowError(record[ROW], problem) for problem in problems]
        if unit is None:
            continue
        if unit.key in keys:
            result.errors.append(RowError(unit.row, (
                f"trùng mã “{unit.code}” ({LEVEL_NAMES[unit.level]}, cùng ngày hết hiệu lực) "
                f"với dòng {keys[unit.key]}"
            )))  # fmt: skip
            continue
        keys[unit.key] = unit.row
        rows.append(unit)
    if result.errors:
        return result
    with transaction.atomic():
        known = _known_units()
        by_key = {unit.key: unit for unit in known}
        # A row that matches a unit of the tree becomes that unit; the others are new.
        fresh = []
        for unit in rows:
            match = by_key.pop(unit.key, None)
            if match is not None:
                unit.node = match.node
                known.remove(match)
            fresh.append(unit)
        result.errors = _resolve(fresh, known)
        if result.errors:
            return result
        _write(fresh, result)
        if by is not None and (result.created or result.updated):
            audit.record(
                AuditEntry.Action.IMPORT,
                f"Nhập đơn vị hành chính theo thời gian: thêm {result.created}, "
                f"cập nhật {result.updated}",
                by=by, details={"created": result.created, "updated": result.updated},
            )  # fmt: skip
    return result


def _write(rows, result):
    """Create the new units parents first, then bring every row's unit to what the file says
    (parent, names, dates, successor); result counts the units created and those changed."""
    levels = ensure_levels()
    for level in LEVELS:  # tinh, huyen, xa: every parent exists before its children
        by_parent = {}
        for unit in rows:
            if unit.level == level and unit.node is None:
                by_parent.setdefault(id(unit.parent), []).append(unit)
        for units in by_parent.values():
            parent = units[0].parent.node if units[0].parent else None
            nodes = [_new_node(unit, levels[level]) for unit in units]
            for unit, node in zip(units, bulk_add_children(parent, nodes), strict=True):
                unit.node, unit.is_new = node, True
            result.created += len(units)
    changed = set()
    nodes = Organisation.objects.in_bulk([unit.node.pk for unit in rows])
    parents = Organisation.objects.in_bulk({unit.parent.node.pk for unit in rows if unit.parent})
    for unit in rows:  # a unit the file places under another parent moves there (rare)
        parent = parents[unit.parent.node.pk] if unit.parent else None
        if nodes[unit.node.pk].path[:-STEP] != (parent.path if parent else ""):
            node = Organisation.objects.get(pk=unit.node.pk)
            if parent is None:
                last_root = Organisation.objects.get_last_root_node()
                Organisation.objects.move(node, last_root, "last-sibling")
            else:
                target = Organisation.objects.get(pk=parent.pk)
                Organisation.objects.move(node, target, "last-child")
            changed.add(unit.node.pk)
            # Paths under the moved unit have changed: read the units again.
            nodes = Organisation.objects.in_bulk([unit.node.pk for unit in rows])
            parents = Organisation.objects.in_bulk(list(parents))
    dirty = []
    for unit in rows:
        node = nodes[unit.node.pk]
        place = _place_name(unit.name)
        wanted = {
            "name": unit.name, "short_name": place, "place": place,
            "active_from": unit.active_from, "active_to": unit.active_to,
            "successor_id": unit.successor.node.pk if unit.successor else None,
        }  # fmt: skip
        if any(getattr(node, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(node, name, value)
            node.search_text = Organisation.fold_names(node.name, node.short_name)
            dirty.append(node)
            if not unit.is_new:
                changed.add(node.pk)
    fields = ["name", "short_name", "place", "active_from", "active_to", "successor",
              "search_text"]  # fmt: skip
    Organisation.objects.bulk_update(dirty, fields, batch_size=1000)
    result.updated = len(changed)


def _new_node(unit, level):
    place = _place_name(unit.name)
    return Organisation(
        kind=Organisation.Kind.AREA, level=level, name=unit.name, short_name=place, place=place,
        code=unit.code, active_from=unit.active_from, active_to=unit.active_to,
    )  # fmt: skip


__all__ = ["ImportFileError", "UnitImportResult", "import_units"]
