from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class UploadForm(FlaskForm):
    file = FileField("CSV or XLSX file", validators=[FileRequired("Choose a file to upload.")])


class ConfirmForm(FlaskForm):
    """Only the CSRF token: confirming, resolving and discarding post nothing else that a form checks."""
