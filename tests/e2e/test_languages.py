"""Journeys in French and Portuguese, JavaScript off, on a 360 px phone (issue 15).

Every page on the way must read in the chosen language (<html lang>), fit the
screen without sideways scrolling although French and Portuguese run longer than
English, and be axe clean.
"""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser import (
    axe_violations,
    format_violations,
    layout_problems,
    screenshot,
)
from tests.e2e.conftest import Variant
from tests.e2e.journeys import follow_mail_link, open_menu, unique_name

PHONE_NO_JS = Variant(js=False, viewport="phone")
NBSP = "\u00a0"


def check(page: Page, axe_page: Page, language: str, name: str) -> None:
    """The page is in `language`, fits 360 px, and passes axe.

    axe needs JavaScript, so it runs on the same address in a second phone page
    that shares the first one's cookies (the session, lang and tz).
    """
    expect(page.locator("html")).to_have_attribute("lang", language)
    problems = layout_problems(page)
    screenshot(page, f"{language}-{name}-phone-nojs")
    axe_page.context.clear_cookies()
    axe_page.context.add_cookies(page.context.cookies())
    axe_page.goto(page.url)
    expect(axe_page.locator("html")).to_have_attribute("lang", language)
    problems += layout_problems(axe_page)
    violations = axe_violations(axe_page)
    assert not problems, f"{page.url}: {problems}"
    assert not violations, f"axe on {page.url}:\n" + format_violations(violations)


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def follow(page: Page, navigation: str, link: str) -> None:
    """Click a link of a named navigation landmark (Main, Account, Language...);
    on a phone the main links sit behind the header's menu, opened first."""
    open_menu(page)
    page.get_by_role("navigation", name=navigation).get_by_role(
        "link", name=link
    ).click()


def test_a_french_visitor_registers_joins_and_reads_settings(new_page, mailbox, site):
    page = new_page(js=False, viewport="phone")
    axe_page = new_page(js=True, viewport="phone")
    username = unique_name(PHONE_NO_JS, "fr")
    email = f"{username}@example.org"
    page.goto("/")
    follow(page, "Language", "Français")
    expect(heading(page)).to_have_text(
        "Apprendre auprès des personnes qui construisent "
        "l’infrastructure publique numérique"
    )
    check(page, axe_page, "fr", "home")

    follow(page, "Compte", "S’inscrire")
    expect(heading(page)).to_have_text("Créez votre compte")
    check(page, axe_page, "fr", "register")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Nom affiché").fill("Awa Diop")
    page.get_by_label("Je travaille pour").select_option(
        label="Administration publique"
    )
    page.get_by_label("Fuseau horaire").select_option(label="Dakar — Sénégal")
    page.get_by_label("Mot de passe").fill("une phrase de passe assez longue")
    page.get_by_role("button", name="Créer le compte").click()
    expect(heading(page)).to_have_text("Consultez votre boîte de réception")
    check(page, axe_page, "fr", "register-sent")

    follow_mail_link(page, mailbox, email, "/auth/register/finish/")
    body = mailbox.bodies_to(email)[-1]
    assert body.startswith("Bonjour Awa Diop,")  # the mail speaks French too
    expect(page.locator(".flashes")).to_contain_text(
        f"Bienvenue{NBSP}! Votre compte est prêt"
    )

    follow(page, "Principale", "Communautés")
    check(page, axe_page, "fr", "communities")
    page.get_by_role("link", name="Open data in government").click()
    page.get_by_role("button", name="Rejoindre Open data in government").click()
    expect(page.locator(".flashes")).to_contain_text("Vous êtes désormais membre.")
    check(page, axe_page, "fr", "community")

    follow(page, "Compte", "Paramètres")
    expect(heading(page)).to_have_text("Paramètres")
    expect(page.get_by_label("Fuseau horaire")).to_have_value("Africa/Dakar")
    expect(page.get_by_role("combobox", name="Langue")).to_have_value("fr")
    check(page, axe_page, "fr", "settings")


def test_a_portuguese_visitor_reads_an_event_in_her_own_time(new_page, site):
    page = new_page(js=False, viewport="phone")
    axe_page = new_page(js=True, viewport="phone")
    page.goto("/?lang=pt")
    expect(heading(page)).to_have_text(
        "Aprenda com quem constrói a infraestrutura pública digital"
    )
    check(page, axe_page, "pt", "home")

    follow(page, "Principal", "Eventos")
    expect(heading(page)).to_have_text("Próximos eventos")
    check(page, axe_page, "pt", "events")
    page.get_by_role("link", name="Open data clinic").first.click()
    expect(page.get_by_text("Horário do evento (Europe/Berlin)")).to_be_visible()
    # In Portuguese: "terça-feira, 8 de dezembro de 2026, 15:00"
    times = page.locator(".event-times").inner_text()
    assert re.search(r"-feira|sábado|domingo", times) and " de " in times, times
    check(page, axe_page, "pt", "event")

    page.get_by_label("Mostrar os horários em").select_option(
        label="Sao Paulo — Brasil"
    )
    page.get_by_role("button", name="Mostrar").click()
    expect(page.get_by_text("Seu horário (America/Sao_Paulo)")).to_be_visible()
    check(page, axe_page, "pt", "event-in-my-time")

    follow(page, "Principal", "Aprendizados")
    expect(heading(page)).to_have_text("Aprendizados dos projetos-piloto")
    check(page, axe_page, "pt", "learnings")
    follow(page, "Principal", "Eventos")
    # The chosen zone stays with the visitor (a cookie), page after page.
    expect(page.get_by_label("Mostrar os horários em")).to_have_value(
        "America/Sao_Paulo"
    )
