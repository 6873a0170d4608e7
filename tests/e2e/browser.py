"""Driving the sandbox's chat page in Debian's Chromium with Playwright (never its own browser).

The browser is /usr/bin/chromium (or $LOYALTY_CHROMIUM). Where it or Playwright is missing the
browser tests skip with the reason; with LOYALTY_BROWSER_TESTS=require (CI) they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("LOYALTY_CHROMIUM", "/usr/bin/chromium")
# Playwright adds --headless, --no-sandbox (as root) and a fresh temporary --user-data-dir; these
# keep Chromium from reaching for Google's servers on a machine without a network.
FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, as root)"
    return None


def need_browser() -> None:
    reason = missing_browser()
    if reason is None:
        return
    if os.environ.get("LOYALTY_BROWSER_TESTS") == "require":
        pytest.fail(f"browser tests required but cannot run: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A browser context (one profile) in headless Debian Chromium."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = await browser.new_context(
                viewport={"width": 1000, "height": 760}, accept_downloads=True
            )
            context.set_default_timeout(TIMEOUT_MS)
            yield context
        finally:
            await browser.close()


class ChatPage:
    """One browser tab on the sandbox page, acting as one test user."""

    def __init__(self, page: Any, errors: list[str]) -> None:
        self.page = page
        self.errors = errors  # uncaught script errors: a test ends by asserting there are none

    @classmethod
    async def open(cls, context: Any, url: str) -> ChatPage:
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        await page.goto(url)
        await page.wait_for_selector("body[data-ready='1']")
        # Set once; still there at the end means the page was never reloaded.
        await page.evaluate("window.notReloaded = true")
        return cls(page, errors)

    async def still_same_page(self) -> bool:
        return await self.page.evaluate("window.notReloaded === true")

    async def add_user(self, name: str, language: str = "en") -> int:
        await self.page.fill("#new-name", name)
        await self.page.select_option("#new-language", language)
        await self.page.click("#add-user")
        # wait_for_function would poll with eval, which the page's CSP forbids: wait on the DOM.
        chosen = self.page.locator("#users .user.current", has_text=name)
        await chosen.wait_for()
        return int(await chosen.get_attribute("data-user-id"))

    def bot_message(self, text: str) -> Any:
        """The newest bot message containing ``text`` (a Playwright locator)."""
        return self.page.locator(".message.bot", has_text=text).last

    async def wait_bot(self, text: str) -> Any:
        found = self.bot_message(text)
        await found.wait_for()
        return found

    async def send(self, text: str) -> None:
        await self.page.fill("#text", text)
        await self.page.click("#send")

    async def key(self, label: str) -> None:
        """Press a key of the reply keyboard."""
        await self.page.locator("#reply-keyboard .key", has_text=label).click()

    async def press(self, message: Any, label: str) -> None:
        await message.locator(".inline-keyboard .button", has_text=label).click()

    async def upload(self, kind: str, path: Path) -> None:
        await self.page.set_input_files(f"#{kind}-input", str(path))

    async def download_photo(self, message: Any, into: Path) -> Path:
        async with self.page.expect_download() as info:
            await message.locator(".photo .download").click()
        download = await info.value
        target = into / download.suggested_filename
        await download.save_as(str(target))
        return target

    async def error_text(self) -> str:
        banner = self.page.locator("#error")
        await banner.wait_for(state="visible")
        return await self.page.locator("#error-text").inner_text()

    async def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=str(path))
