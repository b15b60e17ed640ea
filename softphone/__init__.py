"""SIP softphone engine (pjsua2) and the plain data it reports. No Qt in here."""
