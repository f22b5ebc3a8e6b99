"""The digest stage."""
