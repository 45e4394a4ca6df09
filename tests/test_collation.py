"""Lists of names in reading order (UCA), the same in SQL (SQLite's `uca`, PostgreSQL's ICU) and Python."""

from sqlalchemy import select

from tracker.core.collation import name_key, name_order
from tracker.countries import queries as country_queries
from tracker.countries.models import Country
from tracker.extensions import db

NAMES = ["Czechia", "Côte d'Ivoire", "Cameroon", "Åland Islands", "Zambia", "Albania", "cuba"]
READING_ORDER = ["Åland Islands", "Albania", "Cameroon", "Côte d'Ivoire", "cuba", "Czechia", "Zambia"]


def test_python_key_reads_like_a_person():
    assert sorted(NAMES, key=name_key) == READING_ORDER
    assert sorted([None, "B", "a"], key=name_key) == [None, "a", "B"]


def test_database_sorts_country_names_as_python_does(app):
    names = list(db.session.scalars(select(Country.name).order_by(name_order(Country.name))))
    assert len(names) > 200
    assert names == sorted(names, key=name_key)
    ordered = [n for n in names if n in {"Cameroon", "Côte d'Ivoire", "Czechia"}]
    assert ordered == ["Cameroon", "Côte d'Ivoire", "Czechia"]


def test_country_choices_are_in_reading_order(app):
    names = [name for _, name in country_queries.country_choices()]
    assert names.index("Côte d'Ivoire") < names.index("Czechia")
