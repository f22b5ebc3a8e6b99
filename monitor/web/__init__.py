"""The web stage: the subscriber web app (subscribe, confirm, manage, unsubscribe, archive), ``create_app``."""

from monitor.web.app import create_app

__all__ = ["create_app"]
