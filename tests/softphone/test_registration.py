"""Registration against a real kamailio with digest auth."""

from __future__ import annotations

import time

from softphone import commands as cmds
from softphone import events as ev
from tests.fixtures.sip import Phone, Registrar


def _reg(state: str):
    return lambda e: isinstance(e, ev.RegistrationState) and e.state == state


def test_register_good_password_then_wrong_password(phone: Phone, registrar: Registrar):
    phone.send(
        cmds.Register(registrar=registrar.address, username="secretary", password="s3cret-pw")
    )
    ok = phone.wait(_reg("registered"), 10, "registered")
    assert isinstance(ok, ev.RegistrationState) and ok.code == 200
    phone.send(cmds.Register(registrar=registrar.address, username="secretary", password="wrong"))
    bad = phone.wait(_reg("failed"), 10, "rejected")
    assert isinstance(bad, ev.RegistrationState) and bad.code in (401, 403)


def test_lost_registrar_is_seen_quickly_and_reregisters_after_restart(
    phone: Phone, registrar: Registrar
):
    phone.send(
        cmds.Register(registrar=registrar.address, username="secretary", password="s3cret-pw")
    )
    phone.wait(_reg("registered"), 10, "registered")
    registrar.stop()
    lost_at = time.monotonic()
    phone.wait(_reg("unreachable"), 12, "unreachable")
    assert time.monotonic() - lost_at < 10
    registrar.start()
    back_at = time.monotonic()
    phone.wait(_reg("registered"), 15, "registered again")
    assert time.monotonic() - back_at < 10


def test_tcp_registration(phone: Phone, registrar: Registrar):
    phone.send(
        cmds.Register(
            registrar=registrar.address,
            username="secretary",
            password="s3cret-pw",
            transport="tcp",
        )
    )
    ok = phone.wait(_reg("registered"), 10, "registered over TCP")
    assert isinstance(ok, ev.RegistrationState) and ok.code == 200


def test_call_between_two_registered_seats(phone_factory, registrar: Registrar):
    alice = phone_factory(user="alice")
    bob = phone_factory("--auto-answer", "200", user="bob")
    alice.send(cmds.Register(registrar=registrar.address, username="alice", password="alicepw"))
    bob.send(cmds.Register(registrar=registrar.address, username="bob", password="bobpw"))
    alice.wait(_reg("registered"), 10)
    bob.wait(_reg("registered"), 10)
    alice.send(cmds.Dial(uri="bob", tag="t1"))
    started = alice.wait(lambda e: isinstance(e, ev.CallStarted), 5, "started")
    assert isinstance(started, ev.CallStarted) and started.tag == "t1"
    assert started.uri == "sip:bob@127.0.0.1"
    alice.wait_state(started.call, "confirmed", 10)
    incoming = bob.wait(lambda e: isinstance(e, ev.IncomingCall), 5)
    assert isinstance(incoming, ev.IncomingCall)
    assert incoming.info.caller_uri == "sip:alice@127.0.0.1"
    alice.send(cmds.Hangup(call=started.call))
    ended = bob.wait(lambda e: isinstance(e, ev.CallEnded), 5, "bob sees hang-up")
    assert isinstance(ended, ev.CallEnded) and ended.answered
