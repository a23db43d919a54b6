"""Short shapes of what DPG and organisation resources link to. Each list is
built by the feature's own query for the viewer, so members-only content
appears only for members."""

from marshmallow import Schema, fields


class LessonLinkSchema(Schema):
    slug = fields.String(required=True)
    title = fields.Function(lambda lesson: lesson.published_version.title)
    url = fields.Function(lambda lesson: f"/learnings/{lesson.slug}")


class ThreadLinkSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    community = fields.Function(lambda thread: thread.community.slug)
    url = fields.Function(lambda thread: f"/t/{thread.id}")


class EventLinkSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    start_at = fields.DateTime(required=True)
    status = fields.String(required=True)
    url = fields.Function(lambda event: f"/events/{event.id}")


class ActivityLinkSchema(Schema):
    slug = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True)
    url = fields.Function(lambda activity: f"/roadmap/{activity.slug}")


class CommunityLinkSchema(Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    url = fields.Function(lambda community: f"/c/{community.slug}")


class Linked:
    """A record plus the lists linked to it, read as one object by a schema."""

    def __init__(self, record, **lists):
        self.record = record
        self.__dict__.update(lists)

    def __getattr__(self, name: str):
        return getattr(self.record, name)
