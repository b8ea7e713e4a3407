"""The outbox: actions written with the event that caused them, delivered later with retries."""
