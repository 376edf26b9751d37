"""Signals other apps listen to, so that plans needs to know nothing of them.

plan_issued(plan, by) is sent inside the issuing transaction; a receiver that writes does so
in that transaction (reports enqueues the creation of the expected reports).
deadlines_digested(today) is sent by the daily deadline digest, in its transaction (reports
reminds the units that owe a report due soon or overdue).
"""

from django.dispatch import Signal

plan_issued = Signal()
deadlines_digested = Signal()
