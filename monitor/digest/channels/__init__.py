"""Chat channels beside email: WeCom, DingTalk and Feishu group robots and a generic JSON webhook.

One module per platform (its payload, signature, size limit, rate limit and error codes, with the
documentation it follows); ``base`` holds what they share; ``post`` sends one message over HTTP.
"""

from monitor.digest.channels.base import Message, Platform, Request, Story, mask_url, pack, story_block
from monitor.digest.channels.dingtalk import DINGTALK
from monitor.digest.channels.feishu import FEISHU
from monitor.digest.channels.post import post
from monitor.digest.channels.webhook import WEBHOOK
from monitor.digest.channels.wecom import WECOM

__all__ = ["KINDS", "PLATFORMS", "Message", "Platform", "Request", "Story", "mask_url", "pack", "platform_for",
           "post", "story_block"]

PLATFORMS = {p.kind: p for p in (WECOM, DINGTALK, FEISHU, WEBHOOK)}
KINDS = tuple(PLATFORMS)


def platform_for(kind: str) -> Platform:
    return PLATFORMS[kind]
