"""Update delivery: getUpdates long polling, and webhooks POSTed with retries and backoff."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from typing import Any

import aiohttp

from sandbox.params import ApiError, Params, bad_request
from sandbox.state import Store, WebhookConfig

log = logging.getLogger(__name__)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def _set_allowed(store: Store, p: Params) -> None:
    allowed = p.json("allowed_updates")
    if allowed is not None:  # absent means "keep the previous setting"
        store.allowed_updates = frozenset(allowed) if allowed else None


async def get_updates(store: Store, p: Params) -> list[dict[str, Any]]:
    if store.webhook is not None:
        raise ApiError(409, WEBHOOK_CONFLICT)
    offset = p.int("offset", 0) or 0
    limit = min(max(p.int("limit", 100) or 100, 1), 100)
    timeout = max(p.int("timeout", 0) or 0, 0)
    store.confirm(offset)
    _set_allowed(store, p)
    # A newer getUpdates ends an older one still waiting, as Telegram does.
    store.poll_generation += 1
    generation = store.poll_generation
    store.updates_signal.notify()
    deadline = time.monotonic() + timeout
    while True:
        if store.poll_generation != generation:
            raise ApiError(409, POLL_CONFLICT)
        if store.webhook is not None:
            raise ApiError(409, WEBHOOK_CONFLICT)
        batch = [u for u in store.updates if u["update_id"] >= offset][:limit]
        remaining = deadline - time.monotonic()
        if batch or remaining <= 0 or store.closing:
            return batch
        store.poll_waiting.notify()
        await store.updates_signal.wait(remaining)


async def set_webhook(store: Store, p: Params) -> bool:
    url = p.str("url") or ""
    if not url:
        return await delete_webhook(store, p)
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.str("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = p.int("max_connections", 40) or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: invalid max_connections")
    if p.bool("drop_pending_updates"):
        store.drop_pending()
    _set_allowed(store, p)
    store.webhook = WebhookConfig(url=url, secret_token=secret, max_connections=max_connections)
    store.updates_signal.notify()
    return True


async def delete_webhook(store: Store, p: Params) -> bool:
    if p.bool("drop_pending_updates"):
        store.drop_pending()
    store.webhook = None
    store.updates_signal.notify()
    return True


async def get_webhook_info(store: Store, p: Params) -> dict[str, Any]:
    hook = store.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(store.updates),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        info["ip_address"] = "127.0.0.1"
        if store.allowed_updates:
            info["allowed_updates"] = sorted(store.allowed_updates)
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


class WebhookSender:
    """Background task that POSTs queued updates, in order, to the configured webhook."""

    def __init__(self, store: Store, retry_base: float = 0.1, retry_max: float = 5.0):
        self.store = store
        self.retry_base = retry_base
        self.retry_max = retry_max
        self._session: aiohttp.ClientSession | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._task = asyncio.create_task(self._run(), name="sandbox-webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._session is not None:
            await self._session.close()

    async def _run(self) -> None:
        delay = self.retry_base
        while True:
            hook = self.store.webhook
            if hook is None or not self.store.updates:
                await self.store.updates_signal.wait(None)
                continue
            update = self.store.updates[0]
            error = await self._post(hook, update)
            if error is None:
                self.store.confirm(update["update_id"] + 1)
                delay = self.retry_base
                continue
            hook.last_error_date = int(time.time())
            hook.last_error_message = error
            log.debug("webhook delivery failed (%s); retrying in %.2fs", error, delay)
            # Wait out the backoff, but a changed webhook configuration ends the wait early.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._until_reconfigured(hook), delay)
            delay = min(delay * 2, self.retry_max)

    async def _until_reconfigured(self, hook: WebhookConfig) -> None:
        while self.store.webhook is hook:
            await self.store.updates_signal.wait(None)

    async def _post(self, hook: WebhookConfig, update: dict[str, Any]) -> str | None:
        assert self._session is not None
        headers = {}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        try:
            async with self._session.post(hook.url, json=update, headers=headers) as resp:
                await resp.read()
                if 200 <= resp.status < 300:
                    return None
                return f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            return f"Connection failed: {exc.__class__.__name__}"
