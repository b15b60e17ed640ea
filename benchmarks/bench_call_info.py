"""Time parse_invite on a realistic carrier INVITE and on hostile ones (JSON lines)."""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from softphone.call_info import SipParseError, parse_invite

CARRIER_INVITE = "\r\n".join(
    [
        "INVITE sip:+4930999888@192.168.178.20:5060;transport=udp SIP/2.0",
        "Via: SIP/2.0/UDP 217.0.24.1:5060;branch=z9hG4bKg3Zqkv7i5wqxdb1wl9b0y5nb8",
        "Max-Forwards: 65",
        'From: "Erika Mustermann" <sip:+4989123456@tel.t-online.de;user=phone>;tag=h7g4E',
        "To: <sip:+4930999888@tel.t-online.de;user=phone>",
        "Call-ID: p65540t1699950000m123456c9876543s2",
        "CSeq: 1 INVITE",
        "Contact: <sip:sgc_c@217.0.24.1;transport=udp>",
        "Record-Route: <sip:217.0.24.1;transport=udp;lr>",
        "P-Asserted-Identity: <sip:+4989123456@tel.t-online.de;user=phone>, <tel:+4989123456>",
        "History-Info: <sip:+4930111222@tel.t-online.de;user=phone>;index=1",
        "History-Info: <sip:+4930999888@tel.t-online.de;user=phone;cause=302>;index=1.1",
        "Diversion: <sip:+4930111222@tel.t-online.de>;reason=unconditional;counter=1",
        "P-Called-Party-ID: <sip:+4930999888@tel.t-online.de;user=phone>",
        "Privacy: none",
        "Allow: INVITE,ACK,BYE,CANCEL,UPDATE,PRACK,INFO,OPTIONS,REFER,NOTIFY",
        "Supported: 100rel,timer,precondition",
        "Content-Type: application/sdp",
        "Content-Length: 0",
        "",
        "",
    ]
)

HOSTILE = {
    "quotes_200k": "INVITE sip:1@h SIP/2.0\r\nFrom: " + '"' * 200_000 + "\r\n\r\n",
    "commas_200k": "INVITE sip:1@h SIP/2.0\r\nDiversion: " + "," * 200_000 + "\r\n\r\n",
    "history_10k_entries": "INVITE sip:1@h SIP/2.0\r\nHistory-Info: "
    + "<sip:1@h>;index=1.1," * 10_000
    + "\r\n\r\n",
}


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(SipParseError):
            func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def main() -> None:
    emit(
        "parse_invite_carrier_median",
        median_seconds(lambda: parse_invite(CARRIER_INVITE), 5000) * 1e6,
        "us",
    )
    for name, text in HOSTILE.items():
        seconds = median_seconds(partial(parse_invite, text), 15)
        emit(f"parse_invite_hostile_{name}_median", seconds * 1e3, "ms")


if __name__ == "__main__":
    main()
