"""How the engine process is started: its options and the pj configuration built from them."""

from __future__ import annotations

from dataclasses import dataclass

import pjsua2 as pj

CLOCK_RATE = 16000
FRAME_MS = 20
CODEC_PRIORITIES = {"G722/16000/1": 255, "PCMA/8000/1": 254, "PCMU/8000/1": 253}
LOW_PRIORITY = 100  # everything else: available, never preferred over G.722 / G.711
MSG_LOG_LEVEL = 4  # pj logs received messages at this level (the 405 guard reads them)
MAX_CALLS = 4  # compiled into the wheel (DESIGN.md §3)


@dataclass
class EngineOptions:
    sip_port: int = 5070
    bind_address: str = "0.0.0.0"
    public_address: str = ""
    user: str = "vorzimmer"
    input_device: str | None = None
    output_device: str | None = None
    ringer_device: str | None = None
    null_audio: bool = False
    auto_answer: int = 0  # answer incoming calls with this code (0 = ring and wait)
    log_level: int = 2

    @property
    def bound_address(self) -> str | None:
        """The one local address to listen on, or ``None`` for all interfaces."""
        return None if self.bind_address in ("", "0.0.0.0") else self.bind_address

    @property
    def local_host(self) -> str:
        """Where this machine reaches the engine itself (our TCP guard, the local URI)."""
        return self.bound_address or "127.0.0.1"


def endpoint_config(options: EngineOptions, writer: pj.LogWriter) -> pj.EpConfig:
    """One pj thread (we poll it), our log writer, 16 kHz mono 20 ms media, no VAD/EC."""
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.uaConfig.userAgent = "Vorzimmer"
    cfg.uaConfig.maxCalls = MAX_CALLS
    cfg.logConfig.level = max(options.log_level, MSG_LOG_LEVEL)
    cfg.logConfig.consoleLevel = cfg.logConfig.level  # gates the writer as well
    cfg.logConfig.writer = writer
    cfg.logConfig.decor = 0
    cfg.logConfig.msgLogging = True
    cfg.medConfig.clockRate = CLOCK_RATE
    cfg.medConfig.sndClockRate = CLOCK_RATE
    cfg.medConfig.channelCount = 1
    cfg.medConfig.audioFramePtime = FRAME_MS
    cfg.medConfig.noVad = True
    cfg.medConfig.ecTailLen = 0
    return cfg


def transport_config(options: EngineOptions, port: int) -> pj.TransportConfig:
    tcfg = pj.TransportConfig()
    tcfg.port = port
    if options.bound_address is not None:
        tcfg.boundAddress = options.bound_address
    if options.public_address:
        tcfg.publicAddress = options.public_address
    return tcfg


def bind_media(acfg: pj.AccountConfig, options: EngineOptions) -> None:
    """RTP of the account's calls on the same address as its SIP."""
    if options.bound_address is not None:
        acfg.mediaConfig.transportConfig.boundAddress = options.bound_address
    if options.public_address:
        acfg.mediaConfig.transportConfig.publicAddress = options.public_address


def prefer_codecs(ep: pj.Endpoint) -> None:
    """G.722 > PCMA > PCMU, explicitly: between two pjsua2 peers Speex wins otherwise."""
    for codec in ep.codecEnum2():
        ep.codecSetPriority(codec.codecId, CODEC_PRIORITIES.get(codec.codecId, LOW_PRIORITY))
