"""A batch of events costs every care feature a few statements for the whole batch, not a
few for each event: the features read what the batch touches once."""

from __future__ import annotations

from tests.support.stream import mixed_stream
from tests.support.world import World

# With every feature asking per event, a batch of 100 of this stream took 9.8 statements
# an event; read set-based, 4.3 (most of them now writes: watches, alerts, labels).
MOST_PER_EVENT = 5.0


def test_a_batch_of_100_events_takes_few_statements_an_event(world: World) -> None:
    events = mixed_stream(200, seed=5)
    assert world.send(events[:100]).status_code == 200  # the threads, posts and members
    with world.statements() as seen:
        assert world.send(events[100:]).json()["applied"] == 100
    assert len(seen) / 100 <= MOST_PER_EVENT, len(seen) / 100


def test_a_forums_first_batch_reads_the_labels_it_seeds_once(world: World) -> None:
    # The first batch gives the forum its default labels, then reads them for each event;
    # the batch's own copy serves them all.
    with world.statements() as seen:
        assert world.send(mixed_stream(40, seed=7)).json()["applied"] == 40
    label_reads = [s for s in seen if s.lstrip().upper().startswith("SELECT")
                   and "FROM content_warnings_label " in s.replace("\n", " ") + " "]
    assert len(label_reads) == 1, label_reads
