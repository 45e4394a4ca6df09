from sqlalchemy import select

from tracker.accounts.models import User
from tracker.extensions import db


def users_page(page: int, per_page: int):
    return db.paginate(select(User).order_by(User.active.desc(), User.email), page=page, per_page=per_page)
