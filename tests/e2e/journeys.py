"""What a person does in a journey, through the real pages and forms.

page = new_page(js=variant.js, viewport=variant.viewport)   # conftest
email = register_account(page, "amina", mailbox)    # follows the mailed link
log_out(page); log_in(page, "amina")
fill_form(page, {"Title": "How do you ...?", "Kind": "Question"}, submit="Post")
assert_accessible(page)                                      # browser.py
"""

import itertools
import re
import time

from playwright.sync_api import Page, expect

PASSWORD = "violet harbour lantern 42"  # noqa: S105 - accounts made by the journeys
_names = itertools.count(1)


# ---------- mail ----------

LINK_RE = re.compile(r"https?://\S+")


def wait_for_mail(mailbox, address: str, containing: str, timeout: float = 10) -> str:
    """The newest plain-text mail to address that contains the text."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        bodies = [b for b in mailbox.bodies_to(address) if containing in b]
        if bodies:
            return bodies[-1]
        time.sleep(0.05)
    raise AssertionError(f"no mail to {address} containing {containing!r}")


def follow_mail_link(page: Page, mailbox, address: str, path_part: str) -> str:
    """Open the link (containing path_part) of the newest mail to address."""
    body = wait_for_mail(mailbox, address, path_part)
    link = next(url for url in LINK_RE.findall(body) if path_part in url)
    page.goto(link)
    return link


# ---------- accounts through the real forms ----------


def fill_form(page: Page, fields: dict, submit: str | None = None) -> None:
    """Fill fields by their label, then press the submit button (by its name).

    Values: str for text fields and selects (the option's label), bool for
    checkboxes.
    """
    for label, value in fields.items():
        control = page.get_by_label(label, exact=True)
        if isinstance(value, bool):
            control.set_checked(value)
        elif control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    if submit:
        page.get_by_role("main").get_by_role("button", name=submit).click()


def fetch_link(page: Page, name: str) -> bytes:
    """GET what a link points to with the page's cookies (an .ics, a feed).

    webcal:// (a calendar subscription) is fetched over http, as calendar
    apps do; the test server has no TLS.
    """
    href = page.get_by_role("link", name=name).first.get_attribute("href") or ""
    if href.startswith("webcal://"):
        href = "http://" + href.removeprefix("webcal://")
    response = page.context.request.get(href)
    assert response.ok, f"{href}: {response.status}"
    return response.body()


def unique_name(variant, prefix: str = "j") -> str:
    """A username no other test or variant uses (3 to 30 characters)."""
    mode = "js" if variant.js else "nojs"
    return f"{prefix}{next(_names)}_{variant.viewport}_{mode}"


def expect_flash(page: Page, text: str) -> None:
    expect(page.locator(".flashes")).to_contain_text(text)


def open_menu(page: Page) -> None:
    """On a phone the main links sit behind the header's "Menu": open it."""
    menu = page.locator("header details.menu > summary")
    if menu.is_visible() and page.locator("header details.menu[open]").count() == 0:
        menu.click()


def main_nav(page: Page):
    """The main links: in the header on a desktop, behind "Menu" on a phone."""
    open_menu(page)
    return page.get_by_role("navigation", name="Main")


def open_account_link(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name=name
    ).click()


def register_account(
    page: Page,
    username: str,
    mailbox,
    password: str = PASSWORD,
    kind: str = "Government",
) -> str:
    """Register through the header's Register link and the link mailed to finish
    (which confirms the address and logs in); returns the e-mail address."""
    email = f"{username.lower()}@example.org"
    open_account_link(page, "Register")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Display name").fill(username.title())
    page.get_by_label("Organisation").fill("Ministry of Testing")
    page.get_by_label("I work for").select_option(label=kind)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    follow_mail_link(page, mailbox, email, "/auth/register/finish/")
    expect_flash(page, "Your account is ready")
    return email


def log_in(page: Page, login: str, password: str = PASSWORD) -> None:
    """Log in through the header's link, or the log-in page a protected page
    sent us to; either way we come back to where we were."""
    if "/auth/login" not in page.url:
        open_account_link(page, "Log in")
    page.get_by_label("E-mail or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Settings")


def log_out(page: Page) -> None:
    open_account_link(page, "Log out")
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    expect_flash(page, "You are logged out.")
