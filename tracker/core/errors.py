class DomainError(ValueError):
    """A rule of the domain refused the change; `field` names the form field it concerns, if one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
