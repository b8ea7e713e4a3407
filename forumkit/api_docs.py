"""/docs: Swagger UI from files installed with the service, so it works without internet.

The page has no inline script: Swagger UI is started by forumkit/web/static/docs.js.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = Path(str(swagger_ui_path))

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} API</title>
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
  <link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="/ui/static/docs.js" data-openapi="{openapi}"></script>
</body>
</html>
"""


def install(app: FastAPI, path: str = "/docs") -> None:
    """Serve Swagger UI's files under `path`/assets and its page at `path`."""
    assets = f"{path}/assets"
    app.mount(assets, StaticFiles(directory=ASSETS), name="docs-assets")
    page = PAGE.format(title=app.title, assets=assets, openapi=app.openapi_url)

    @app.get(path, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page)
