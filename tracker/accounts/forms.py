from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from tracker.accounts import audit_view
from tracker.accounts.passwords import password_problem
from tracker.core.access import Role
from tracker.core.forms import DateField, EmailAddress, FilterForm, choices, strip
from tracker.core.locking import VersionField

ROLE_CHOICES = choices((role.value, role.label) for role in Role)


class PasswordPolicy:
    def __call__(self, form, field):
        email = getattr(form, "email", None)
        if problem := password_problem(field.data or "", email=email.data if email else None):
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    email = StringField("E-mail", validators=[DataRequired()], filters=[strip])
    password = PasswordField("Password", validators=[DataRequired()])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired()])
    new_password = PasswordField("New password", validators=[DataRequired(), PasswordPolicy()])
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("new_password", "The passwords differ.")],
    )


class UserCreateForm(FlaskForm):
    email = EmailField(
        "E-mail", validators=[DataRequired(), Length(max=254), EmailAddress()], filters=[strip]
    )
    name = StringField("Name", validators=[DataRequired(), Length(max=120)], filters=[strip])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.VIEWER.value)
    password = PasswordField("Initial password", validators=[DataRequired(), PasswordPolicy()])


class UserEditForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)], filters=[strip])
    role = SelectField("Role", choices=ROLE_CHOICES)
    active = BooleanField("Active (may log in)")
    version = VersionField()


class AuditFilterForm(FilterForm):
    user = SelectField("User", validators=[Optional()])
    entity_type = SelectField("Entity", validators=[Optional()], validate_choice=False)
    action = SelectField("Action", validators=[Optional()], validate_choice=False)
    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])

    def fill(self, options: dict) -> "AuditFilterForm":
        self.user.choices = choices([("", "Anyone")] + [(str(i), email) for i, email in options["users"]])
        self.entity_type.choices = choices(
            [("", "Any")] + [(e, audit_view.entity_label(e)) for e in options["entity_types"]]
        )
        self.action.choices = choices([("", "Any")] + [(a, a) for a in options["actions"]])
        return self
