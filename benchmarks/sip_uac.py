"""A minimal SIP caller on a raw UDP socket: times INVITE → 180 on the wire exactly."""

from __future__ import annotations

import random
import socket
import time


class RawUac:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(5)
        self.port = self.sock.getsockname()[1]
        self.rtp_port = self.port + 2

    def close(self) -> None:
        self.sock.close()

    def _headers(
        self,
        method: str,
        call_id: str,
        tag: str,
        branch: str,
        cseq: int,
        to_number: str,
        extra: str = "",
    ) -> str:
        return (
            f"{method} sip:{to_number}@{self.target[0]}:{self.target[1]} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{self.port};branch=z9hG4bK{branch}\r\n"
            f'From: "Bench Caller" <sip:+4915110000042@127.0.0.1:{self.port}>;tag={tag}\r\n'
            f"To: <sip:{to_number}@{self.target[0]}>{extra}\r\n"
            f"Call-ID: {call_id}\r\nCSeq: {cseq} {method}\r\nMax-Forwards: 70\r\n"
            f"Contact: <sip:bench@127.0.0.1:{self.port}>\r\n"
        )

    def invite(
        self, to_number: str, diversion: str | None = None, caller: str = "+4915110000042"
    ) -> tuple[str, str, str, float]:
        """Send an INVITE; returns (call_id, tag, branch, send time.time())."""
        call_id = f"{random.getrandbits(64):x}@bench"
        tag, branch = f"{random.getrandbits(32):x}", f"{random.getrandbits(48):x}"
        sdp = (
            f"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            f"m=audio {self.rtp_port} RTP/AVP 8 0\r\na=rtpmap:8 PCMA/8000\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n"
        )
        msg = self._headers("INVITE", call_id, tag, branch, 1, to_number)
        msg = msg.replace("+4915110000042", caller)
        if diversion:
            msg += f"Diversion: <sip:{diversion}@carrier.example>;reason=unconditional\r\n"
        msg += f"Content-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n{sdp}"
        sent = time.time()
        self.sock.sendto(msg.encode(), self.target)
        return call_id, tag, branch, sent

    def wait_status(self, code: int, timeout: float = 5) -> tuple[str, float]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data, _ = self.sock.recvfrom(65535)
            text = data.decode(errors="replace")
            if text.startswith(f"SIP/2.0 {code}"):
                return text, time.time()
        raise TimeoutError(f"no {code}")

    def cancel(self, call_id: str, tag: str, branch: str, to_number: str) -> None:
        msg = self._headers("CANCEL", call_id, tag, branch, 1, to_number)
        self.sock.sendto((msg + "Content-Length: 0\r\n\r\n").encode(), self.target)

    def ack_final(self, response: str, call_id: str, tag: str, branch: str, to_number: str) -> None:
        to_line = next(line for line in response.split("\r\n") if line.lower().startswith("to:"))
        msg = self._headers("ACK", call_id, tag, branch, 1, to_number)
        msg = "\r\n".join(to_line if ln.startswith("To:") else ln for ln in msg.split("\r\n"))
        self.sock.sendto((msg + "Content-Length: 0\r\n\r\n").encode(), self.target)

    def ring_and_cancel(
        self,
        to_number: str,
        on_ringing=None,
        diversion: str | None = None,
        caller: str = "+4915110000042",
    ) -> tuple[float, float]:
        """INVITE, wait for 180, optional hook, CANCEL, ACK the 487. Returns (sent, ringing)."""
        call_id, tag, branch, sent = self.invite(to_number, diversion, caller)
        _, ringing = self.wait_status(180)
        if on_ringing is not None:
            on_ringing()
        self.cancel(call_id, tag, branch, to_number)
        final, _ = self.wait_status(487)
        self.ack_final(final, call_id, tag, branch, to_number)
        return sent, ringing
