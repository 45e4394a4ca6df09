"""Likely duplicates among people: name variants with something else in common, for an editor to judge.

Two records are suggested when their names are variants of one another — accents and case aside
("José Pérez" / "Jose PEREZ"), in another order ("Kovács Anna" / "Anna Kovács"), with initials
("J. Smith" / "John Smith", "Anna M. Kovács" / "Anna Maria Kovács") — AND they share a country, an
organisation or an institution. A name alone is too weak a sign (two Anna Kovács from two countries are
two people); the same address never reaches this point (the same e-mail is already the same person).
Pairs an editor kept apart are never suggested again. The suggestion is never acted on by itself.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from tracker.countries.matching import normalise
from tracker.people.models import Person


@dataclass(frozen=True)
class Suggestion:
    first: Person
    second: Person
    reasons: tuple[str, ...]


# Letters Unicode does not decompose into a base letter and a mark, so that "Łukasz" = "Lukasz"
_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ß": "ss", "ı": "i"})


def fold(name: str | None) -> str:
    """A name compared as people compare names: case, accents, punctuation and stroked letters aside."""
    return normalise(name.translate(_LETTERS)) if name else ""


def name_tokens(name: str | None) -> list[str]:
    return fold(name).split()


def _initial_of(short: str, long: str) -> bool:
    return short == long or (len(short) == 1 and long.startswith(short))


def _rests_agree(rest_a: list[str], rest_b: list[str]) -> bool:
    """Every remaining word of the shorter list stands for a distinct word of the other (itself or its
    initial); greedy is enough for the handful of words a name has."""
    shorter, longer = sorted((rest_a, rest_b), key=len)
    pool = list(longer)
    for token in shorter:
        match = next(
            (other for other in pool if _initial_of(token, other) or _initial_of(other, token)), None
        )
        if match is None:
            return False
        pool.remove(match)
    return True


def names_are_variants(a: str | None, b: str | None) -> bool:
    tokens_a, tokens_b = name_tokens(a), name_tokens(b)
    if not tokens_a or not tokens_b:
        return False
    if sorted(tokens_a) == sorted(tokens_b):
        return True
    common = {t for t in tokens_a if len(t) > 1} & {t for t in tokens_b if len(t) > 1}
    if not common:
        return False
    rest_a = [t for t in tokens_a if t not in common]
    rest_b = [t for t in tokens_b if t not in common]
    if not rest_a or not rest_b:
        # "John Smith" / "John Michael Smith": a missing middle name, but only with two words in common
        return len(common) >= 2
    return _rests_agree(rest_a, rest_b)


@dataclass
class _Traits:
    countries: dict[int, str]
    organisations: dict[int, str]
    institutions: dict[str, str]


def _traits(person: Person) -> _Traits:
    traits = _Traits({}, {}, {})
    for link in person.participations:
        p = link.participant
        if p.country is not None:
            traits.countries[p.country.id] = p.country.name
        if p.organisation is not None:
            traits.organisations[p.organisation.id] = p.organisation.display_name
        if p.institution and (key := fold(p.institution)):
            traits.institutions[key] = p.institution
    for link in person.designations:
        cp = link.contact_point
        traits.countries[cp.country.id] = cp.country.name
        if key := fold(cp.institution):
            traits.institutions[key] = cp.institution
    return traits


def _shared(a: _Traits, b: _Traits) -> tuple[str, ...]:
    reasons = [f"same country: {a.countries[k]}" for k in sorted(a.countries.keys() & b.countries.keys())]
    reasons += [
        f"same organisation: {a.organisations[k]}"
        for k in sorted(a.organisations.keys() & b.organisations.keys())
    ]
    reasons += [
        f"same institution: {a.institutions[k]}"
        for k in sorted(a.institutions.keys() & b.institutions.keys())
    ]
    return tuple(reasons)


def suggestions(persons: list[Person], kept_apart: set[tuple[int, int]]) -> list[Suggestion]:
    """Pairs compared only within blocks sharing a word of two letters or more, so the work grows with
    the size of the blocks, not with the square of the people."""
    blocks: dict[str, list[Person]] = defaultdict(list)
    for person in persons:
        for token in {t for t in name_tokens(person.name) if len(t) > 1}:
            blocks[token].append(person)
    traits = {}
    seen: set[tuple[int, int]] = set()
    found = []
    for members in blocks.values():
        for a, b in combinations(members, 2):
            pair = (min(a.id, b.id), max(a.id, b.id))
            if pair in seen or pair in kept_apart:
                continue
            seen.add(pair)
            if not names_are_variants(a.name, b.name):
                continue
            for person in (a, b):
                if person.id not in traits:
                    traits[person.id] = _traits(person)
            if reasons := _shared(traits[a.id], traits[b.id]):
                first, second = sorted((a, b), key=lambda p: p.id)
                found.append(Suggestion(first, second, ("name variants", *reasons)))
    return sorted(found, key=lambda s: (fold(s.first.display_name), s.first.id, s.second.id))
