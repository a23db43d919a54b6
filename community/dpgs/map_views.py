"""/map: the world map of DPG implementations, drawn on the server."""

from flask import render_template, request
from flask_login import current_user

from community.dpgs.views import bp
from community.dpgs.world_map import map_page
from community.pagecache.pages import visitor_cached


@bp.get("/map")
@visitor_cached
def show_map():
    return render_template("dpgs/map.html", **map_page(current_user, request.args))
