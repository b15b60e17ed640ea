"""One page per call in the window's pop area: the screen-pop beside the call's note.

Walk-in notes and recovered drafts get pages of their own. Closing a page never loses
typing: the note's draft is flushed first and reopens at the next start if unsaved.
A call's page closes by itself when the call ends with nothing typed in its note (100
short missed calls left 100 pages and 80 MB behind); it can be reopened from the history.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QSplitter, QTabBar, QTabWidget, QWidget

from appenv import logs
from softphone import events as ev
from softphone.call_board import BoardCall
from softphone.states import CallState

if TYPE_CHECKING:  # imported on first use: sqlite-utils and friends cost start-up time
    from clients.lookup import Pop
    from clients.model import CallRecord
    from storage.interfaces import ClientStore
    from ui.client_choices import ClientChoices
    from ui.note_form import NoteForm
    from ui.screen_pop import PopView

log = logs.get("ui")

RECENTLY_CLOSED = 50  # call keys remembered for "reopen the last closed page"


def closes_by_itself(form: NoteForm | None) -> bool:
    """The page of an ended call closes unless its note holds something the operator typed
    (a draft stays until it is saved or discarded)."""
    return form is None or not form.has_typing


class PopPanel(QObject):
    pop_shown = Signal(object)  # PopView, right after it was added
    client_resolved = Signal(str, object)  # call key, client id or None

    def __init__(
        self, tabs: QTabWidget, operator: Callable[[], str], placeholder: QWidget | None = None
    ) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.operator = operator
        self.placeholder = placeholder
        self.store: ClientStore | None = None
        self.choices: ClientChoices | None = None  # the window's client list, for the picker
        self.pages: dict[str, QSplitter] = {}  # call key (or "note:N") -> page
        self.views: dict[str, PopView] = {}
        self.forms: dict[str, NoteForm] = {}
        self.infos: dict[str, ev.IncomingCall] = {}
        self._loose = 0
        self.recently_closed: list[str] = []  # call keys of closed call pages, newest last
        self._ended: set[str] = set()  # calls over whose page stayed for its note
        tabs.setTabsClosable(True)
        self._show_placeholder()
        tabs.tabCloseRequested.connect(self._close_tab)

    def resolve(self, incoming: ev.IncomingCall, client_id: int | None = None) -> Pop:
        from clients.lookup import resolve, unavailable
        from storage.errors import StoreUnavailable

        assert self.store is not None
        now = dt.datetime.now(dt.UTC)
        info = incoming.info
        try:
            if client_id is not None:
                numbers = self.store.list_numbers(client_id)
                candidates: list[str | None] = [n.number for n in numbers[:1]]
            else:
                candidates = list(info.client_candidates())
            operator = self.operator()
            return resolve(self.store, candidates, info.caller_number, now, operator=operator)
        except StoreUnavailable as exc:  # the office database is down: take the call anyway
            log.warning("pop without client data for %s: %s", incoming.call, exc)
            return unavailable(info.caller_number, now, operator=self.operator())

    def _page(self, key: str, title: str) -> QSplitter:
        page = self.pages.get(key)
        if page is None:
            if self.placeholder is not None and self.tabs.indexOf(self.placeholder) >= 0:
                self.tabs.removeTab(self.tabs.indexOf(self.placeholder))
            page = QSplitter(Qt.Orientation.Horizontal, self.tabs)
            page.setObjectName(f"page-{key}")
            page.setChildrenCollapsible(False)  # the note must never vanish behind the pop
            self.pages[key] = page
            self.tabs.addTab(page, title)
        else:
            self.tabs.setTabText(self.tabs.indexOf(page), title)
        self.tabs.setCurrentWidget(page)
        return page

    def show_incoming(self, incoming: ev.IncomingCall, client_id: int | None = None) -> PopView:
        if self.store is None:
            raise RuntimeError("the client store is not open yet")
        pop = self.resolve(incoming, client_id)
        view = self._show(incoming.call, pop)
        self.infos[incoming.call] = incoming
        # during an outage the operator's pick is all we know: the call log keeps it
        self.client_resolved.emit(incoming.call, pop.client.id if pop.client else client_id)
        self.pop_shown.emit(view)
        return view

    def _show(self, key: str, pop: Pop) -> PopView:
        from ui.screen_pop import PopView

        view = PopView(key, pop, self.choices if pop.client is None else None)
        view.client_picked.connect(self._repick)
        page = self._page(key, pop.client.code if pop.client else self.tr("Unknown"))
        # insert/replace reparent the view: Qt owns it from here. Parenting it to the splitter
        # first would make it a sibling of the old pop, which replaceWidget refuses (the
        # old pop stayed and the new one landed beside the note).
        old = self.views.pop(key, None)
        if old is not None and page.indexOf(old) >= 0:
            page.replaceWidget(page.indexOf(old), view)
            old.deleteLater()
        else:
            page.insertWidget(0, view)
        self.views[key] = view
        return view

    def reopen(self, record: CallRecord) -> PopView | None:
        """The page of a logged call again: its pop as it was at the call's start (the
        window adds the note bound to it); an open page is just shown."""
        from clients.lookup import resolve

        if self.store is None:
            return None
        key = record.call_key
        if key in self.recently_closed:
            self.recently_closed.remove(key)
        page = self.pages.get(key)
        if page is not None:
            self.tabs.setCurrentWidget(page)
            return self.views.get(key)
        candidates: list[str | None] = [record.dialled_number]
        if record.client_id is not None:
            candidates = [n.number for n in self.store.list_numbers(record.client_id)[:1]]
        pop = resolve(
            self.store, candidates, record.caller_number, record.started_at,
            operator=self.operator(),
        )  # fmt: skip
        view = self._show(key, pop)
        view.set_call_state(False, True)
        self._ended.add(key)  # its note saved, the page closes again
        self.pop_shown.emit(view)
        return view

    def call_ended(self, key: str) -> bool:
        """The call's page closes unless its note holds typing; True if it closed."""
        if key not in self.pages:
            return False
        if not closes_by_itself(self.forms.get(key)):
            self._ended.add(key)  # it closes once its note is saved
            return False
        self.close_page(key)
        return True

    def _note_saved(self, key: str, _note: object) -> None:
        """A saved note of a call that is over: nothing left to lose, its page closes."""
        if key in self._ended and closes_by_itself(self.forms.get(key)):
            self.close_page(key)

    def close_page(self, key: str) -> None:
        page = self.pages.get(key)
        if page is not None:
            self._close_tab(self.tabs.indexOf(page))

    def attach_form(self, key: str, form: NoteForm, title: str = "") -> None:
        """Put a note beside its call's pop, or on a page of its own."""
        page = self.pages.get(key) or self._page(key, title or self.tr("Note"))
        self.forms[key] = form
        form.saved.connect(functools.partial(self._note_saved, key))
        form.setParent(page)
        page.addWidget(form)
        for layout in form.findChildren(QFormLayout):  # labels above fields when narrow
            layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setMinimumWidth(300)
        form.show()
        page.setStretchFactor(0, 3)
        page.setStretchFactor(page.indexOf(form), 2)
        if page.count() == 2:
            page.setSizes([600, 400])

    def open_loose_note(self, form: NoteForm, title: str) -> str:
        """A walk-in / e-mail note or a recovered draft."""
        self._loose += 1
        key = f"note:{self._loose}"
        self.attach_form(key, form, title)
        return key

    def _repick(self, call_key: str, client_id: int) -> None:
        incoming = self.infos.get(call_key)
        if incoming is not None:
            self.show_incoming(incoming, client_id)

    def call_changed(self, call: BoardCall) -> None:
        view = self.views.get(call.key)
        if view is not None:
            view.set_call_state(call.ringing, call.state == CallState.DISCONNECTED)

    def call_taken(self, key: str, operator: str) -> None:
        """A colleague answered this office call: its page says who."""
        view = self.views.get(key)
        if view is not None:
            view.show_taken(operator)

    def _close_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.placeholder:
            return
        for key, known in list(self.pages.items()):
            if known is page:
                form = self.forms.pop(key, None)
                if form is not None and form.has_unsaved_changes:
                    form.flush_draft()  # kept; reopens at the next start
                del self.pages[key]
                self._ended.discard(key)
                if self.views.pop(key, None) is not None:  # a call's page, not a loose note
                    self._remember_closed(key)
                self.infos.pop(key, None)
        self.tabs.removeTab(index)
        if page is not None:
            page.deleteLater()
        if self.tabs.count() == 0:
            self._show_placeholder()

    def _remember_closed(self, key: str) -> None:
        if key in self.recently_closed:
            self.recently_closed.remove(key)
        self.recently_closed.append(key)
        del self.recently_closed[:-RECENTLY_CLOSED]

    def _show_placeholder(self) -> None:
        """The empty page says where the next pop appears; it cannot be closed."""
        if self.placeholder is None:
            return
        index = self.tabs.addTab(self.placeholder, "–")
        self.tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, None)
