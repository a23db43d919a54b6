"""The query-string names the lists share (search, events, lessons), and the
older names and values they replace, which keep working: bookmarks and links
people shared are a contract (DESIGN.md). The table is in docs/search.md."""

from werkzeug.datastructures import MultiDict

# old parameter name -> today's
NAME_ALIASES = {"kind": "type"}
# old value of ?sort= -> today's (search said "date", the library "relevant")
SORT_ALIASES = {"date": "newest", "relevant": "relevance"}


def canonical_args(args) -> MultiDict:
    """The query string with old names and values read as today's."""
    found = MultiDict(args)
    for old, new in NAME_ALIASES.items():
        if old in found and new not in found:
            found.setlist(new, found.getlist(old))
        found.poplist(old)
    if found.get("sort") in SORT_ALIASES:
        found["sort"] = SORT_ALIASES[found["sort"]]
    return found
