from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired

from tracker.core.forms import FilterForm, strip
from tracker.core.locking import VersionField


class PersonSearchForm(FilterForm):
    q = StringField("Name or e-mail", filters=[strip])


class MergeForm(FlaskForm):
    """Merge the record `other_id` into the page's record; both versions as the editor saw them."""

    other_id = IntegerField("Other record", validators=[InputRequired(message="Choose the record to merge.")])
    version = VersionField()
    other_version = VersionField()


class KeepApartForm(FlaskForm):
    other_id = IntegerField("Other record", validators=[InputRequired(message="Choose the other record.")])
