"""The pseudonymous mirror of a forum: members, threads and posts, without names or bodies."""
