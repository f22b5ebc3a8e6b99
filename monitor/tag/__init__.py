"""The tag stage."""
