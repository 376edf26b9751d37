"""Units named in the plan editor: typed names, ids picked from the tree ("#123"), and the
cards the unit picker shows for them (name, short name, place in the tree, ambiguity).

A unit field holds tokens separated by ";". A token "#<id>" names an organisation picked in
the picker; it counts only if the user may see that organisation. Any other token is a name,
resolved to the tree by services.resolve_units or kept as text ("Công an xã").
"""

import re
import unicodedata

from django.db.models import Count
from django.db.models.functions import Length

from orgs.models import Organisation

from . import services

ID_TOKEN = re.compile(r"#([0-9]{1,12})")
PLACE_SEPARATOR = " — "
SEARCH_MIN = 2  # characters typed before the tree is searched
SEARCH_LIMIT = 20
# Ids looked up for one page at most: a section of 500 tasks names far fewer units; ids beyond
# (a forged post) are refused by the form like any unknown id.
LOOKUP_LIMIT = 1000
FIELD_MAX = 2000  # the longest unit field (plans/forms.py)


def split_units(text):
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def token_id(token):
    """The organisation id a token names ("#123" → 123), or None for a typed name."""
    match = ID_TOKEN.fullmatch((token or "").strip())
    return int(match[1]) if match else None


def _ancestor_paths(organisation):
    step = Organisation.steplen
    return [organisation.path[:end] for end in range(step, len(organisation.path), step)]


def unit_cards(organisations, *, user):
    """What the picker shows of each organisation, by id: its name, short name, place in the
    tree ("Thôn 1 — Xã Một — Tỉnh A") and whether another unit the user sees has the same name.
    Two queries whatever the number of organisations."""
    organisations = list(organisations)
    if not organisations:
        return {}
    paths = {path for o in organisations for path in _ancestor_paths(o)}
    # The chain above a unit one may see is visible too (orgs.models.visible_q).
    above = dict(Organisation.objects.filter(path__in=paths).values_list("path", "name"))
    names = {o.name for o in organisations}
    repeated = set(
        Organisation.objects.visible_to(user)
        .active()
        .filter(name__in=names)
        .order_by()
        .values("name")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .values_list("name", flat=True)
    )
    cards = {}
    for o in organisations:
        chain = [o.name, *(above[p] for p in reversed(_ancestor_paths(o)) if p in above)]
        cards[o.pk] = {
            "value": f"#{o.pk}",
            "id": o.pk,
            "name": o.name,
            "short_name": o.short_name,
            "text": o.short_name or o.name,
            "place": PLACE_SEPARATOR.join(chain),
            "ambiguous": o.name in repeated,
        }
    return cards


def search_units(text, *, user):
    """Cards of the active organisations user may see whose names contain every word typed,
    shortest names first; nothing under SEARCH_MIN characters, at most SEARCH_LIMIT."""
    # A NUL would make PostgreSQL refuse the query; no name holds a control character.
    text = "".join(ch for ch in (text or "")[:200] if unicodedata.category(ch) != "Cc").strip()
    if len(text) < SEARCH_MIN:
        return []
    # Shortest names first: "Thôn 1" before "Thôn 10" … "Thôn 19", which also contain "1".
    found = (
        Organisation.objects.visible_to(user)
        .active()
        .search(text)
        .order_by(Length("name"), "name", "path")
        .only("pk", "name", "short_name", "path")[:SEARCH_LIMIT]
    )
    found = list(found)
    cards = unit_cards(found, user=user)
    return [cards[o.pk] for o in found]


class UnitDirectory:
    """The organisations a page's unit fields name by id, looked up once for all its rows:
    which posted ids the user may use, and the picker's cards for the chosen units."""

    def __init__(self, user, *, texts=(), organisations=()):
        self.user = user
        ids = {token_id(t) for text in texts for t in split_units(text)} - {None}
        known = {o.pk: o for o in organisations}
        missing = sorted(ids - set(known))[:LOOKUP_LIMIT]
        if missing:
            visible = Organisation.objects.visible_to(user).filter(pk__in=missing)
            known.update((o.pk, o) for o in visible.only("pk", "name", "short_name", "path"))
        self.organisations = known
        self.cards = unit_cards(known.values(), user=user)

    @classmethod
    def for_post(cls, user, data, suffixes):
        """The directory of a posted form: every id in the fields whose names end with one
        of suffixes ("-leads", "-unit")."""
        texts = [v[:FIELD_MAX] for k, v in data.items() if k.endswith(tuple(suffixes))]
        return cls(user, texts=texts)

    def unknown_ids(self, text):
        """Tokens of text naming an id the user may not use (or that does not exist)."""
        return [t for t in split_units(text) if token_id(t) is not None and token_id(t) not in self]

    def __contains__(self, pk):
        return pk in self.organisations

    def items(self, text):
        """The picker's items for a field's value, in order."""
        items = []
        for token in split_units(text):
            pk = token_id(token)
            card = self.cards.get(pk) if pk is not None else None
            items.append(card or {"value": token, "text": token, "place": "", "ambiguous": False})
        return items

    def resolve(self, texts):
        """Each text → its list of units: an organisation for an id, else what
        services.resolve_units makes of the name. One look-up for all the names."""
        names = sorted({t for text in texts for t in split_units(text) if token_id(t) is None})
        by_name = dict(zip(names, services.resolve_units(names, user=self.user), strict=True))
        return {text: [self._unit(t, by_name) for t in split_units(text)] for text in texts}

    def _unit(self, token, by_name):
        # An id the user may not use was refused by the form; here it would stay plain text.
        pk = token_id(token)
        return by_name[token] if pk is None else self.organisations.get(pk, token)

    def resolve_one(self, text):
        """A single-unit field (a duty's unit, a recipient): the whole text is one unit."""
        text = (text or "").strip()
        if not text:
            return text
        pk = token_id(text)
        if pk is not None:
            return self.organisations.get(pk, text)
        return services.resolve_units([text], user=self.user)[0]
