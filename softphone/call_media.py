"""One call's slot in the engine and its audio in pj's conference bridge."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pjsua2 as pj

from softphone import events as ev
from softphone.states import CallState, Direction

if TYPE_CHECKING:
    from softphone.pj_objects import EngineCall

_AUDIBLE = (
    pj.PJSUA_CALL_MEDIA_ACTIVE,
    pj.PJSUA_CALL_MEDIA_REMOTE_HOLD,
    pj.PJSUA_CALL_MEDIA_LOCAL_HOLD,
)


@dataclass
class CallSlot:
    """What the engine knows about one call, keyed by the engine's own id."""

    key: str
    pj_call: EngineCall | None
    direction: Direction
    started_at: float = field(default_factory=time.time)  # epoch: INVITE in / out
    confirmed: float | None = None  # monotonic, for the talk time
    confirmed_at: float | None = None  # epoch
    muted: bool = False
    ended: bool = False
    state: CallState | None = None
    echo: bool = False  # the far end hears itself (echo test, latency measurements)
    turned_away: bool = False  # answered 480 at once (seat not available): reported as refused
    cancel_reason: str = ""  # the Reason header of the caller's CANCEL, as received
    answered_elsewhere: bool = False  # that CANCEL said another seat took the call
    # files playing into / recording from this call; reconnected after every re-INVITE
    players: list[Any] = field(default_factory=list)
    recorders: list[Any] = field(default_factory=list)


def audio_of(slot: CallSlot) -> tuple[pj.AudioMedia, int]:
    """The call's audio in the conference bridge (also while held: music on hold)."""
    assert slot.pj_call is not None
    info = slot.pj_call.getInfo()
    for mi in info.media:
        if mi.type == pj.PJMEDIA_TYPE_AUDIO and mi.status in _AUDIBLE:
            return slot.pj_call.getAudioMedia(mi.index), int(mi.status)
    raise KeyError(f"call {slot.key} has no active audio")


def media_event(slot: CallSlot) -> ev.MediaStateChanged:
    assert slot.pj_call is not None
    info = slot.pj_call.getInfo()  # keep it: media items point into this object (SWIG)
    audio = [mi for mi in info.media if mi.type == pj.PJMEDIA_TYPE_AUDIO]
    statuses = [mi.status for mi in audio]
    codec = ""
    for mi in audio:
        if mi.status != pj.PJSUA_CALL_MEDIA_NONE:
            try:
                stream = slot.pj_call.getStreamInfo(mi.index)
                codec = f"{stream.codecName}/{stream.codecClockRate}"
            except pj.Error:
                pass
            break
    return ev.MediaStateChanged(
        slot.key,
        pj.PJSUA_CALL_MEDIA_ACTIVE in statuses,
        pj.PJSUA_CALL_MEDIA_LOCAL_HOLD in statuses,
        pj.PJSUA_CALL_MEDIA_REMOTE_HOLD in statuses,
        slot.muted,
        codec,
    )


def connect(slot: CallSlot, port: pj.AudioMedia) -> None:
    """Headset ↔ call, unless muted (mic only) or held by us (both ways: a caller on
    hold must not overhear the secretary consulting someone else). Files stay on."""
    try:
        aud, status = audio_of(slot)
    except (KeyError, pj.Error):
        return
    held = status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD
    if held:
        aud.stopTransmit(port)
    else:
        aud.startTransmit(port)
    if slot.muted or held:
        port.stopTransmit(aud)
    else:
        port.startTransmit(aud)
    for player in slot.players:
        player.startTransmit(aud)
    if slot.echo:
        aud.startTransmit(aud)
    for recorder in slot.recorders:
        aud.startTransmit(recorder)
