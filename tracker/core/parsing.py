"""Reading plain values that arrive as text from forms, query strings and files: row ids and free text.

Every feature parses these the same way, so a hostile value ("99999999999", "١٢", " ") means the same
thing on every page and in every import.
"""

# Row ids are 32-bit on every backend here; a larger number is simply "not found", where PostgreSQL would
# otherwise raise "integer out of range".
MAX_ID = 2**31 - 1


def parse_id(value) -> int | None:
    """A row id from a form, query or file value: None when blank, ValueError when it cannot be one
    (not ASCII digits, zero, or beyond a 32-bit id)."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
        raise ValueError(f"“{text}” is not a row id")
    return int(text)


def valid_ids(values) -> list[int]:
    """The row ids among `values`, sorted and without duplicates; anything else is dropped (for read-only
    look-ups where an unknown id simply finds nothing)."""
    ids = set()
    for value in values or ():
        try:
            if (row_id := parse_id(value)) is not None:
                ids.add(row_id)
        except ValueError:
            continue
    return sorted(ids)


def text_or_none(value) -> str | None:
    """Free text with surrounding spaces removed; None when nothing is left. Non-text values (a number
    from a spreadsheet cell) become their text."""
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else str(value).strip()
    return text or None
