"""The answering office: several seats, operators and their figures (no Qt, no SQL).

:mod:`office.model` holds the plain data (accounts, states, log entries), which the stores
of :mod:`storage` read and write; :mod:`office.operators` creates and checks accounts
(argon2), :mod:`office.seat_states` decides every change of a seat's state and
:mod:`office.seat_identity` names the seat; :mod:`office.stats` computes the supervisor's
figures (from the call log and the seat-state log).
"""
