"""The web stage."""
