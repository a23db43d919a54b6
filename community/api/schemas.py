"""Response shapes shared by several resources (marshmallow, so they document
themselves in the OpenAPI description)."""

from marshmallow import Schema, fields


def _written_list(attribute: str, description: str) -> fields.List:
    """A profile's comma-separated field as a list, as the person wrote it."""
    return fields.List(
        fields.String(),
        attribute=attribute,
        required=True,
        metadata={"description": description},
    )


class ProfileSchema(Schema):
    """What a profile says about the person (/u/<username> shows it to everyone)."""

    languages = _written_list(
        "spoken_language_names",
        "Languages the person speaks, as they wrote them (not the site language "
        "they chose); empty when not given",
    )
    expertise = _written_list(
        "expertise_topics",
        "Topics the person knows well, as they wrote them; empty when not given",
    )


class PersonSchema(ProfileSchema):
    """Someone as others see them: no e-mail address, no settings."""

    username = fields.String(required=True)
    display_name = fields.String(required=True)
    organisation = fields.String(required=True)
    url = fields.Method("profile_url", required=True)

    def profile_url(self, user) -> str:
        return f"/u/{user.username}"


class CommunitySchema(Schema):
    """A community: never secret itself, even when its content is members-only."""

    id = fields.Integer(required=True)
    slug = fields.String(required=True)
    name = fields.String(required=True)
    purpose = fields.String(required=True)
    visibility = fields.String(required=True, metadata={"enum": ["public", "members"]})
    join_policy = fields.String(required=True, metadata={"enum": ["open", "approval"]})
    member_count = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    is_archived = fields.Boolean(required=True)
    url = fields.Method("page_url", required=True)

    def page_url(self, community) -> str:
        return f"/c/{community.slug}"


class OkSchema(Schema):
    """What an action returns when there is nothing more to say."""

    ok = fields.Boolean(required=True)
    count = fields.Integer()
