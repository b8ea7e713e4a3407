"""The ceiling for bench/ingest.py, bench/render_hints_http.py and bench/read_path.py: bare
FastAPI endpoints at ForumKit's ingest, render-hints and permissions paths, and /healthz.

It parses the same JSON body and answers 200 without touching a database, so the gap
between its figures and ForumKit's is the cost of ingest itself rather than of HTTP,
JSON or the client. Run by the bench under uvicorn, the same server `forumkit serve` uses.
"""

from __future__ import annotations

from typing import Any

from fastapi import Body, FastAPI, Query

app = FastAPI()


@app.post("/v1/forums/{forum}/events")
def events(forum: str, batch: dict[str, Any] = Body(...)) -> dict[str, int]:
    # A plain `def`, like ForumKit's routes, so both run in uvicorn's thread pool.
    return {"applied": len(batch.get("events", [])), "duplicates": 0}


@app.post("/v1/forums/{forum}/render-hints")
def render_hints(forum: str, body: dict[str, Any] = Body(...)) -> dict[str, Any]:
    # The same shape as ForumKit's answer, every post shown, with no database.
    posts = {pid: {"display": "show", "labels": [], "notice": None, "support": False}
             for pid in body.get("post_ids", [])}
    return {"posts": posts, "unknown": []}


@app.get("/v1/forums/{forum}/permissions")
def permissions(forum: str, thread_id: str = Query(...), member_id: str | None = None
                ) -> dict[str, Any]:
    # The same query parameters and answer as ForumKit's, the thread always open.
    return {"can_reply": True, "can_react": True, "reason": None, "response_mode": "open",
            "opens_at": None, "post_response_mode": None}


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
