"""The demo accounts: every one shares one password, hashed once per run."""

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from community.auth.models import User
from community.extensions import db
from community.timezones import utcnow

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - demo accounts only

DEMO_USERS = [
    # username, display name, kind, organisation, country, time zone, site role
    ("admin", "Ada Admin", "other", "Community Hub", "GB", "Europe/London", "admin"),
    (
        "amina",
        "Amina Njoroge",
        "government",
        "Ministry of ICT",
        "KE",
        "Africa/Nairobi",
        "member",
    ),
    (
        "ravi",
        "Ravi Menon",
        "government",
        "State e-Governance Mission",
        "IN",
        "Asia/Kolkata",
        "member",
    ),
    (
        "lucia",
        "Lúcia Fernandes",
        "government",
        "Secretaria de Governo Digital",
        "BR",
        "America/Sao_Paulo",
        "member",
    ),
    (
        "jonas",
        "Jonas Weber",
        "dpg_team",
        "GovStack",
        "DE",
        "Europe/Berlin",
        "moderator",
    ),
    ("maya", "Maya Chen", "dpg_team", "OpenCRVS", "SG", "Asia/Singapore", "member"),
    (
        "kwame",
        "Kwame Mensah",
        "vendor",
        "Accra Systems Ltd",
        "GH",
        "Africa/Accra",
        "member",
    ),
    (
        "sofia",
        "Sofía Ramírez",
        "vendor",
        "Andes Integraciones",
        "CO",
        "America/Bogota",
        "member",
    ),
    (
        "fatou",
        "Fatou Diallo",
        "funder",
        "Digital Futures Fund",
        "SN",
        "Africa/Dakar",
        "member",
    ),
    (
        "tomas",
        "Tomás Novak",
        "other",
        "Independent researcher",
        "CZ",
        "Europe/Prague",
        "member",
    ),
]

# Pages and mail in the person's language (issue 15); everyone else reads English.
DEMO_LANGUAGES = {"lucia": "pt", "sofia": "es", "fatou": "fr"}
# What profiles say about the person (issue 20): languages spoken, expertise.
DEMO_PROFILES = {
    "amina": ("English, Kiswahili", "digital identity, civil registration"),
    "ravi": ("English, Hindi, Malayalam", "payments, consent, data exchange"),
    "lucia": ("Portuguese, Spanish", "digital services, procurement"),
    "jonas": ("German, English", "GovStack building blocks, interoperability"),
    "maya": ("English, Mandarin", "civil registration, product management"),
    "kwame": ("English, Twi", "system integration, cloud hosting"),
    "sofia": ("Spanish, English", "system integration, identity"),
    "fatou": ("French, Wolof, English", "funding, capacity building"),
}


def demo_user(username: str) -> User | None:
    """A demo account by username, or None before the users step ran."""
    return db.session.scalar(select(User).where(User.username_key == username))


def seed_users() -> list[str]:
    lines = []
    # scrypt takes a while on purpose: hash the shared password once, not per user.
    password_hash = generate_password_hash(DEMO_PASSWORD, method="scrypt")
    for username, name, kind, organisation, country, zone, role in DEMO_USERS:
        if demo_user(username) is not None:
            continue
        user = User(
            email=f"{username}@demo.community.invalid",
            username=username,
            username_key=username,
            display_name=name,
            kind=kind,
            organisation=organisation,
            country=country,
            timezone=zone,
            language=DEMO_LANGUAGES.get(username, "en"),
            spoken_languages=DEMO_PROFILES.get(username, ("", ""))[0],
            expertise=DEMO_PROFILES.get(username, ("", ""))[1],
            site_role=role,
            is_editor=username in ("admin", "jonas", "maya"),
            email_confirmed_at=utcnow(),
            email_frequency="never",
            password_hash=password_hash,
        )
        db.session.add(user)
        lines.append(f"  created {username} ({DEMO_LANGUAGES.get(username, 'en')})")
    db.session.flush()
    return lines
