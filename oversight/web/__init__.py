"""The website: server-rendered pages, a JSON API under /api/ and feeds, over the services.

Build it with `create_app(settings)`. Every page's data is one typed context
(`oversight.web.pages`, `oversight.web.meeting_view`); the HTML route renders it and the
API route returns it as JSON.
"""

from oversight.web.app import create_app

__all__ = ["create_app"]
