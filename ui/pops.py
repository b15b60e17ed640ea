"""Keeps one screen-pop per call in the window's pop area, and resolves it on arrival."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from appenv import logs
from softphone import events as ev
from softphone.call_board import BoardCall

if TYPE_CHECKING:  # imported on first use: sqlite-utils and friends cost start-up time
    from clients.lookup import Pop
    from clients.store import ClientStore
    from ui.screen_pop import PopView

log = logs.get("ui")


class PopPanel(QObject):
    pop_shown = Signal(object)  # PopView, right after it was added
    client_resolved = Signal(str, object)  # call key, client id or None

    def __init__(
        self, tabs: QTabWidget, operator: Callable[[], str], placeholder: QWidget | None = None
    ) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.placeholder = placeholder
        if placeholder is not None:
            tabs.addTab(placeholder, "–")
        self.operator = operator
        self.store: ClientStore | None = None
        self.views: dict[str, PopView] = {}
        self.infos: dict[str, ev.IncomingCall] = {}
        tabs.setTabsClosable(True)
        tabs.tabCloseRequested.connect(self._close_tab)

    def resolve(self, incoming: ev.IncomingCall, client_id: int | None = None) -> Pop:
        from clients.lookup import resolve

        assert self.store is not None
        now = dt.datetime.now(dt.UTC)
        info = incoming.info
        if client_id is not None:
            numbers = self.store.list_numbers(client_id)
            candidates: list[str | None] = [n.number for n in numbers[:1]]
        else:
            candidates = list(info.client_candidates())
        return resolve(self.store, candidates, info.caller_number, now, operator=self.operator())

    def show_incoming(self, incoming: ev.IncomingCall, client_id: int | None = None) -> PopView:
        from ui.screen_pop import PopView

        if self.store is None:
            raise RuntimeError("the client store is not open yet")
        pop = self.resolve(incoming, client_id)
        clients = self.store.list_clients() if pop.client is None else None
        view = PopView(incoming.call, pop, clients)
        view.client_picked.connect(self._repick)
        old = self.views.pop(incoming.call, None)
        index = self.tabs.indexOf(old) if old is not None else -1
        title = pop.client.code if pop.client else self.tr("Unknown")
        if index >= 0:
            self.tabs.removeTab(index)
            old.deleteLater()  # type: ignore[union-attr]
            self.tabs.insertTab(index, view, title)
        else:
            self._drop_placeholder()
            index = self.tabs.addTab(view, title)
        self.views[incoming.call] = view
        self.infos[incoming.call] = incoming
        self.tabs.setCurrentIndex(index)
        self.client_resolved.emit(incoming.call, pop.client.id if pop.client else None)
        self.pop_shown.emit(view)
        return view

    def _repick(self, call_key: str, client_id: int) -> None:
        incoming = self.infos.get(call_key)
        if incoming is not None:
            self.show_incoming(incoming, client_id)

    def call_changed(self, call: BoardCall) -> None:
        view = self.views.get(call.key)
        if view is not None:
            view.set_call_state(call.ringing, call.state == "disconnected")

    def _drop_placeholder(self) -> None:
        if self.placeholder is not None and self.tabs.indexOf(self.placeholder) >= 0:
            self.tabs.removeTab(self.tabs.indexOf(self.placeholder))

    def _close_tab(self, index: int) -> None:
        view = self.tabs.widget(index)
        if view is self.placeholder:
            return
        for key, known in list(self.views.items()):
            if known is view:
                del self.views[key]
                self.infos.pop(key, None)
        self.tabs.removeTab(index)
        if view is not None:
            view.deleteLater()
        if self.tabs.count() == 0 and self.placeholder is not None:
            self.tabs.addTab(self.placeholder, "–")
