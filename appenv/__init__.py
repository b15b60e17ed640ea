"""What every part of Vorzimmer shares: paths, settings, secrets and logging.

No Qt, no pjsua2 here: the domain packages and the UI both import this.
"""

__version__ = "0.1.0"
