"""Paging for the API's lists: flask-smorest's `page`/`page_size` parameters and X-Pagination header,
bounded as the pages' lists are (a page beyond any real list would overflow SQL's OFFSET)."""

from functools import wraps

from tracker.api import bp
from tracker.core.pagination import MAX_PAGE

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def paged(view):
    @wraps(view)
    def bounded(*args, pagination_parameters, **kwargs):
        pagination_parameters.page = min(pagination_parameters.page, MAX_PAGE)
        return view(*args, pagination_parameters=pagination_parameters, **kwargs)

    return bp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)(bounded)


def page_of(items: list, pagination_parameters) -> list:
    """One page of a list computed whole (a few hundred countries at most)."""
    pagination_parameters.item_count = len(items)
    start = pagination_parameters.first_item
    return items[start : start + pagination_parameters.page_size]
