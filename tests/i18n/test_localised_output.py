"""Dates, relative times and messages come out in the reader's language."""

from datetime import datetime, timedelta

from community.extensions import db as _db
from community.notifications.models import Notification
from community.timezones import utcnow
from tests.factories import (
    make_community,
    make_event,
    make_membership,
    make_thread,
    make_user,
)


def page(client, path: str) -> str:
    return client.get(path).get_data(as_text=True)


def test_event_dates_follow_the_page_language(client, db):
    event = make_event(
        title="GovStack forum",
        timezone="Europe/Paris",
        start_local=datetime(2030, 7, 3, 10, 0),
        end_local=datetime(2030, 7, 3, 11, 30),
    )
    english = page(client, f"/events/{event.id}?lang=en")
    assert "Wednesday 3 July 2030, 10:00" in english
    french = page(client, f"/events/{event.id}?lang=fr")
    assert "mercredi 3 juillet 2030, 10:00" in french
    assert "Heure de l’événement (Europe/Paris)" in french
    spanish = page(client, f"/events/{event.id}?lang=es")
    assert "miércoles, 3 de julio de 2030, 10:00" in spanish
    portuguese = page(client, f"/events/{event.id}?lang=pt")
    assert "quarta-feira, 3 de julho de 2030, 10:00" in portuguese


def test_recurring_events_are_described_in_the_page_language(client, db):
    event = make_event(
        timezone="Africa/Dakar",
        start_local=datetime(2030, 7, 1, 9, 0),
        end_local=datetime(2030, 7, 1, 10, 0),
        frequency="weekly",
        interval=2,
        weekdays=["MO"],
        count=4,
    )
    assert "Every 2 weeks on Monday at 09:00 Africa/Dakar, 4 times." in page(
        client, f"/events/{event.id}?lang=en"
    )
    assert "Toutes les 2 semaines le lundi à 09:00 Africa/Dakar, 4 fois." in page(
        client, f"/events/{event.id}?lang=fr"
    )
    assert "A cada 2 semanas (segunda-feira) às 09:00 Africa/Dakar, 4 vezes." in page(
        client, f"/events/{event.id}?lang=pt"
    )


def test_relative_times_come_from_cldr(client, db):
    community = make_community(slug="crvs")
    author = make_user()
    make_membership(author, community)
    thread = make_thread(community, author, title="Offline birth registration")
    thread.last_activity_at = utcnow() - timedelta(days=3, hours=2)
    _db.session.commit()
    assert "3 days ago" in page(client, "/c/crvs?lang=en")
    assert "il y a 3 jours" in page(client, "/c/crvs?lang=fr")
    assert "hace 3 días" in page(client, "/c/crvs?lang=es")
    assert "há 3 dias" in page(client, "/c/crvs?lang=pt")


def test_a_notification_and_its_mail_use_the_recipients_language(
    client, db, login, mailbox
):
    community = make_community(slug="govstack")
    asker = make_user(language="fr", email_frequency="immediately")
    replier = make_user(language="en")
    make_membership(asker, community)
    make_membership(replier, community)
    thread = make_thread(community, asker, title="Registres hors ligne")
    login(replier)
    response = client.post(
        f"/t/{thread.id}/reply?lang=en", data={"body": "We used paper forms."}
    )
    assert response.status_code == 302
    note = _db.session.scalars(
        _db.select(Notification).filter_by(user_id=asker.id)
    ).one()
    assert note.message == (
        f"{replier.display_name} a répondu à votre discussion "
        "«\u00a0Registres hors ligne\u00a0»"
    )
    mailbox.wait_for(1)
    message = next(m for m in mailbox.messages if asker.email in m["To"])
    # The mail threads under the thread's title and opens with the notification,
    # both in French; the post itself is the author's own text.
    assert message["Subject"].endswith("Registres hors ligne")
    body = message.get_body(("plain",)).get_content()
    assert note.message in body
    assert "We used paper forms." in body


def test_mail_to_someone_without_a_language_is_english(client, db, mailbox):
    person = make_user(language="")
    response = client.post("/auth/reset?lang=pt", data={"email": person.email})
    assert response.status_code in (200, 302)
    mailbox.wait_for(1)
    assert mailbox.messages[-1]["Subject"] == "Reset your password"


def test_a_person_who_chose_portuguese_gets_the_reset_mail_in_portuguese(
    client, db, mailbox
):
    person = make_user(language="pt")
    client.post("/auth/reset?lang=en", data={"email": person.email})
    mailbox.wait_for(1)
    assert mailbox.messages[-1]["Subject"] == "Redefinir sua senha"
    assert "Alguém pediu para redefinir sua senha" in (
        mailbox.messages[-1].get_body().get_content()
    )


def test_numbers_are_grouped_the_page_locales_way(app):
    from flask_babel import force_locale

    from community.dates import format_count

    with app.test_request_context("/"):
        with force_locale("fr"):
            assert format_count(12345) == "12\u202f345"
        with force_locale("pt"):
            assert format_count(12345) == "12.345"
        with force_locale("en"):
            assert format_count(12345) == "12,345"


def test_country_and_region_names_follow_the_page_language(client, db, login):
    login(make_user(country="CI", language="fr"))
    page = client.get("/auth/settings").get_data(as_text=True)
    assert '<option selected value="CI">Côte d’Ivoire</option>' in page
    assert '<option value="">Non indiqué</option>' in page


def test_library_region_facets_are_named_in_the_page_language(app):
    from flask_babel import force_locale

    from community.learnings.facets import facet_label

    with app.test_request_context("/"), force_locale("pt"):
        assert facet_label("region", "Latin America & Caribbean") == (
            "América Latina e Caribe"
        )
        assert facet_label("country", "MZ") == "Moçambique"
