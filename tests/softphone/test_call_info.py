"""CallInfo parsing of real-world INVITE forms, hostile input, and a real sipp INVITE."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softphone.call_info import CallInfo, ForwardingHop, SipParseError, parse_headers, parse_invite
from softphone.sip_addresses import MAX_DISPLAY_NAME, clean_number, parse_name_addr, uri_number
from softphone.sip_headers import split_list
from tests.conftest import require_tool

SDP = (
    "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
    "m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
)


def msg(*lines: str, body: str = SDP) -> str:
    """Join header lines with CRLF, add Content-Length and the body (as pjsua2 delivers it)."""
    head = "\r\n".join(lines)
    return f"{head}\r\nContent-Length: {len(body.encode())}\r\n\r\n{body}"


# ---------------------------------------------------------------- real-world forms

TELEKOM = msg(
    "INVITE sip:+4930999888@192.168.178.20:5060;transport=udp SIP/2.0",
    "Via: SIP/2.0/UDP 217.0.24.1:5060;branch=z9hG4bKg3Zqkv7i5wqxdb1wl9b0y5nb8",
    "Max-Forwards: 65",
    "From: <sip:+4989123456@tel.t-online.de;user=phone>;tag=h7g4Esbg_p65540t1d1f5m31c3",
    "To: <sip:+4930999888@tel.t-online.de;user=phone>",
    "Call-ID: p65540t1699950000m123456c9876543s2",
    "CSeq: 1 INVITE",
    "Contact: <sip:sgc_c@217.0.24.1;transport=udp>;"
    '+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel"',
    "Record-Route: <sip:217.0.24.1;transport=udp;lr>",
    "P-Asserted-Identity: <sip:+4989123456@tel.t-online.de;user=phone>",
    "P-Asserted-Identity: <tel:+4989123456>",
    "History-Info: <sip:+4930111222@tel.t-online.de;user=phone?Privacy=history>;index=1",
    "History-Info: <sip:+4930999888@tel.t-online.de;user=phone;cause=302>;index=1.1",
    "P-Called-Party-ID: <sip:+4930999888@tel.t-online.de;user=phone>",
    "Privacy: none",
    "Allow: INVITE,ACK,BYE,CANCEL,UPDATE,PRACK,INFO,OPTIONS,REFER,NOTIFY",
    "Supported: 100rel,timer,precondition",
    "Accept: application/sdp, application/3gpp-ims+xml",
    "Session-Expires: 1800",
    "Content-Type: application/sdp",
)


def test_telekom_history_info_and_asserted_identity() -> None:
    info = parse_invite(TELEKOM)
    assert info.sip_call_id == "p65540t1699950000m123456c9876543s2"
    assert info.caller_number == "+4989123456"
    assert info.caller_uri == "sip:+4989123456@tel.t-online.de;user=phone"
    assert info.asserted_number == "+4989123456"
    assert info.from_number == "+4989123456"
    assert info.privacy is False
    assert info.dialled_number == "+4930999888"
    assert info.request_uri == "sip:+4930999888@192.168.178.20:5060;transport=udp"
    assert info.forwarding == (
        ForwardingHop(
            target_uri="sip:+4930111222@tel.t-online.de;user=phone",
            target_number="+4930111222",
            reason="unconditional",
            source="history-info",
            index="1",
        ),
    )
    # the client number the caller dialled comes first, our own trunk number after it
    assert info.client_candidates() == ("+4930111222", "+4930999888")


SIPGATE = msg(
    "INVITE sip:2345678e0@192.168.1.33:5060;transport=udp SIP/2.0",
    "Record-Route: <sip:217.10.79.9;lr=on;ftag=as1a2b3c4d>",
    "Via: SIP/2.0/UDP 217.10.79.9;branch=z9hG4bK9f0e.c4e1f6a2.0",
    'From: "+49 (89) 123-456" <sip:0049891234567@sipgate.de>;tag=as1a2b3c4d',
    "To: <sip:4930555000@sipgate.de>",
    "Call-ID: 2b6c5f3e0a9d1c7e@sipgate.de",
    "CSeq: 102 INVITE",
    "User-Agent: sipgate.de, Asterisk PBX 13.38.3",
    "P-Asserted-Identity: <sip:0891234567@sipgate.de>",
    "Contact: <sip:0049891234567@217.10.68.150:5060>",
    "Content-Type: application/sdp",
)


def test_sipgate_like_national_and_0049_forms_are_kept_as_written() -> None:
    info = parse_invite(SIPGATE)
    assert info.from_number == "0049891234567"
    assert info.from_display_name == "+49 (89) 123-456"
    assert info.asserted_number == "0891234567"
    assert info.caller_number == "0891234567"  # P-Asserted-Identity wins over From
    assert info.caller_display_name == "+49 (89) 123-456"  # PAI has none: From's
    assert info.user_agent == "sipgate.de, Asterisk PBX 13.38.3"  # not split at the comma
    assert info.request_number is None  # 2345678e0 is an account name, not a number
    assert info.dialled_number == "4930555000"
    assert info.forwarding == ()
    assert info.client_candidates() == ("4930555000",)


ASTERISK = msg(
    "INVITE sip:201@10.0.0.50:5062;rinstance=7f1c2a9b SIP/2.0",
    "Via: SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bKPj3a9b7f1c-4d2e",
    'From: "Max Mustermann" <sip:0891234567@10.0.0.5>;tag=6c1e1b6d-9d4f',
    'To: "Empfang" <sip:201@10.0.0.50>',
    "Contact: <sip:asterisk@10.0.0.5:5060>",
    "Call-ID: 2c4e9a41-6f1b-4f6f-9d8e-ffb1d2b0a3c7",
    "CSeq: 21342 INVITE",
    "Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE",
    "Supported: 100rel, timer, replaces, norefersub",
    "Session-Expires: 1800",
    "Min-SE: 90",
    "Diversion: <sip:0301112223@10.0.0.5>;reason=no-answer;privacy=off;screen=no",
    'Remote-Party-ID: "Max Mustermann" <sip:0891234567@10.0.0.5>;party=calling;privacy=off;'
    "screen=no",
    "Max-Forwards: 70",
    "User-Agent: FPBX-16.0.40.7(18.20.0)",
    "Content-Type: application/sdp",
)


def test_asterisk_freepbx_diversion_and_remote_party_id() -> None:
    info = parse_invite(ASTERISK)
    assert info.forwarding == (
        ForwardingHop("sip:0301112223@10.0.0.5", "0301112223", "no-answer", "diversion", None),
    )
    assert info.caller_number == "0891234567"
    assert info.asserted_number == "0891234567"  # from Remote-Party-ID (no PAI present)
    assert info.caller_display_name == "Max Mustermann"
    assert info.privacy is False
    assert info.dialled_number == "201"
    assert info.user_agent == "FPBX-16.0.40.7(18.20.0)"
    assert info.client_candidates() == ("0301112223", "201")


def _chain_invite(*diversion_lines: str) -> str:
    return msg(
        "INVITE sip:+4930999000@192.0.2.1 SIP/2.0",
        "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK776asdhds",
        'From: "Erika" <sip:+4940123@carrier.example>;tag=1928301774',
        "To: <sip:+4930111000@carrier.example>",
        "Call-ID: a84b4c76e66710@carrier.example",
        "CSeq: 314159 INVITE",
        *diversion_lines,
    )


def test_several_diversion_headers_newest_first_so_original_target_is_last() -> None:
    # caller dialled the client (+4930111000), who forwarded unconditionally to
    # +4930222000, which did not answer and forwarded to us (RFC 5806: newest first)
    info = parse_invite(
        _chain_invite(
            "Diversion: <sip:+4930222000@carrier.example>;reason=no-answer;counter=1",
            "Diversion: <sip:+4930111000@carrier.example>;reason=unconditional;counter=1",
        )
    )
    assert [h.target_number for h in info.forwarding] == ["+4930111000", "+4930222000"]
    assert [h.reason for h in info.forwarding] == ["unconditional", "no-answer"]
    assert info.client_candidates() == ("+4930111000", "+4930222000", "+4930999000")


def test_diversion_list_in_one_header_line_gives_the_same_chain() -> None:
    one_line = parse_invite(
        _chain_invite(
            "Diversion: <sip:+4930222000@carrier.example>;reason=no-answer,"
            ' "Client, Inc." <sip:+4930111000@carrier.example>;reason="unconditional"'
        )
    )
    assert [h.target_number for h in one_line.forwarding] == ["+4930111000", "+4930222000"]
    assert one_line.forwarding[0].reason == "unconditional"


def test_tel_uris_everywhere() -> None:
    info = parse_invite(
        msg(
            "INVITE tel:+49.30.555-000 SIP/2.0",
            "Via: SIP/2.0/TCP gw.example:5060;branch=z9hG4bKtel1",
            "From: <tel:+49-89-1234567>;tag=t1",
            "To: <tel:030-1234567;phone-context=+49>",
            "Call-ID: tel-1@gw.example",
            "P-Asserted-Identity: <tel:+49-89-1234567;cpc=ordinary>",
            "Diversion: <tel:+49-30-1234567;phone-context=+49>;reason=user-busy;counter=2",
        )
    )
    assert info.request_uri == "tel:+49.30.555-000"
    assert info.from_number == "+49891234567"
    assert info.to_number == "0301234567"
    assert info.request_number == "+4930555000"
    assert info.dialled_number == "+4930555000"
    assert info.forwarding == (
        ForwardingHop(
            "tel:+49-30-1234567;phone-context=+49", "+49301234567", "user-busy", "diversion", "2"
        ),
    )


def test_compact_header_forms_and_case_insensitive_names() -> None:
    text = msg(
        "INVITE sip:+4930777@example.org SIP/2.0",
        "v: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKc1",
        "F: Bob <sip:+4971112345@example.org>;tag=88",
        "t: <sip:+4930777@example.org>",
        "I: compact-77@198.51.100.7",
        "m: <sip:bob@198.51.100.7>",
        "k: replaces, timer",
        "diVERSion: <sip:+4930666@example.org>;reason=unconditional",
        "c: application/sdp",
    )
    headers = parse_headers(text)
    assert headers["supported"] == ["replaces", "timer"]
    assert headers["call-id"] == ["compact-77@198.51.100.7"]
    assert "l" not in headers and "content-length" in headers
    info = parse_invite(text)
    assert info.sip_call_id == "compact-77@198.51.100.7"
    assert info.from_display_name == "Bob"
    assert info.from_number == "+4971112345"
    assert info.to_uri == "sip:+4930777@example.org"
    assert info.forwarding[0].target_number == "+4930666"


def test_folded_header_lines_are_joined() -> None:
    text = msg(
        "INVITE sip:+4930777@example.org SIP/2.0",
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKf1",
        "From:",
        '\t"Hans Meier"',
        "   <sip:+4971112345@example.org>;tag=9",
        "To: <sip:+4930777@example.org>",
        "Call-ID: folded-1",
        "Diversion: <sip:+4930666@example.org>;",
        " reason=user-busy;",
        " counter=1",
    )
    assert parse_headers(text)["from"] == ['"Hans Meier" <sip:+4971112345@example.org>;tag=9']
    info = parse_invite(text)
    assert info.from_display_name == "Hans Meier"
    assert info.from_number == "+4971112345"
    assert info.forwarding[0].reason == "user-busy"
    assert info.forwarding[0].index == "1"


def test_history_info_rfc4244_reason_out_of_order_and_comma_separated() -> None:
    reason = "Reason=SIP%3Bcause%3D486%3Btext%3D%22Busy%20Here%22"
    info = parse_invite(
        msg(
            "INVITE sip:+4930999@192.0.2.1 SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKhi",
            "From: <sip:+4940123@carrier.example>;tag=1",
            "To: <sip:+4930111@carrier.example>",
            "Call-ID: hi-1",
            "History-Info: <sip:+4930999@carrier.example>;index=1.1.1;rc=1.1,"
            f" <sip:+4930222@carrier.example?{reason}>;index=1.1;rc=1",
            "History-Info: <sip:+4930111@carrier.example;user=phone>;index=1",
        )
    )
    assert [(h.target_number, h.index) for h in info.forwarding] == [
        ("+4930111", "1"),
        ("+4930222", "1.1"),
    ]
    assert info.forwarding[0].reason is None  # no cause recorded for the first retarget
    assert info.forwarding[1].reason == "user-busy"  # embedded Reason header, cause=486
    assert info.client_candidates() == ("+4930111", "+4930222", "+4930999")


def test_single_history_info_entry_equal_to_request_uri_is_no_forwarding() -> None:
    base = [
        "INVITE sip:+4930999@192.0.2.1 SIP/2.0",
        "From: <sip:+4940123@carrier.example>;tag=1",
        "To: <sip:+4930999@carrier.example>",
        "Call-ID: hi-2",
    ]
    same = parse_invite(msg(*base, "History-Info: <sip:+4930999@carrier.example>;index=1"))
    assert same.forwarding == ()
    other = parse_invite(msg(*base, "History-Info: <sip:+4930111@carrier.example>;index=1"))
    assert [h.target_number for h in other.forwarding] == ["+4930111"]


def test_history_info_first_then_diversion_without_duplicates() -> None:
    info = parse_invite(
        msg(
            "INVITE sip:+4930999@192.0.2.1 SIP/2.0",
            "From: <sip:+4940123@carrier.example>;tag=1",
            "To: <sip:+4930999@carrier.example>",
            "Call-ID: both-1",
            "Diversion: <sip:+4930111@carrier.example>;reason=unconditional;counter=1",
            "History-Info: <sip:+4930111@carrier.example>;index=1,"
            " <sip:+4930999@carrier.example;cause=408>;index=1.1",
        )
    )
    assert info.forwarding == (
        ForwardingHop("sip:+4930111@carrier.example", "+4930111", "no-answer", "history-info", "1"),
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('From: "Dr. \\"Hans\\" M\u00fcller" <sip:1@h>;tag=1', 'Dr. "Hans" M\u00fcller'),
        (
            'From: "J\u00fcrgen Wei\u00df, GmbH & Co. KG" <sip:1@h>;tag=1',
            "J\u00fcrgen Wei\u00df, GmbH & Co. KG",
        ),
        ("From: Hans   M\u00fcller <sip:1@h>;tag=1", "Hans M\u00fcller"),
        ('From: "=?UTF-8?B?w5xtaXQgWsO2bGxuZXI=?=" <sip:1@h>;tag=1', "\u00dcmit Z\u00f6llner"),
        ('From: "=?ISO-8859-1?Q?J=FCrgen_B=E4r?=" <sip:1@h>;tag=1', "J\u00fcrgen B\u00e4r"),
        ('From: "=?no-such-charset?B?w5w=?=" <sip:1@h>;tag=1', "=?no-such-charset?B?w5w=?="),
        ('From: "=?UTF-8?Q?M=C3=BC?= =?UTF-8?Q?ller?=" <sip:1@h>;tag=1', "Müller"),
        ('From: "=?zlib?B?eJw=?= =?idna?Q?x=FF?=" <sip:1@h>', "=?zlib?B?eJw=?==?idna?Q?x=FF?="),
        ('From: "Bank\u202egnilleB" <sip:1@h>;tag=1', "BankgnilleB"),
        ('From: "tab\there\x00nul" <sip:1@h>;tag=1', "tab herenul"),
        ('From: "" <sip:1@h>;tag=1', None),
        ('From:"NoSpace"<sip:1@h>;tag=1', "NoSpace"),
    ],
)
def test_display_names(header: str, expected: str | None) -> None:
    info = parse_invite(msg("INVITE sip:2@h SIP/2.0", header, "Call-ID: d"))
    assert info.from_display_name == expected
    assert info.from_number == "1"


def test_encoded_words_in_every_known_charset_never_raise() -> None:
    import encodings.aliases

    charsets = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    for charset in sorted(charsets):
        for payload in ("B?w5zDpMO2AP8=", "Q?=C3=BC=FF=ZZ_x", "B?%%%"):
            line = f'From: "=?{charset}?{payload}?= Name" <sip:1@h>'
            info = parse_invite(msg("INVITE sip:2@h SIP/2.0", line))
            assert info.from_display_name, charset


def test_display_name_is_capped() -> None:
    info = parse_invite(msg("INVITE sip:2@h SIP/2.0", f'From: "{"Ä" * 5000}" <sip:1@h>'))
    assert info.from_display_name is not None
    assert len(info.from_display_name) == MAX_DISPLAY_NAME
    assert info.from_display_name.endswith("…")


def test_anonymous_caller_with_privacy_id() -> None:
    info = parse_invite(
        msg(
            "INVITE sip:+4930999@192.0.2.1 SIP/2.0",
            'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=x1',
            "To: <sip:+4930999@carrier.example>",
            "Call-ID: anon-1",
            "P-Asserted-Identity: <tel:+4940123456>",
            "Privacy: id;critical",
        )
    )
    assert info.privacy is True
    assert info.from_number is None
    assert info.from_display_name == "Anonymous"
    # the network still told us who it is; showing it or not is the UI's decision
    assert info.asserted_number == "+4940123456"
    assert info.caller_number == "+4940123456"


@pytest.mark.parametrize(
    ("extra", "private"),
    [
        ("Privacy: none", False),
        ("Privacy: header;user", True),
        ("Remote-Party-ID: <sip:+4940123@gw>;party=calling;privacy=full", True),
    ],
)
def test_privacy_header_values(extra: str, private: bool) -> None:
    info = parse_invite(
        msg("INVITE sip:1@h SIP/2.0", "From: <sip:+4940123@gw>;tag=1", "Call-ID: p", extra)
    )
    assert info.privacy is private
    assert info.caller_number == "+4940123"


def test_anonymous_from_without_any_identity() -> None:
    info = parse_invite(
        msg("INVITE sip:1@h SIP/2.0", "From: <sip:anonymous@example.org>;tag=9", "Call-ID: a")
    )
    assert info.privacy is True
    assert info.caller_number is None
    assert info.caller_uri == "sip:anonymous@example.org"


def test_asserted_identity_prefers_a_numbered_entry_and_falls_back_to_ppi() -> None:
    base = ["INVITE sip:1@h SIP/2.0", "From: <sip:alice@corp.example>;tag=1", "Call-ID: id"]
    two = parse_invite(
        msg(*base, 'P-Asserted-Identity: "Alice A." <sip:alice@corp.example>, <tel:+4930123>')
    )
    assert (two.asserted_number, two.asserted_display_name) == ("+4930123", "Alice A.")
    assert two.caller_uri == "tel:+4930123"
    preferred = parse_invite(msg(*base, "P-Preferred-Identity: <sip:+4930456@corp.example>"))
    assert preferred.caller_number == "+4930456"
    called_party = parse_invite(
        msg(*base, "Remote-Party-ID: <sip:+4930789@gw>;party=called;privacy=full")
    )
    assert called_party.asserted_number is None and called_party.privacy is False
    assert called_party.caller_number is None
    assert called_party.caller_uri == "sip:alice@corp.example"


def test_diversion_as_addr_spec_without_brackets() -> None:
    info = parse_invite(
        msg(
            "INVITE sip:1@h SIP/2.0",
            "Call-ID: d",
            "Diversion: sip:+4930111@h;reason=unconditional;counter=3",
        )
    )
    assert info.forwarding == (
        ForwardingHop("sip:+4930111@h", "+4930111", "unconditional", "diversion", "3"),
    )


def test_addr_spec_without_angle_brackets_and_sips() -> None:
    info = parse_invite(
        msg(
            "INVITE sips:+4930777@secure.example SIP/2.0",
            "From: sip:+4971112345@example.org;tag=abc",
            "To: sips:+4930777@secure.example",
            "Call-ID: nb-1",
        )
    )
    assert info.from_number == "+4971112345"
    assert info.caller_uri == "sip:+4971112345@example.org"
    assert info.to_uri == "sips:+4930777@secure.example"
    assert info.dialled_number == "+4930777"


def test_p_called_party_id_is_the_dialled_number() -> None:
    info = parse_invite(
        msg(
            "INVITE sip:seat1@10.0.0.7:5062 SIP/2.0",
            "From: <sip:+4940123@carrier.example>;tag=1",
            "To: <sip:+4930555@carrier.example>",
            "Call-ID: pcpi-1",
            "P-Called-Party-ID: <sip:+4930111@carrier.example;user=phone>",
        )
    )
    assert info.dialled_number == "+4930111"
    assert info.client_candidates() == ("+4930111", "+4930555")


def test_missing_from_to_and_call_id_still_give_call_info() -> None:
    info = parse_invite("INVITE sip:+4930111@example.org SIP/2.0\r\n\r\n")
    assert isinstance(info, CallInfo)
    assert (info.sip_call_id, info.caller_uri, info.to_uri) == ("", "", "")
    assert info.caller_number is None and info.from_display_name is None
    assert info.dialled_number == "+4930111"
    assert info.client_candidates() == ("+4930111",)


def test_lf_only_line_endings_and_leading_keepalive_crlf() -> None:
    text = "\r\n\r\nINVITE sip:1@h SIP/2.0\nFrom: <sip:+4930123@h>;tag=1\nCall-ID: lf\n\nv=0\n"
    info = parse_invite(text)
    assert info.from_number == "+4930123"
    assert info.sip_call_id == "lf"


def test_body_is_never_read_as_headers() -> None:
    text = msg(
        "INVITE sip:1@h SIP/2.0",
        "Call-ID: body-1",
        body="From: <sip:+4999@evil>\r\nDiversion: <sip:+4988@evil>\r\n",
    )
    info = parse_invite(text)
    assert info.from_number is None and info.forwarding == ()
    assert "from" not in parse_headers(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \r\n\r\n",
        "SIP/2.0 200 OK\r\nCall-ID: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
        "hello world",
        "\x00\x01\x02INVITE",
        "INVITE sip:1@h SIP/3.0\r\n\r\n",
        "INVITE  SIP/2.0\r\n\r\n",
    ],
)
def test_non_requests_raise_sip_parse_error(text: str) -> None:
    with pytest.raises(SipParseError, match="not a SIP request"):
        parse_invite(text)


def test_sip_parse_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="response"):
        parse_invite("SIP/2.0 180 Ringing\r\n\r\n")


def test_non_invite_requests_parse_too() -> None:
    info = parse_invite("OPTIONS sip:1@h SIP/2.0\r\nCall-ID: o\r\n\r\n")
    assert info.sip_call_id == "o"


# ---------------------------------------------------------------- building blocks


@pytest.mark.parametrize(
    ("uri", "number"),
    [
        ("sip:+4930123@host;user=phone", "+4930123"),
        ("sip:004930123@host", "004930123"),
        ("sip:030123@host", "030123"),
        ("sip:+49-30-123.45@host", "+493012345"),
        ("sip:030%20123@host", "030123"),
        ("sip:0301234;phone-context=+49@host;user=phone", "0301234"),
        ("sip:+4930123:secret@host", "+4930123"),
        ("SIP:+4930123@HOST", "+4930123"),
        ("sips:+4930123@host", "+4930123"),
        ("tel:+49-30-1234567;phone-context=example.com", "+49301234567"),
        ("tel:(030) 123 45", "03012345"),
        ("sip:alice@host", None),
        ("sip:host.example", None),
        ("sip:anonymous@anonymous.invalid", None),
        ("http://example.org/+4930", None),
        ("sip:++49@host", None),
        ("sip:" + "1" * 40 + "@host", None),
        ("sip:\u0663\u0664@host", None),  # non-ASCII digits are not dialable
        ("", None),
    ],
)
def test_uri_number(uri: str, number: str | None) -> None:
    assert uri_number(uri) == number


def test_clean_number_keeps_prefix_as_written() -> None:
    assert clean_number("+49 (30) 123-45") == "+493012345"
    assert clean_number("0049 30 12345") == "00493012345"
    assert clean_number("12 34#") is None


def test_split_list_respects_quotes_and_brackets() -> None:
    value = '"Doe, John" <sip:a@h;x=1,2>;p="a,b", <sip:b@h>, sip:c@h'
    assert split_list(value) == [
        '"Doe, John" <sip:a@h;x=1,2>;p="a,b"',
        "<sip:b@h>",
        "sip:c@h",
    ]
    assert split_list('"unbalanced, quote <sip:a@h>, <sip:b@h>') == [
        '"unbalanced, quote <sip:a@h>, <sip:b@h>'
    ]
    assert split_list("<sip:a@h, <sip:b@h>") == ["<sip:a@h, <sip:b@h>"]


def test_parse_headers_keeps_order_of_repeated_headers_and_does_not_split_free_text() -> None:
    headers = parse_headers(
        "INVITE sip:1@h SIP/2.0\r\n"
        "Via: SIP/2.0/UDP a;branch=1, SIP/2.0/UDP b;branch=2\r\n"
        "VIA: SIP/2.0/UDP c;branch=3\r\n"
        "Subject: Termin, dringend\r\n"
        "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
        "not a header line\r\n"
        "Bad Name: ignored\r\n"
        "\r\n"
    )
    assert [v.split()[1] for v in headers["via"]] == ["a;branch=1", "b;branch=2", "c;branch=3"]
    assert headers["subject"] == ["Termin, dringend"]
    assert headers["date"] == ["Sat, 13 Nov 2010 23:29:00 GMT"]
    assert "bad name" not in headers and "not a header line" not in headers


def test_parse_name_addr_forms() -> None:
    quoted = parse_name_addr('"A \\"B\\"" <sip:+49@h;user=phone>;tag=1;reason="x;y"')
    assert quoted is not None
    assert (quoted.display_name, quoted.uri) == ('A "B"', "sip:+49@h;user=phone")
    assert quoted.params == {"tag": "1", "reason": "x;y"}
    bare = parse_name_addr("sip:+49@h;tag=2")
    assert bare is not None and (bare.uri, bare.params) == ("sip:+49@h", {"tag": "2"})
    unclosed = parse_name_addr('"Open <sip:1@h>')
    assert unclosed is not None and unclosed.display_name == "Open <sip:1@h>"
    assert parse_name_addr("   ") is None


# ---------------------------------------------------------------- hostile input


def _timed(text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(SipParseError):
        parse_invite(text)
    return time.perf_counter() - start


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param('"' * 200_000, id="quotes"),
        pytest.param("<" * 200_000, id="open-brackets"),
        pytest.param("," * 200_000, id="commas"),
        pytest.param(";" * 200_000, id="semicolons"),
        pytest.param('"\\' * 100_000, id="escapes"),
        pytest.param("=?" * 100_000, id="encoded-word-starts"),
        pytest.param("=?utf-8?B?" + "A" * 200_000, id="encoded-word-long"),
        pytest.param("<sip:1@h>;index=1.1," * 10_000, id="history-entries"),
        pytest.param("\x00\ufffd" * 100_000, id="nul-and-replacement"),
    ],
)
def test_hostile_headers_parse_fast(payload: str) -> None:
    for name in ("From", "Diversion", "History-Info", "P-Asserted-Identity", "User-Agent"):
        text = f"INVITE sip:1@h SIP/2.0\r\n{name}: {payload}\r\nCall-ID: h\r\n\r\n"
        assert _timed(text) < 1.0, name
    info = parse_invite(f"INVITE sip:1@h SIP/2.0\r\nDiversion: {payload}\r\n\r\n")
    assert len(info.forwarding) <= 20


def test_parameter_values_are_capped() -> None:
    info = parse_invite(
        msg(
            "INVITE sip:1@h SIP/2.0",
            f'Diversion: <sip:{"9" * 5000}@h>;reason="{"x" * 100_000}";counter={"1" * 999}',
            f"History-Info: <sip:1@h>;index=1, <sip:2@h;cause={'7' * 999}>;index=1.1",
        )
    )
    history, diversion = info.forwarding
    assert history.reason is not None and len(history.reason) <= 64
    assert diversion.reason is not None and len(diversion.reason) <= 64
    assert diversion.index is not None and len(diversion.index) <= 64
    assert len(diversion.target_uri) <= 1024 and diversion.target_number is None


def test_many_hops_are_capped_keeping_the_oldest() -> None:
    lines = [f"Diversion: <sip:{1000 + i}@h>;reason=unconditional" for i in range(500)]
    info = parse_invite(msg("INVITE sip:1@h SIP/2.0", *lines))
    assert len(info.forwarding) == 20
    assert info.forwarding[0].target_number == "1499"  # last header = original target


def test_huge_message_and_many_folded_lines_stay_linear() -> None:
    folded = "INVITE sip:1@h SIP/2.0\r\nSubject: x\r\n" + " y\r\n" * 200_000 + "\r\n"
    assert _timed(folded) < 1.0
    many = "INVITE sip:1@h SIP/2.0\r\n" + "X-H: v\r\n" * 200_000 + "\r\n"
    assert _timed(many) < 1.0
    one_line = "INVITE sip:1@h SIP/2.0\r\nFrom: " + "a" * 5_000_000
    assert _timed(one_line) < 1.0
    assert _timed("INVITE " + "x" * 5_000_000) < 1.0
    assert _timed("INVITE" + " " * 1_000_000 + "x SIP/2.0\r\n\r\n") < 1.0
    assert _timed("A " * 1_000_000) < 1.0
    assert _timed("INVITE sip:1@h SIP/2.0\r\n" + "Diversion: <sip:1@h>\r\n" * 20_000) < 1.0


def test_huge_history_index_numbers_do_not_crash() -> None:
    info = parse_invite(
        msg(
            "INVITE sip:1@h SIP/2.0",
            f"History-Info: <sip:2@h>;index={'9' * 5000}, <sip:3@h>;index=1.{'9' * 20}",
        )
    )
    assert [h.target_number for h in info.forwarding] == ["2"]  # header order kept


def test_replacement_chars_from_invalid_utf8_are_tolerated() -> None:
    raw = 'INVITE sip:1@h SIP/2.0\r\nFrom: "M\xfcller" <sip:+4930@h>\r\n\r\n'.encode("latin-1")
    info = parse_invite(raw.decode("utf-8", errors="replace"))
    assert info.from_display_name == "M\ufffdller"
    assert info.from_number == "+4930"


_SIP_BITS = st.sampled_from(
    [
        "INVITE sip:+4930111@h SIP/2.0\r\n",
        "INVITE tel:+49-30 SIP/2.0\r\n",
        "SIP/2.0 200 OK\r\n",
        "From: ",
        "f:",
        "To: ",
        "Diversion: ",
        "History-Info: ",
        "P-Asserted-Identity: ",
        "Privacy: id\r\n",
        "Call-ID: ",
        '"',
        "\\",
        "<",
        ">",
        ",",
        ";",
        "=",
        "@",
        ":",
        "?",
        "&",
        "%",
        "%3B",
        "sip:",
        "tel:",
        "sips:",
        "+49",
        "0049",
        "index=1.1",
        "reason=",
        "cause=302",
        "counter=",
        "=?UTF-8?B?",
        "?=",
        "\r\n",
        "\r\n ",
        "\n",
        "\r",
        "\r\n\r\n",
        "\x00",
        "\ufffd",
        "ü",
        "\u202e",
        " ",
        "\t",
    ]
)


def _check_fast(text: str) -> None:
    start = time.perf_counter()
    try:
        result = parse_invite(text)
    except SipParseError:
        pass
    else:
        assert isinstance(result, CallInfo)
        assert len(result.forwarding) <= 20
        assert all(isinstance(n, str) and n for n in result.client_candidates())
        hash(result)  # frozen and hashable throughout
    assert time.perf_counter() - start < 0.5


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SIP_BITS | st.text(max_size=8), max_size=80).map("".join))
def test_fuzz_sip_like_text(text: str) -> None:
    _check_fast(text)
    _check_fast("INVITE sip:1@h SIP/2.0\r\n" + text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes(data: bytes) -> None:
    _check_fast(data.decode("utf-8", errors="replace"))
    _check_fast("INVITE sip:1@h SIP/2.0\r\n" + data.decode("latin-1"))


# ---------------------------------------------------------------- sipp's INVITE

# The first <send> of the lab scenario (testbed/sipp/uac_flow.xml), kept here verbatim so
# the test carries its own fixture.
UAC_FLOW_INVITE = """
      INVITE sip:lab@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Alice Caller" <sip:alice@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: "Lab Phone" <sip:lab@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:alice@[local_ip]:[local_port]>
      Diversion: <sip:+4930111@pbx.example>;reason=unconditional;counter=1
      P-Asserted-Identity: "Alice PAI" <sip:+4930999@pbx.example>
      Max-Forwards: 70
      Subject: pjsua2 lab
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=sendrecv
"""

# What sipp 3.6.1 put on the wire for it (keywords substituted by hand from a capture).
SIPP_INVITE_BY_HAND = (
    "INVITE sip:lab@127.0.0.1:54883 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-8900-1-0\r\n"
    'From: "Alice Caller" <sip:alice@127.0.0.1:5060>;tag=8900SIPpTag001\r\n'
    'To: "Lab Phone" <sip:lab@127.0.0.1:54883>\r\n'
    "Call-ID: 1-8900@127.0.0.1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:alice@127.0.0.1:5060>\r\n"
    "Diversion: <sip:+4930111@pbx.example>;reason=unconditional;counter=1\r\n"
    'P-Asserted-Identity: "Alice PAI" <sip:+4930999@pbx.example>\r\n'
    "Max-Forwards: 70\r\n"
    "Subject: pjsua2 lab\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length:   197\r\n"
    "\r\n"
    "v=0\r\n"
    "o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n"
    "s=-\r\n"
    "c=IN IP4 127.0.0.1\r\n"
    "t=0 0\r\n"
    "m=audio 6000 RTP/AVP 0 101\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\n"
    "a=sendrecv\r\n"
)


def _assert_uac_flow_invite(info: CallInfo, remote_port: int) -> None:
    assert info.request_uri == f"sip:lab@127.0.0.1:{remote_port}"
    assert info.to_uri == f"sip:lab@127.0.0.1:{remote_port}"
    assert re.fullmatch(r"1-\d+@127\.0\.0\.1", info.sip_call_id)
    assert info.from_display_name == "Alice Caller"
    assert info.from_number is None  # "alice" is no number
    assert info.asserted_number == "+4930999"
    assert info.asserted_display_name == "Alice PAI"
    assert info.caller_number == "+4930999"
    assert info.caller_display_name == "Alice PAI"
    assert info.caller_uri == "sip:+4930999@pbx.example"
    assert info.privacy is False
    assert info.dialled_number is None  # "lab" is an account name
    assert info.forwarding == (
        ForwardingHop("sip:+4930111@pbx.example", "+4930111", "unconditional", "diversion", "1"),
    )
    assert info.client_candidates() == ("+4930111",)
    assert info.user_agent is None


def test_sipp_uac_flow_invite_substituted_by_hand() -> None:
    _assert_uac_flow_invite(parse_invite(SIPP_INVITE_BY_HAND), 54883)


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.integration
def test_invite_sent_by_real_sipp_is_parsed(tmp_path: Path) -> None:
    """sipp sends the lab scenario's INVITE to a UDP socket; the received text is parsed."""
    sipp = require_tool("sipp")
    scenario = tmp_path / "invite_only.xml"
    scenario.write_text(
        '<?xml version="1.0" encoding="ISO-8859-1" ?>\n'
        '<scenario name="invite_only">\n'
        f"  <send><![CDATA[{UAC_FLOW_INVITE}]]></send>\n"
        "</scenario>\n",
        encoding="latin-1",
    )
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver:
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(15)
        port = int(receiver.getsockname()[1])
        # sipp's local SIP and media ports must not default to 5060/6000 (parallel tests)
        cmd = [sipp, f"127.0.0.1:{port}", "-sf", str(scenario), "-m", "1", "-nostdin"]
        cmd += ["-timeout", "15s", "-timeout_error", "-i", "127.0.0.1"]
        cmd += ["-p", str(_free_udp_port()), "-mp", str(_free_udp_port())]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]
        data, _ = receiver.recvfrom(65535)
    whole_msg = data.decode("utf-8", errors="replace")
    assert whole_msg.startswith("INVITE sip:lab@")
    _assert_uac_flow_invite(parse_invite(whole_msg), port)
