"""Demo API tokens, so docs/api.md's curl examples work against `make run`.

Their values are printed and written in the docs: demo data only, never made
when COMMUNITY_ENV is production.
"""

from flask import current_app
from sqlalchemy import select

from community.api.models import ApiToken
from community.api.tokens import hash_token
from community.demo.users import demo_user
from community.extensions import db

# username -> (token value, scopes)
DEMO_TOKENS = {
    "amina": ("chub_demo_amina_read_write", "read write"),
    "tomas": ("chub_demo_tomas_read_only", "read"),
}


def seed_api_tokens() -> list[str]:
    if current_app.config.get("ENV_NAME") == "production":
        return []
    lines = []
    for username, (raw, scopes) in DEMO_TOKENS.items():
        user = demo_user(username)
        found = db.session.scalar(
            select(ApiToken).where(ApiToken.token_hash == hash_token(raw))
        )
        if user is None or found is not None:
            continue
        db.session.add(
            ApiToken(
                user_id=user.id,
                name="Demo token",
                scopes=scopes,
                token_hash=hash_token(raw),
                prefix=raw[:9],
            )
        )
        lines.append(f"  API token for {username} ({scopes}): {raw}")
    db.session.flush()
    return lines
