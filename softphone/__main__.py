"""``python -m softphone``: the engine process (JSON lines on stdin/stdout).

Started by the UI, by tests as a real SIP peer, or by hand for a headless phone.
"""

from __future__ import annotations

import argparse
import logging
import sys

from appenv import logs
from appenv.permissions import restrict_umask
from softphone.engine import serve
from softphone.engine_options import EngineOptions


def main(argv: list[str] | None = None) -> int:
    restrict_umask()  # started by hand too: whatever it may write is the operator's alone
    parser = argparse.ArgumentParser(prog="python -m softphone")
    parser.add_argument("--sip-port", type=int, default=5070)
    parser.add_argument("--bind", default="0.0.0.0", help="local address for SIP and RTP")
    parser.add_argument("--public-address", default="")
    parser.add_argument("--user", default="vorzimmer", help="user part of the local SIP URI")
    parser.add_argument("--input-device")
    parser.add_argument("--output-device")
    parser.add_argument("--ringer-device")
    parser.add_argument("--null-audio", action="store_true", help="no sound devices")
    parser.add_argument(
        "--auto-answer",
        type=int,
        default=0,
        metavar="CODE",
        help="answer every incoming call with CODE (e.g. 200, 486)",
    )
    parser.add_argument("--pj-log-level", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(logs.RedactingFilter())
    return serve(
        EngineOptions(
            sip_port=args.sip_port,
            bind_address=args.bind,
            public_address=args.public_address,
            user=args.user,
            input_device=args.input_device,
            output_device=args.output_device,
            ringer_device=args.ringer_device,
            null_audio=args.null_audio,
            auto_answer=args.auto_answer,
            log_level=args.pj_log_level,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
