"""Every form can be used with the keyboard alone: each field is reached with Tab, and Enter submits."""

import re

import pytest

FORMS = ["/organisations/new", "/directory/new", "/events/new", "/admin/users/new", "/account/password"]


IDENTIFY = """() => {
  const e = document.activeElement;
  return e ? (e.name || e.id || e.outerHTML.slice(0, 120)) : "";
}"""


def tab_order(page, limit: int = 1200) -> list[str]:
    """The fields' names (or ids) in the order Tab reaches them, once round the page (the event form's three
    country pickers hold ~750 checkboxes, hence the limit)."""
    reached: list[str] = []
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = page.evaluate(IDENTIFY)
        if reached and current == reached[0]:
            break
        if current not in reached:
            reached.append(current)
    return reached


@pytest.mark.parametrize("path", FORMS)
def test_every_field_is_reached_with_tab(open_as, live_server, path):
    watched = open_as("admin")
    page = watched.page
    page.goto(live_server + path)
    fields = page.eval_on_selector_all(
        "main form[method=post] :is(input, select, textarea):not([type=hidden])",
        "elements => elements.filter(e => e.offsetParent !== null && !e.disabled).map(e => e.name || e.id)",
    )
    reached = tab_order(page)
    assert fields and not [f for f in fields if f not in reached], (fields, reached)


def test_an_organisation_is_created_with_the_keyboard_alone(open_as, live_server):
    watched = open_as("editor")
    page = watched.page
    page.goto(live_server + "/organisations/new")
    page.locator("body").focus()
    while page.evaluate("() => document.activeElement.name") != "name":
        page.keyboard.press("Tab")
    page.keyboard.type("Keyboard Network")
    page.keyboard.press("Tab")
    page.keyboard.type("KBN")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/organisations/$"))
    assert "Keyboard Network (KBN)" in page.content()
    watched.assert_clean()
