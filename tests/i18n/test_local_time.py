"""Local time: sign-up asks for a zone, visitors choose one, events show both clocks."""

import re
from datetime import datetime

from sqlalchemy import select

from community.auth.models import User
from tests.auth.test_register import finish_link, form
from tests.auth.test_settings import profile_form
from tests.factories import make_event, make_user


def selected_zone(page: str, name: str = "timezone") -> str:
    select_html = re.search(
        rf'<select[^>]*name="{name}".*?</select>', page, re.S
    ).group(0)
    found = re.search(
        r'<option selected value="([^"]+)"|<option value="([^"]+)" selected',
        select_html,
    )
    return found.group(1) or found.group(2)


def test_sign_up_offers_zones_grouped_by_region_guessed_from_the_browser(client, db):
    page = client.get(
        "/auth/register", headers={"Accept-Language": "pt-BR,pt;q=0.9"}
    ).get_data(as_text=True)
    assert selected_zone(page) == "America/Sao_Paulo"
    assert '<optgroup label="Américas">' in page
    assert "Sao Paulo — Brasil" in page
    assert "data-zone-select" in page and "data-guess-zone" in page
    assert re.search(r'<script src="/assets/timezone\.[0-9a-f]{12}\.js" defer>', page)
    senegal = client.get("/auth/register", headers={"Accept-Language": "fr-SN"})
    assert selected_zone(senegal.get_data(as_text=True)) == "Africa/Dakar"
    unknown = client.get("/auth/register", headers={"Accept-Language": "fr"})
    assert selected_zone(unknown.get_data(as_text=True)) == "UTC"


def test_the_script_is_small_and_served_from_the_site(client, db):
    response = client.get("/static/timezone.js")
    assert response.status_code == 200
    assert len(response.data) < 4000
    assert b"resolvedOptions().timeZone" in response.data


def test_the_chosen_zone_becomes_the_accounts(client, db, mailbox):
    response = client.post(
        "/auth/register", data=form(email="kofi@example.org", timezone="Africa/Accra")
    )
    assert response.status_code == 302
    client.get(finish_link(mailbox, "kofi@example.org"))
    user = db.session.scalars(select(User).filter_by(email="kofi@example.org")).one()
    assert user.timezone == "Africa/Accra"


def test_a_form_without_the_zone_takes_the_browsers_guess(client, db, mailbox):
    response = client.post(
        "/auth/register",
        data=form(email="lucia@example.org"),
        headers={"Accept-Language": "es-MX"},
    )
    assert response.status_code == 302
    client.get(finish_link(mailbox, "lucia@example.org"))
    user = db.session.scalars(select(User).filter_by(email="lucia@example.org")).one()
    assert user.timezone == "America/Mexico_City"


def test_a_made_up_zone_is_refused_with_the_form_kept(client, db):
    response = client.post(
        "/auth/register",
        data=form(display_name="Kept Name", timezone="Mars/Olympus<script>"),
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "is not a time zone we know" in page
    assert "Kept Name" in page and "<script>" not in page.split("</footer>")[0][-200:]


def test_settings_list_zones_by_region_in_the_page_language(client, db, login):
    login(make_user(timezone="Africa/Lagos", language="fr"))
    page = client.get("/auth/settings").get_data(as_text=True)
    assert selected_zone(page) == "Africa/Lagos"
    assert '<optgroup label="Afrique">' in page
    assert "Lagos — Nigeria" in page


def test_an_old_zone_name_outside_the_list_is_kept(client, db, login):
    user = login(make_user(timezone="Asia/Calcutta"))
    page = client.get("/auth/settings").get_data(as_text=True)
    assert selected_zone(page) == "Asia/Calcutta"
    response = client.post("/auth/settings", data=profile_form(timezone="Asia/Kolkata"))
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.timezone == "Asia/Kolkata"


def berlin_event():
    return make_event(
        title="Berlin forum",
        timezone="Europe/Berlin",
        start_local=datetime(2030, 7, 1, 10),
        end_local=datetime(2030, 7, 1, 11),
    )


def test_a_visitor_chooses_a_zone_on_the_event_page_and_keeps_it(client, db):
    event = berlin_event()
    first = client.get(f"/events/{event.id}")
    page = first.get_data(as_text=True)
    assert '<form method="get" action="/events/' in page and 'name="tz"' in page
    chosen = client.get(f"/events/{event.id}?tz=Asia/Kolkata")
    assert "tz=Asia/Kolkata" in chosen.headers["Set-Cookie"]
    later = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Your time (Asia/Kolkata)" in later
    assert "Monday 1 July 2030, 13:30 IST to 14:30 IST" in later
    assert selected_zone(later, "tz") == "Asia/Kolkata"


def test_a_bad_visitor_zone_is_ignored(client, db):
    event = berlin_event()
    response = client.get(f"/events/{event.id}?tz=Nowhere/Atlantis%3Cb%3E")
    assert response.status_code == 200
    assert "tz=" not in response.headers.get("Set-Cookie", "")
    assert "Your time (UTC)" in response.get_data(as_text=True)


def test_no_row_repeats_another(client, db):
    event = make_event(
        title="UTC call",
        timezone="UTC",
        start_local=datetime(2030, 7, 1, 10),
        end_local=datetime(2030, 7, 1, 11),
    )
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Event time (UTC)" in page
    assert "Your time" not in page and "<dt>UTC</dt>" not in page


def test_a_reader_in_the_events_zone_sees_one_row_and_no_utc(client, db, login):
    event = berlin_event()
    login(make_user(timezone="Europe/Berlin"))
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Event time (Europe/Berlin)" in page
    assert "Your time" not in page
    # Issue 15: an account sees UTC only when it chose it (or the event is in it).
    assert "UTC" not in page.split("</main>")[0]
    assert "Change your time zone" in page and 'name="tz"' not in page
