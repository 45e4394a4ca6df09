"""The page number a list was asked for, bounded: a page beyond any real list would overflow SQL's OFFSET."""

from flask import request

MAX_PAGE = 10_000


def page_number() -> int:
    return min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
