"""The operator's name and colour; avatars; the header's one search entry."""

import re

import pytest

from community import create_app
from community.brand import (
    AVATAR_COLOURS,
    avatar_colour,
    brand_palette,
    contrast_with_white,
    initials,
    parse_hex,
)
from config import TestConfig
from tests.factories import make_user


def app_with(**settings):
    config = type("BrandConfig", (TestConfig,), settings)
    return create_app(config)


def test_the_default_colour_needs_no_extra_stylesheet(client, db):
    page = client.get("/").get_data(as_text=True)
    assert "/brand." not in page
    assert 'class="brand-mark"' in page and "wordmark" in page


def test_an_operators_colour_and_name_reach_every_page(db):
    app = app_with(BRAND_COLOUR="#7a1fa2", SITE_NAME="Hub of Ruritania")
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "Hub of Ruritania" in page
    href = re.search(r'href="(/brand\.[0-9a-f]{12}\.css)"', page).group(1)
    css = client.get(href)
    assert css.status_code == 200 and css.mimetype == "text/css"
    assert "--brand: #7a1fa2" in css.get_data(as_text=True)
    assert "immutable" in css.headers["Cache-Control"]
    assert client.get("/brand.000000000000.css").status_code == 404


@pytest.mark.parametrize("bad", ["blue", "#12345", "7a1fa2", "#ggg", "", "#1234567"])
def test_a_colour_that_is_not_hex_stops_the_app_saying_why(bad):
    if bad == "":  # empty means "the default"
        app_with(BRAND_COLOUR=bad)
        return
    with pytest.raises(ValueError, match="BRAND_COLOUR must be a hex colour"):
        app_with(BRAND_COLOUR=bad)


def test_a_too_light_colour_is_darkened_to_aa():
    palette = brand_palette("#ffee00")
    assert contrast_with_white(parse_hex(palette["brand"])) >= 4.5
    assert brand_palette("#0b5cad")["brand"] == "#0b5cad"  # already AA: untouched


def test_avatar_colours_all_reach_aa_and_are_stable():
    for colour in AVATAR_COLOURS:
        assert contrast_with_white(parse_hex(colour)) >= 4.5
    assert avatar_colour(7) == avatar_colour(7)
    assert len({avatar_colour(user_id) for user_id in range(1, 40)}) > 4
    assert initials("Amina Kamau") == "AK" and initials("bola") == "B"
    assert initials("") == "?"


def test_a_profile_shows_the_initials_disc(client, db):
    make_user(username="amina", display_name="Amina Kamau")
    page = client.get("/u/amina").get_data(as_text=True)
    assert re.search(r'class="avatar avatar-lg avatar-\d" aria-hidden="true">AK<', page)


def test_the_header_has_one_search_entry_and_a_menu_without_script(client, db):
    page = client.get("/").get_data(as_text=True)
    header = page[page.index("<header") : page.index("</header>")]
    assert '<details class="menu narrow-only">' in header
    assert ">Search</a>" not in header  # the box is the one way in
    assert header.count('role="search"') == 2  # one for wide screens, one in the menu
    assert "<script" not in header
