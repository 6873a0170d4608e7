"""PTB's HTTP transport on aiohttp instead of httpx.

PTB talks to the Bot API through a `BaseRequest`; its default is httpx. Each scan makes four
calls (getFile, the download, the reply, the customer's push), and in `bench/scan_latency.py`
httpx and httpcore took over half of the bot's event-loop time: httpcore checks every pooled
connection on each request, and parses HTTP in pure Python. aiohttp (already ours, for the
webhook server and the sandbox) parses in C and keeps a cheaper pool. Same wire format as PTB's
default: form fields, multipart when there are files.
"""

from __future__ import annotations

import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

if TYPE_CHECKING:  # PTB's own names for its parameter types, used only to annotate
    from telegram._utils.types import ODVInput, UploadFileDict


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` on one `aiohttp.ClientSession`, opened by `initialize`."""

    __slots__ = (
        "_connect", "_pool", "_pool_size", "_proxies", "_proxy_of", "_read", "_session", "_write"
    )  # fmt: skip

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 20.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read = read_timeout
        self._write = write_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str] = {}
        self._proxy_of: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        # HTTP(S)_PROXY and NO_PROXY apply, as they did with PTB's httpx default. Read once:
        # aiohttp's trust_env looks them (and ~/.netrc) up on every request, 15% of our CPU.
        self._proxies = urllib.request.getproxies_environment()
        self._proxy_of.clear()
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read = _given(read_timeout, self._read)
        files = request_data.multipart_data if request_data else None
        if files:
            # aiohttp has no write timeout: an upload may take its write time on top of the read.
            read = None if read is None else read + (_given(write_timeout, self._write) or 0)
        connect = _given(connect_timeout, self._connect)
        pool = _given(pool_timeout, self._pool)
        timeout = aiohttp.ClientTimeout(
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method,
                url,
                data=_body(request_data, files),
                timeout=timeout,
                proxy=self._proxy(url),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # asyncio.TimeoutError is TimeoutError on 3.11
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error

    def _proxy(self, url: str) -> str | None:
        if not self._proxies:
            return None
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        if key not in self._proxy_of:
            # Undocumented, so typeshed leaves it out; it is the NO_PROXY test urllib itself uses.
            bypass = urllib.request.proxy_bypass_environment(  # type: ignore[attr-defined]
                parts.netloc, self._proxies
            )
            proxy = self._proxies.get(parts.scheme) or self._proxies.get("all")
            self._proxy_of[key] = None if bypass else proxy
        return self._proxy_of[key]


def _given(value: ODVInput[float], default: float | None) -> float | None:
    # PTB passes a number, None, or its DEFAULT_NONE sentinel (a DefaultValue) for "not passed".
    return value if value is None or isinstance(value, int | float) else default


def _body(
    request_data: RequestData | None, files: UploadFileDict | None
) -> aiohttp.FormData | dict[str, str] | None:
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not files:
        return fields  # application/x-www-form-urlencoded, as PTB's default sends it
    form = aiohttp.FormData(fields)
    for name, part in files.items():
        if isinstance(part, tuple):
            filename, content, *mime = part
            content_type = mime[0] if mime else None
            form.add_field(name, content, filename=filename, content_type=content_type)
        else:
            form.add_field(name, part)
    return form
