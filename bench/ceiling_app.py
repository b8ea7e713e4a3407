"""The ceiling for bench/ingest.py: a bare FastAPI endpoint at ForumKit's ingest path.

It parses the same JSON body and answers 200 without touching a database, so the gap
between its figures and ForumKit's is the cost of ingest itself rather than of HTTP,
JSON or the client. Run by the bench under uvicorn, the same server `forumkit serve` uses.
"""

from __future__ import annotations

from typing import Any

from fastapi import Body, FastAPI

app = FastAPI()


@app.post("/v1/forums/{forum}/events")
def events(forum: str, batch: dict[str, Any] = Body(...)) -> dict[str, int]:
    # A plain `def`, like ForumKit's routes, so both run in uvicorn's thread pool.
    return {"applied": len(batch.get("events", [])), "duplicates": 0}
