"""Locust users for bench/run.py: the main pages of the four surfaces and the trivial baseline.

Reads the addresses and session keys from the JSON file in $BENCH_TARGETS (written by run.py).
Each request is named after its page, so the stats come out per page.
"""

from __future__ import annotations

import json
import os
import random
import uuid

from locust import HttpUser, between, task

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
WAIT = between(0.5, 1.5)

ORDER_FORM = {
    "organisation_name": "Kahvila Kulma Oy",
    "client_type": "company",
    "business_id": "1572860-0",
    "contact_name": "Liisa Laine",
    "contact_phone": "040 111 2222",
    "task_type": "",
    "title": "Ikkunanpesu",
    "description": "Kahvilan ikkunat sisältä ja ulkoa.",
    "orientation": "Talonmies näyttää paikat, 15 minuuttia.",
    "tools_provided": "on",
    "street_address": "Hämeentie 10",
    "postal_code": "00530",
    "city": "Helsinki",
    "preferred_start": "",
    "preferred_end": "",
    "timing_notes": "Arkisin klo 9–15.",
    "estimated_hours": "6,5",
    "hours_indicative": "on",
    "workers_needed": "2",
    "contract_type": "commission",
    "client_reference": "PO-4711",
    "billing_name": "",
    "billing_street": "Hämeentie 10",
    "billing_postal_code": "00530",
    "billing_city": "Helsinki",
    "billing_email": "laskut@kulma.example.org",
    "einvoice_address": "",
    "einvoice_operator": "",
    "website": "",
}


class LoggedIn(HttpUser):
    abstract = True
    wait_time = WAIT
    sessions_key = ""

    def on_start(self):
        session = random.choice(TARGETS[self.sessions_key])
        self.client.cookies.set(TARGETS["session_cookie"], session)

    def get(self, url: str, name: str):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")


class Coordinator(LoggedIn):
    weight = 3
    sessions_key = "coordinator_sessions"

    @task(2)
    def today(self):
        self.get(random.choice(TARGETS["today_urls"]), "coordinator's Today (start page)")

    @task(3)
    def dashboard(self):
        self.get(random.choice(TARGETS["dashboard_urls"]), "coordinator dashboard (filters)")

    @task(2)
    def order(self):
        self.get(random.choice(TARGETS["order_urls"]), "order detail")

    @task(1)
    def invoice_preview(self):
        self.get(random.choice(TARGETS["invoice_preview_urls"]), "invoice preview (approved order)")

    @task(1)
    def stand_in(self):
        self.get(random.choice(TARGETS["coordinator_stand_in_urls"]), "coordinator stand-in page (headroom)")

    @task(1)
    def gig_message(self):
        if TARGETS["gig_message_urls"]:
            self.get(random.choice(TARGETS["gig_message_urls"]), "message to everyone on a gig (preview)")


class UnitStaff(LoggedIn):
    weight = 2
    sessions_key = "staff_sessions"

    @task(3)
    def propose(self):
        self.get(random.choice(TARGETS["propose_urls"]), "unit proposal page (candidates + headroom)")

    @task(1)
    def stand_in(self):
        self.get(random.choice(TARGETS["unit_stand_in_urls"]), "unit stand-in page (candidates + headroom)")


class Worker(LoggedIn):
    weight = 3
    sessions_key = "worker_sessions"

    @task(3)
    def my_gigs(self):
        self.get(random.choice(TARGETS["worker_urls"]), "worker gig list")

    @task(1)
    def answer(self):
        if TARGETS["answer_urls"]:  # the reminder's link: no login needed, the token is the key
            self.get(random.choice(TARGETS["answer_urls"]), "reminder answer page (signed link)")


class ClientAccount(LoggedIn):
    weight = 1
    sessions_key = "client_sessions"

    @task
    def account(self):
        self.get(random.choice(TARGETS["client_account_urls"]), "client's account (its orders)")


class Client(HttpUser):
    weight = 1
    wait_time = WAIT

    @task
    def order_form(self):
        url = TARGETS["order_form_url"]
        self.client.get(url, name="order form GET (before the POST)")
        token = self.client.cookies.get(TARGETS["csrf_cookie"], "")
        data = {
            **ORDER_FORM,
            "contact_email": f"tilaaja.{uuid.uuid4().hex[:12]}@kulma.example.org",
            "submission_key": str(uuid.uuid4()),
            "csrfmiddlewaretoken": token,
        }
        with self.client.post(
            url, data=data, name="public order form POST", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}: the order was not accepted")


class Baseline(HttpUser):
    weight = 2
    wait_time = WAIT

    @task
    def trivial(self):
        self.client.get(TARGETS["trivial_url"], name="trivial view (baseline)")
