"""What ForumKit sends out, published in the OpenAPI document's `webhooks` section.

Each adapter action is POSTed to a generic forum's `callback_url`, and each alert to a
webhook alert channel, inside the same signed envelope; the `data` models here are the
ones the code checks every action against (forumkit/actions.py), so the published contract
and the code cannot drift apart.
"""

# No `from __future__ import annotations` here: the endpoints' annotations are made at run
# time from the models, and FastAPI reads them as objects.

from datetime import datetime
from typing import Any, Literal

from fastapi import FastAPI
from pydantic import BaseModel, Field, create_model

from forumkit.actions import ALERT, PAYLOADS


class AlertData(BaseModel):
    """What a webhook alert channel receives in `data`."""

    title: str = Field(description="One line: what happened")
    text: str = Field(description="A few lines for the moderator")
    url: str | None = Field(description="Where to look (http or https only)")
    fields: dict[str, Any] = Field(description="Short facts by name; `kind` says which "
                                   "alert this is")


def envelope(name: str, kind: Any, data: type[BaseModel]) -> type[BaseModel]:
    fields: dict[str, Any] = {
        "id": (str, Field(description="The delivery id, the same on every retry: drop "
                          "repeats by it; also the webhook-id header")),
        "type": (kind, Field(description="What this delivery is")),
        "forum": (str, Field(description="The forum's slug")),
        "created_at": (datetime, Field(description="When the action was made")),
        "attempt": (int, Field(description="1 on the first try, then 2, 3, ...")),
        "data": (data, Field(description="The action's fields (below), or the alert")),
    }
    return create_model(name, **fields)


def _data_of(model: type[BaseModel]) -> type[BaseModel]:
    """The payload as delivered: every field but `kind`, which travels as the envelope's
    `type`."""
    fields: dict[str, Any] = {name: (info.annotation, info)
                              for name, info in model.model_fields.items() if name != "kind"}
    return create_model(model.__name__, __doc__=model.__doc__, **fields)


def install(app: FastAPI) -> None:
    for kind, model in PAYLOADS.items():
        if kind == ALERT:
            continue
        delivery = envelope(f"{model.__name__}Delivery", Literal[kind], _data_of(model))
        _publish(app, kind, delivery, f"Action {kind}, to a generic forum's callback_url",
                 model.__doc__ or "")
    alert = envelope("AlertDelivery", str, AlertData)
    _publish(app, "alert", alert, "An alert, to a webhook alert channel",
             "`type` is the alert's event: alert.fired, alert.resolved, alert.test, ...")


def _publish(app: FastAPI, name: str, envelope: type[BaseModel], summary: str,
             description: str) -> None:
    def receive(body: Any) -> None:  # never called: it only describes what is sent
        return None

    receive.__annotations__ = {"body": envelope, "return": None}
    app.webhooks.post(name, summary=summary, description=description.strip(),
                      status_code=200)(receive)
