from datetime import date

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.authorities.models import FIELDS, Article, Field, Source
from tracker.core.forms import DateField, FilterForm, choices, none_if_blank, strip
from tracker.core.locking import VersionField

ARTICLE_CHOICES = choices((a.value, a.label) for a in Article)
SOURCE_CHOICES = choices([("", "—")] + [(s.value, s.label) for s in Source])
SOURCE_HELP = (
    "Where each value comes from, and when it was received (blank: today, or the declaration's date)."
)


class DirectoryFilterForm(FilterForm):
    article = SelectField(
        "Article", choices=choices([("", "Both articles")]) + ARTICLE_CHOICES, validators=[Optional()]
    )


class StatusFilterForm(FilterForm):
    on = DateField("As of", validators=[Optional()], default=date.today)


def _source(label: str) -> SelectField:
    return SelectField(f"{label}: source", choices=SOURCE_CHOICES, validators=[Optional()])


def _received(label: str) -> DateField:
    return DateField(f"{label}: received on", validators=[Optional()])


class AuthorityForm(FlaskForm):
    article = SelectField("Article", choices=ARTICLE_CHOICES)
    declaration_id = SelectField(
        "Compare with the official declaration", choices=choices([("", "Automatic")]), validators=[Optional()]
    )
    name = StringField("Name", validators=[DataRequired(), Length(max=300)], filters=[strip])
    name_source = _source("Name")
    name_received_on = _received("Name")
    address = TextAreaField("Address", validators=[Optional(), Length(max=2000)], filters=[none_if_blank])
    address_source = _source("Address")
    address_received_on = _received("Address")
    phone = StringField("Phone", validators=[Optional(), Length(max=40)], filters=[none_if_blank])
    phone_source = _source("Phone")
    phone_received_on = _received("Phone")
    email = StringField("E-mail", validators=[Optional(), Length(max=254)], filters=[none_if_blank])
    email_source = _source("E-mail")
    email_received_on = _received("E-mail")
    notes = TextAreaField("Notes", validators=[Optional()], filters=[none_if_blank])
    version = VersionField()

    def rows(self):
        """(field, value input, source input, date input) for the template's table."""
        return [(f, self[f.value], self[f"{f.value}_source"], self[f"{f.value}_received_on"]) for f in FIELDS]

    def service_data(self) -> dict:
        data = {key: value for key, value in self.data.items() if key != "csrf_token"}
        raw = data.get("declaration_id") or ""
        data["declaration_id"] = None if raw == "" else int(raw)
        return data


def declaration_choices(declarations) -> list:
    return choices(
        [("", "Automatic: the declaration for this article, if the Party has only one"), ("0", "None")]
        + [(d.id, f"{d.article.short}: {d.authority_name}") for d in declarations]
    )


class DeclarationForm(FlaskForm):
    article = SelectField("Article", choices=ARTICLE_CHOICES)
    authority_name = StringField(
        "Authority as declared", validators=[DataRequired(), Length(max=300)], filters=[strip]
    )
    address = TextAreaField("Address", validators=[Optional(), Length(max=2000)], filters=[none_if_blank])
    phone = StringField("Phone", validators=[Optional(), Length(max=40)], filters=[none_if_blank])
    email = StringField("E-mail", validators=[Optional(), Length(max=254)], filters=[none_if_blank])
    declared_on = DateField("Date of the declaration", validators=[Optional()])
    notes = TextAreaField("Notes", validators=[Optional()], filters=[none_if_blank])
    version = VersionField()


def _int_or_none(value):
    return int(value) if value not in ("", None) else None


class PartyInputForm(FlaskForm):
    country_id = SelectField(
        "Party", coerce=_int_or_none, validators=[DataRequired(message="Choose a Party.")]
    )
    received_on = DateField("Received on", validators=[DataRequired(message="Give the date received.")])
    note = TextAreaField("Note", validators=[Optional(), Length(max=2000)], filters=[none_if_blank])


class ReviewForm(FlaskForm):
    field = HiddenField("Field", validators=[DataRequired()])
    note = TextAreaField(
        "Note", validators=[DataRequired(message="Say in a note what was checked.")], filters=[strip]
    )

    def validate_field(self, field):
        if field.data not in {f.value for f in Field}:
            raise ValidationError("Not a field of an authority.")


class ActionForm(FlaskForm):
    """A POST button: only the CSRF token."""
