#!/usr/bin/env bash
# A walk through ForumKit's care features, against the demo forum of a running `make run`.
#
#   docs/walkthrough.sh                  # the service at http://127.0.0.1:8000
#   FORUMKIT_URL=http://127.0.0.1:8011 docs/walkthrough.sh
#
# Keys: FORUMKIT_PLATFORM_KEY, FORUMKIT_MODERATOR_KEY and FORUMKIT_ADMIN_KEY, or else the
# ones `forumkit demo` prints (the same keys `make run` printed; run it with the same
# FORUMKIT_* settings as the service). Every time is taken from the clock when it runs,
# and every id is new, so it can be run again and again. It waits up to
# WALKTHROUGH_ALERT_WAIT seconds (150) for the alert, and exits non-zero if a step fails.
# Needs bash, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

URL="${FORUMKIT_URL:-http://127.0.0.1:${FORUMKIT_PORT:-8000}}"
F="$URL/v1/forums/demo"
ALERT_WAIT="${WALKTHROUGH_ALERT_WAIT:-150}"
FORUMKIT="${FORUMKIT_COMMAND:-.venv/bin/forumkit}"

# --- helpers: a request, a check on its answer, the time ---------------------------------

# call METHOD URL KEY: a request without a body. send METHOD URL KEY: the body is stdin.
# The answer is printed and kept in $ANSWER; an answer other than 2xx stops the walk.
call() { _request "$1" "$2" "$3" ""; }
send() { _request "$1" "$2" "$3" "$(cat)"; }
_request() {
  local method=$1 url=$2 key=$3 body=$4 out status
  local args=(-sS -w '\n%{http_code}' -X "$method" -H "Authorization: Bearer $key")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  echo "\$ $method ${url#"$URL"}"
  out=$(curl "${args[@]}" "$url")
  status=${out##*$'\n'}
  ANSWER=${out%$'\n'*}
  echo "  $status $ANSWER" | cut -c1-400
  if [[ $status != 2* ]]; then echo "FAILED: $method $url answered $status" >&2; exit 1; fi
}
# expect 'PYTHON EXPRESSION on a (the answer)' 'what it shows'
expect() {
  if python3 -c 'import json, sys; a = json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)' \
      "$ANSWER" "$1"; then
    echo "  ok: $2"
  else
    echo "FAILED: expected $2 ($1)" >&2; exit 1
  fi
}
# pick 'PYTHON EXPRESSION on a': prints its value
pick() { python3 -c 'import json, sys; a = json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$ANSWER" "$1"; }
# now [MINUTES]: the time now (plus MINUTES), RFC 3339 in UTC
now() {
  python3 -c 'import sys; from datetime import UTC, datetime, timedelta
print((datetime.now(UTC) + timedelta(minutes=int(sys.argv[1]))).isoformat(timespec="seconds"))' "${1:-0}"
}
step() { echo; echo "== $*"; }

if [[ -z "${FORUMKIT_ADMIN_KEY:-}" ]]; then
  demo=$(FORUMKIT_LOG_LEVEL=WARNING "$FORUMKIT" demo)
  FORUMKIT_PLATFORM_KEY=$(sed -n 's/^ *platform key: *//p' <<<"$demo")
  FORUMKIT_MODERATOR_KEY=$(sed -n 's/^ *moderator key: *//p' <<<"$demo")
  FORUMKIT_ADMIN_KEY=$(sed -n 's/^ *admin key: *//p' <<<"$demo")
fi
PLATFORM=$FORUMKIT_PLATFORM_KEY MODERATOR=$FORUMKIT_MODERATOR_KEY ADMIN=$FORUMKIT_ADMIN_KEY
RUN=$(date -u +%Y%m%d%H%M%S)          # new ids on every run
THREAD="t-$RUN" POST="p-$RUN" REPLY="r-$RUN" AUTHOR="u-$RUN" HELPER="u-bea"
STARTED=$SECONDS

# --- the walk (README.md shows these steps) ----------------------------------------------
step "1. Admin: moderators hear of an unanswered post after 1 minute (the shortest window)"
send PUT "$F/plugins/unanswered" "$ADMIN" <<JSON
{"enabled": true,
 "settings": {"rule": {"peer_window_minutes": 1, "new_member_window_minutes": 1}}}
JSON
expect 'a["settings"]["rule"]["peer_window_minutes"] == 1' "the window is 1 minute"

step "2. Platform: a new member starts a thread; ForumKit hears of it"
send POST "$F/events" "$PLATFORM" <<JSON
{"events": [{"id": "evt-join-$AUTHOR", "type": "member.created", "occurred_at": "$(now)",
  "member": {"id": "$AUTHOR"}},
 {"id": "evt-$POST", "type": "post.created", "occurred_at": "$(now)",
  "post": {"id": "$POST", "thread_id": "$THREAD", "author_id": "$AUTHOR",
           "is_first_in_thread": true, "category_id": "c-general",
           "title": "New here", "body": "Hi, I have had a hard few weeks and wanted to say hello.",
           "url": "https://forum.example/t/$THREAD"}}]}
JSON
expect 'a == {"applied": 2, "duplicates": 0}' "the member (who joined just now) and the post are applied"

step "3. Platform: the same event again (a retry) changes nothing"
send POST "$F/events" "$PLATFORM" <<JSON
{"events": [{"id": "evt-$POST", "type": "post.created", "occurred_at": "$(now)",
  "post": {"id": "$POST", "thread_id": "$THREAD", "author_id": "$AUTHOR",
           "is_first_in_thread": true, "title": "New here", "body": "(sent again)"}}]}
JSON
expect 'a == {"applied": 0, "duplicates": 1}' "it is recognised as a repeat"

step "4. Platform, drawing a page: p5 carries a content warning and is covered by default"
send POST "$F/render-hints" "$PLATFORM" <<JSON
{"reader_id": null, "post_ids": ["$POST", "p5"]}
JSON
expect 'a["posts"]["p5"]["display"] == "blur" and a["posts"]["'"$POST"'"]["display"] == "show"' \
  "p5 is blurred behind its label, the new post is shown"

step "5. Platform, before a reply: thread t2 is a diary, so others cannot reply"
call GET "$F/permissions?member_id=u-bea&thread_id=t2" "$PLATFORM"
expect 'a["can_reply"] is False and a["response_mode"] == "diary"' "no replies, with a reason to show"

step "6. Moderator: the alert arrives when no one has answered for a minute"
echo "  (waiting for it: up to $ALERT_WAIT s in all)"
ALERT=""
while (( SECONDS - STARTED < ALERT_WAIT )); do
  ANSWER=$(curl -sS -f -H "Authorization: Bearer $MODERATOR" "$F/alerts?state=open")
  ALERT=$(pick 'next((x["id"] for x in a if x["post_id"] == "'"$POST"'"), "")')
  [[ -n $ALERT ]] && break
  sleep 3
done
if [[ -z $ALERT ]]; then echo "FAILED: no alert for $POST within ${ALERT_WAIT}s" >&2; exit 1; fi
call GET "$F/alerts/$ALERT" "$MODERATOR"
expect 'a["new_member"] and a["tier"] == 1' "a tier-1 alert, marked new member: welcome them"
echo "  (after $((SECONDS - STARTED)) s)"

step "7. Moderator: claims it, so no one else takes it and it does not escalate"
call POST "$F/alerts/$ALERT/claim" "$MODERATOR"
expect 'a["state"] == "claimed"' "claimed"

step "8. Platform: a peer replies; the alert resolves by itself"
send POST "$F/events" "$PLATFORM" <<JSON
{"events": [{"id": "evt-$REPLY", "type": "post.created", "occurred_at": "$(now)",
  "post": {"id": "$REPLY", "thread_id": "$THREAD", "author_id": "$HELPER",
           "reply_to_id": "$POST", "is_first_in_thread": false,
           "body": "Welcome. I found the first weeks hard too; a short walk each day helped me."}}]}
JSON
call GET "$F/alerts/$ALERT" "$MODERATOR"
expect 'a["state"] == "resolved" and a["resolution"] == "answered"' "resolved as answered"

step "9. Platform, for the author: a gratitude reaction on the reply"
send POST "$F/posts/$REPLY/reactions" "$PLATFORM" <<JSON
{"member_id": "$AUTHOR", "kind": "this_helped"}
JSON
expect 'a["changed"] and a["counts"]["this_helped"] == 1' "counted once"

step "10. Platform, for the author: an impact note for the helper alone, without their name"
send POST "$F/posts/$REPLY/impact-notes" "$PLATFORM" <<JSON
{"member_id": "$AUTHOR", "text": "I went for a walk today and slept better.",
 "anonymous": true, "public": false}
JSON
expect 'a["text"].startswith("I went for a walk")' "the note is kept for the helper"

step "11. Platform, for the helper: what their replies did this week"
call GET "$F/members/u-bea/impact" "$PLATFORM"
expect 'a["people_helped"] >= 1 and any(n["post_id"] == "'"$REPLY"'" for n in a["impact_notes"])' \
  "the note shows in the helper's summary"

step "12. Admin: the settings change is in the audit log"
call GET "$F/audit" "$ADMIN"
expect 'any(e["action"] == "plugin.update" and e["subject"] == "unanswered" for e in a)' \
  "who changed the alert window, and when"

echo
echo "Walkthrough complete in $((SECONDS - STARTED)) s."
