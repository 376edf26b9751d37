"""A web process issuing a plan, that stops to be killed (tests/plans/test_worker_process.py).

    python -m tests.plans.issuing_process PLAN_ID USER_ID inside|after

POSTs the issuance form through Django's full request stack and, when the issuance reaches
the point named, prints PAUSED and sleeps: `inside` the issuing transaction (from a plan_issued
receiver: the tasks of other apps are already written, uncommitted), or right `after` its
commit, before the response is sent.
"""

import sys
import time


def pause():
    print("PAUSED", flush=True)
    time.sleep(600)


def main(plan_id, user_id, point):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from plans.signals import plan_issued

    setup_test_environment()  # the test client's host name; mail kept in memory

    def stop_here(sender, **kwargs):
        if point == "inside":
            pause()
        else:
            transaction.on_commit(pause)

    plan_issued.connect(stop_here, weak=False)
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_id))
    url = reverse("plans:transition", args=[plan_id, "issue"])
    response = client.post(url, {"number": 5, "issued_on": "2024-03-01"})
    print(f"ANSWERED {response.status_code}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
