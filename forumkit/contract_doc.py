"""docs/actions.md, written from the models the code checks every action against
(forumkit/actions.py, forumkit/published.py) and the alert fields plugins publish, so the
page and the code cannot drift apart. `make docs` writes it; a test compares."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from forumkit.actions import ALERT, PAYLOADS
from forumkit.published import AlertData, envelope
from forumkit.registry import Registry

INTRO = """# Actions and alert messages

What ForumKit sends out. Written by `make docs` from the models the code checks every
action against: do not edit by hand.

Each action for a forum is delivered through the forum's adapter: to a generic forum's
`callback_url` as a POST inside the envelope below (signed the Standard Webhooks way, see
[the generic adapter](adapter-generic.md)); the Discourse adapter turns it into Discourse's
own calls ([Discourse](adapter-discourse.md)). Alerts to a webhook alert channel come in the
same envelope ([alert channels](alert-channels.md)). The same models are in the OpenAPI
document's `webhooks` section (`/openapi.json`).
"""


def markdown(registry: Registry) -> str:
    parts = [INTRO, "## The envelope\n", _table(_fields(envelope("Envelope", str, AlertData)))]
    for kind, model in PAYLOADS.items():
        if kind == ALERT:
            continue
        parts += [f"## `{kind}`\n", _doc(model), _table(_fields(model, skip="kind"))]
    parts += ["## `alert` (to a webhook alert channel)\n",
              "The envelope's `type` is the alert's event: `alert.fired`, `alert.resolved`, "
              "`alert.test`. Slack and e-mail channels show the same title, text, link and "
              "fields in their own form.\n", _table(_fields(AlertData))]
    for name, plugin in sorted(registry.plugins.items()):
        fields = plugin.alert_fields()
        if fields is not None:
            parts += [f"### Alert fields of `{name}`\n", _doc(fields),
                      "On a generic forum they come in `notify_moderators`' `fields` too.\n",
                      _table(_fields(fields))]
    return "\n".join(parts).rstrip() + "\n"


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split()) + "\n"


def _fields(model: type[BaseModel], skip: str = "") -> list[tuple[str, str, bool, str]]:
    schema = model.model_json_schema()
    rows = []
    for name, info in model.model_fields.items():
        if name == skip:
            continue
        prop = schema["properties"][name]
        rows.append((name, _type(prop, schema), info.is_required(), info.description or ""))
    return rows


def _type(prop: dict[str, Any], schema: dict[str, Any]) -> str:
    if "anyOf" in prop:
        kinds = [_type(p, schema) for p in prop["anyOf"]]
        return " or ".join(k for k in kinds if k != "null") + (" or null" if "null" in kinds
                                                              else "")
    if "$ref" in prop:
        return "object"
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}), schema)}"
    if "const" in prop:
        return f'"{prop["const"]}"'
    if prop.get("format") == "date-time":
        return "time (RFC 3339)"
    return str(kind)


def _table(rows: list[tuple[str, str, bool, str]]) -> str:
    lines = ["| field | type | always there | what it is |", "|---|---|---|---|"]
    for name, kind, required, description in rows:
        lines.append(f"| `{name}` | {kind} | {'yes' if required else 'no'} | "
                     f"{description.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/actions.md")
    target.write_text(markdown(Registry.discover()))
    print(f"written: {target}")
