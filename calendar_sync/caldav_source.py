"""One CalDAV calendar collection over HTTP, with the requests booking and sync need.

The ``caldav`` library carries the HTTP session and authentication; the WebDAV bodies are
written here so that every precondition is explicit: a new event is written with
``If-None-Match: *`` (``caldav`` sends none on create), a change with ``If-Match``.
Range queries ask the server for the items (masters included) overlapping a window and
leave the expansion to :mod:`calendar_sync.busy`, because servers differ in expanding.
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from appenv import logs
from calendar_sync.errors import AuthRefused, CalendarError, SourceRefused, SourceUnreachable

log = logs.get("calendar")

DAV, CALDAV = "DAV:", "urn:ietf:params:xml:ns:caldav"
_NS = f'xmlns:d="{DAV}" xmlns:c="{CALDAV}"'
_ICS = {"Content-Type": "text/calendar; charset=utf-8"}
_XML = {"Content-Type": "application/xml; charset=utf-8"}


@dataclass(frozen=True)
class RemoteItem:
    href: str  # absolute URL of the resource
    etag: str
    data: bytes


@dataclass(frozen=True)
class SyncDelta:
    changed: dict[str, str] = field(default_factory=dict)  # href → etag
    deleted: tuple[str, ...] = ()
    token: str | None = None


class PreconditionFailed(CalendarError):
    """412 (or a 409 UID clash): the resource exists already or changed meanwhile."""


class NotThere(SourceRefused):
    """404: no such calendar or event."""


class ServerFailed(SourceUnreachable):
    """5xx: the server is there but failed (often for a moment)."""


_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)


class TokenRejected(CalendarError):
    """The server no longer knows the sync-token: fall back to a full listing."""


class CalDavCalendar:
    """A calendar collection URL plus credentials (the password comes from the keyring)."""

    def __init__(
        self,
        url: str,
        username: str | None = None,
        password: str | None = None,
        *,
        timeout: float = 10.0,
    ) -> None:
        from caldav.davclient import DAVClient

        self.url = url if url.endswith("/") else url + "/"
        self._username = username
        # Basic auth from the first request: a 401 round trip first costs a second on
        # servers that delay failed logins (Radicale's default ``delay = 1``).
        self._client = DAVClient(
            url=self.url,
            username=username,
            password=password,
            auth_type="basic" if username else None,
            timeout=int(timeout),
        )

    # -- raw requests -------------------------------------------------------------------
    def _request(
        self, url: str, method: str, body: str = "", headers: dict[str, str] | None = None
    ) -> Any:
        """One request; a 5xx to a request that may be repeated safely (not a PUT) is
        retried briefly — Xandikos answers 500 while another write holds its git lock."""
        attempts = 1 if method == "PUT" else len(_RETRY_DELAYS) + 1
        for attempt in range(attempts):
            try:
                return self._request_once(url, method, body, headers)
            except ServerFailed:
                if attempt == attempts - 1:
                    raise
                time.sleep(_RETRY_DELAYS[attempt])
        raise AssertionError("unreachable")

    def _request_once(
        self, url: str, method: str, body: str = "", headers: dict[str, str] | None = None
    ) -> Any:
        from caldav.lib import error

        try:
            response = self._client.request(url, method, body, headers or {})
        except error.AuthorizationError as exc:
            raise self._auth_refused() from exc
        except error.DAVError as exc:
            raise SourceUnreachable(
                f"The calendar server {_host(url)} does not answer.", detail=repr(exc)
            ) from exc
        except OSError as exc:
            raise SourceUnreachable(
                f"The calendar server {_host(url)} cannot be reached.", detail=repr(exc)
            ) from exc
        except Exception as exc:  # niquests/requests raise their own ConnectionError types
            if type(exc).__name__ in (
                "ConnectionError",
                "Timeout",
                "ReadTimeout",
                "ConnectTimeout",
            ):
                raise SourceUnreachable(
                    f"The calendar server {_host(url)} cannot be reached.", detail=repr(exc)
                ) from exc
            raise
        status = int(response.status)
        if status in (401, 403) and method != "REPORT":
            raise self._auth_refused(status)
        if status == 404:
            raise NotThere(f"There is no calendar at {url} (404).")
        if status == 501:  # a plain web server asked a WebDAV question (a feed's URL)
            raise SourceRefused(f"{_host(url)} does not speak CalDAV ({method}: 501).")
        if status >= 500:
            raise ServerFailed(f"The calendar server failed ({status}).")
        return response

    def _auth_refused(self, status: int | None = None) -> AuthRefused:
        code = f" ({status})" if status else ""
        if self._username is None:
            return AuthRefused(f"The calendar {self.url} needs a user name and password{code}.")
        return AuthRefused(f"The calendar server refused the user name or password{code}.")

    def _multistatus(self, method: str, body: str, depth: str) -> list[ET.Element]:
        response = self._request(self.url, method, body, {**_XML, "Depth": depth})
        if int(response.status) != 207:
            if method == "REPORT" and int(response.status) in (400, 403, 409):
                raise TokenRejected(f"REPORT refused ({response.status})")
            raise SourceRefused(f"{self.url} is not a calendar ({response.status}).")
        raw = response.raw if isinstance(response.raw, bytes) else str(response.raw).encode()
        try:
            root = ET.fromstring(raw)
        except ET.ParseError as exc:
            raise SourceRefused("The calendar server sent an unreadable reply.") from exc
        self._last_root = root
        return root.findall(f"{{{DAV}}}response")

    # -- reading ------------------------------------------------------------------------
    def is_calendar(self) -> bool:
        body = (
            f'<?xml version="1.0"?><d:propfind {_NS}><d:prop><d:resourcetype/></d:prop>'
            "</d:propfind>"
        )
        for resp in self._multistatus("PROPFIND", body, "0"):
            if resp.find(f".//{{{CALDAV}}}calendar") is not None:
                return True
        return False

    def items_between(self, start: dt.datetime, end: dt.datetime) -> list[RemoteItem]:
        """Every event resource with an occurrence overlapping [start, end)."""
        body = (
            f'<?xml version="1.0"?><c:calendar-query {_NS}><d:prop><d:getetag/>'
            '<c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR">'
            '<c:comp-filter name="VEVENT">'
            f'<c:time-range start="{_utc(start)}" end="{_utc(end)}"/>'
            "</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"
        )
        return self._items(self._multistatus("REPORT", body, "1"))

    def etags(self) -> tuple[dict[str, str], str | None]:
        """href → ETag of every item, and the collection's current sync-token."""
        body = (
            f'<?xml version="1.0"?><d:propfind {_NS}><d:prop><d:getetag/><d:sync-token/>'
            "<d:resourcetype/></d:prop></d:propfind>"
        )
        found: dict[str, str] = {}
        token: str | None = None
        for resp in self._multistatus("PROPFIND", body, "1"):
            href = self._href(resp)
            if href.rstrip("/") == self.url.rstrip("/"):
                token = _text(resp, f".//{{{DAV}}}sync-token") or None
                continue
            if not _is_item(href):
                continue
            found[href] = _text(resp, f".//{{{DAV}}}getetag")
        return found, token

    def changes_since(self, token: str) -> SyncDelta:
        """RFC 6578 sync-collection; :class:`TokenRejected` when the token is stale."""
        body = (
            f'<?xml version="1.0"?><d:sync-collection {_NS}><d:sync-token>{_escape(token)}'
            "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
            "</d:sync-collection>"
        )
        changed: dict[str, str] = {}
        deleted: list[str] = []
        try:
            responses = self._multistatus("REPORT", body, "1")
        except SourceRefused as exc:  # RFC 6578: 403 valid-sync-token (a real 401 shows next)
            raise TokenRejected("sync-token refused", detail=exc.detail) from exc
        for resp in responses:
            href = self._href(resp)
            if not _is_item(href):
                continue
            status = _text(resp, f"{{{DAV}}}status")
            if " 404" in status:
                deleted.append(href)
            else:
                changed[href] = _text(resp, f".//{{{DAV}}}getetag")
        new_token = _text(self._last_root, f"{{{DAV}}}sync-token") or None
        return SyncDelta(changed, tuple(deleted), new_token)

    def multiget(self, hrefs: Iterable[str]) -> list[RemoteItem]:
        wanted = list(hrefs)
        if not wanted:
            return []
        paths = "".join(f"<d:href>{_escape(urlsplit(h).path)}</d:href>" for h in wanted)
        body = (
            f'<?xml version="1.0"?><c:calendar-multiget {_NS}><d:prop><d:getetag/>'
            f"<c:calendar-data/></d:prop>{paths}</c:calendar-multiget>"
        )
        return self._items(self._multistatus("REPORT", body, "1"))

    def get(self, href: str) -> RemoteItem | None:
        try:
            response = self._request(href, "GET")
        except NotThere:
            return None
        raw = response.raw if isinstance(response.raw, bytes) else str(response.raw).encode()
        return RemoteItem(href, str(response.headers.get("ETag", "")), raw)

    # -- writing ------------------------------------------------------------------------
    def create(self, name: str, data: bytes) -> RemoteItem:
        """PUT a new resource; :class:`PreconditionFailed` if it (or its UID) exists."""
        href = urljoin(self.url, name)
        return self._put(href, data, {"If-None-Match": "*"})

    def replace(self, href: str, data: bytes, etag: str) -> RemoteItem:
        """PUT over ``href`` only if it still has ``etag`` (nobody changed it meanwhile)."""
        return self._put(href, data, {"If-Match": etag})

    def _put(self, href: str, data: bytes, condition: dict[str, str]) -> RemoteItem:
        """A conditional PUT, retried after a 5xx. If the failed attempt was stored after
        all, the retry meets its own write (412): that counts as done when the server
        holds exactly our event."""
        for attempt in range(len(_RETRY_DELAYS) + 1):
            try:
                response = self._request(href, "PUT", data.decode("utf-8"), {**_ICS, **condition})
                return self._written(href, data, response)
            except ServerFailed:
                if attempt == len(_RETRY_DELAYS):
                    raise
                time.sleep(_RETRY_DELAYS[attempt])
            except PreconditionFailed:
                stored = self.get(href) if attempt else None
                if stored is not None and _same_event(stored.data, data):
                    return stored
                raise
        raise AssertionError("unreachable")

    def delete(self, href: str, etag: str | None = None) -> None:
        headers = {"If-Match": etag} if etag else {}
        try:
            response = self._request(href, "DELETE", "", headers)
        except NotThere:
            return  # gone already: what a delete wants
        if int(response.status) == 412:
            raise PreconditionFailed("The event changed on the server meanwhile.")

    def _written(self, href: str, data: bytes, response: Any) -> RemoteItem:
        status = int(response.status)
        if status in (409, 412):
            raise PreconditionFailed(f"The server refused the write ({status}).")
        if status not in (200, 201, 204):
            raise SourceRefused(f"The server refused the event ({status}).")
        etag = str(response.headers.get("ETag", ""))
        if not etag:  # some servers change the data and send no ETag: read it back
            item = self.get(href)
            etag = item.etag if item else ""
        return RemoteItem(href, etag, data)

    # -- parsing ------------------------------------------------------------------------
    def _href(self, resp: ET.Element) -> str:
        return urljoin(self.url, unquote(_text(resp, f"{{{DAV}}}href")))

    def _items(self, responses: list[ET.Element]) -> list[RemoteItem]:
        items = []
        for resp in responses:
            data = resp.find(f".//{{{CALDAV}}}calendar-data")
            if data is None or not (data.text or "").strip():
                continue
            items.append(
                RemoteItem(
                    self._href(resp),
                    _text(resp, f".//{{{DAV}}}getetag"),
                    (data.text or "").encode("utf-8"),
                )
            )
        return items


def _same_event(one: bytes, other: bytes) -> bool:
    """The same booking state of the same event (servers may reformat what they store)."""
    from calendar_sync.ics import parse_calendar

    def key(data: bytes) -> list[tuple[str, ...]]:
        names = ("UID", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "X-VORZIMMER-BOOKING")
        events = parse_calendar(data).walk("VEVENT")
        return [tuple(str(e.get(n, "")) for n in names) for e in events]

    try:
        return key(one) == key(other)
    except CalendarError:
        return False


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _is_item(href: str) -> bool:
    return not href.endswith("/") and "/.Radicale" not in href


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _host(url: str) -> str:
    return urlsplit(url).netloc or url
