"""Helpers shared by every feature's forms."""

from flask_wtf import FlaskForm
from wtforms import DateField as _WTFormsDateField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from tracker.core.errors import DomainError
from tracker.core.validation import check_date_range, normalise_email


def apply_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the field it names, or on the form as a whole."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        form.form_errors.append(str(error))


def choices(pairs) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def strip(value):
    return value.strip() if isinstance(value, str) else value


def none_if_blank(value):
    value = strip(value)
    return value or None


class FilterForm(FlaskForm):
    """A GET form of list filters: no CSRF token, since it changes nothing."""

    class Meta:
        csrf = False


class EmailAddress:
    """Checks the syntax with email-validator (no DNS look-up) and stores the normalised form."""

    def __call__(self, form, field):
        try:
            field.data = normalise_email(field.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None


class DateField(_WTFormsDateField):
    """wtforms' DateField, refusing a date outside the range the tracker accepts (1900 to 2100), with a
    message naming the field. Every form and filter uses this one, so no typed date can reach date
    arithmetic that overflows (0001-01-01 minus a day) or a query with a nonsense bound."""

    range_error: str | None = None

    def process_formdata(self, valuelist):
        self.range_error = None
        super().process_formdata(valuelist)
        if self.data is not None:
            try:
                check_date_range(self.data, self.label.text)
            except ValueError as error:
                self.data = None  # no route may compute with it, even one that skips validation
                self.range_error = str(error)
                raise

    def post_validate(self, form, validation_stopped):
        # DataRequired sees the emptied data and replaces the errors with its own "give a date"; the
        # range is the real reason.
        if self.range_error and self.range_error not in self.errors:
            self.errors = [self.range_error]
