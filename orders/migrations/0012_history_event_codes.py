"""History rows say what happened as a code and its facts (`kind`, `params`), not as a sentence.

The sentences were written in the language of whoever acted, so a Swedish or English reader saw
Finnish. The rows whose note is one of the services' own sentences (in Finnish, Swedish or
English) become codes with their facts; a note a person typed (a reason) stays free text, and so
does any note not recognised. Backwards, each code is written as its Finnish sentence again.
"""

import re

from django.db import migrations, models

# kind: (the English, Finnish and Swedish sentences the services used to store).
ORDER_NOTES = {
    "gig_added": ["A gig was added.", "Keikka lisättiin.", "Ett jobb lades till."],
    "all_staffed": [
        "Every gig has its workers.",
        "Kaikilla keikoilla on työntekijät.",
        "Alla jobb har sina arbetstagare.",
    ],
    "worker_needed_again": [
        "A gig needs a worker again.",
        "Keikka tarvitsee taas työntekijän.",
        "Ett jobb behöver en arbetstagare igen.",
    ],
    "all_done": [
        "All work is reported done.",
        "Kaikki työ on ilmoitettu tehdyksi.",
        "Allt arbete är rapporterat som utfört.",
    ],
    "all_approved": ["All hours are approved.", "Kaikki tunnit on hyväksytty.", "Alla timmar är godkända."],
    "terms_resent": ["Terms sent again.", "Ehdot lähetetty uudelleen.", "Villkoren skickades igen."],
    "terms_accepted": [
        "Terms %(version)s accepted by %(name)s.",
        "%(name)s hyväksyi ehdot %(version)s.",
        "Villkor %(version)s godkända av %(name)s.",
    ],
    "feedback_requested": ["Feedback requested.", "Palautetta pyydetty.", "Respons begärd."],
    "feedback_given": ["Feedback given by %(name)s.", "Palautteen antoi %(name)s.", "Respons given av %(name)s."],
    "client_new": [
        "Client checked: a new client, not %(name)s. Business ID: %(business_id)s.",
        "Asiakas tarkistettu: uusi asiakas, ei %(name)s. Y-tunnus: %(business_id)s.",
        "Kunden kontrollerad: en ny kund, inte %(name)s. FO-nummer: %(business_id)s.",
    ],
    "credited_back": [
        "Credit note %(credit)s: %(hours)s h can be invoiced again.",
        "Hyvityslasku %(credit)s: %(hours)s h voidaan laskuttaa uudelleen.",
        "Kreditnota %(credit)s: %(hours)s h kan faktureras igen.",
    ],
}
# The same-client check wrote two sentences: which client, and what was done with the billing details.
CLIENT_SAME = [
    "Client checked: the same client as %(name)s (%(business_id)s).",
    "Asiakas tarkistettu: sama asiakas kuin %(name)s (%(business_id)s).",
    "Kunden kontrollerad: samma kund som %(name)s (%(business_id)s).",
]
BILLING_UPDATED = [
    "Its billing details were updated with those typed.",
    "Sen laskutustiedot päivitettiin tilauksessa annetuilla.",
    "Dess faktureringsuppgifter uppdaterades med de angivna.",
]
BILLING_KEPT = [
    "Its billing details were kept.",
    "Sen laskutustiedot pidettiin ennallaan.",
    "Dess faktureringsuppgifter behölls.",
]
ASSIGNMENT_NOTES = {
    "gig_full": ["The gig was already full.", "Keikka oli jo täynnä.", "Jobbet var redan fullt."],
    "order_cancelled": ["The order was cancelled.", "Tilaus peruttiin.", "Beställningen annullerades."],
    "hours_reported": ["%(hours)s hours", "%(hours)s tuntia", "%(hours)s timmar"],
}
HOURS_CORRECTED = [
    "Hours corrected from %(reported)s to %(approved)s: %(reason)s",
    "Tunnit korjattu määrästä %(reported)s määrään %(approved)s: %(reason)s",
    "Timmarna korrigerade från %(reported)s till %(approved)s: %(reason)s",
]
NUMBERS = {"hours", "reported", "approved"}
# The Finnish sentences written back when the codes go (the first language the rows were in).
FINNISH = {kind: notes[1] for kind, notes in {**ORDER_NOTES, **ASSIGNMENT_NOTES}.items()}
FINNISH["units_informed"] = "%(units)s"
FINNISH["invoiced"] = "%(invoice)s"
FINNISH["hours_corrected"] = HOURS_CORRECTED[1]


def _regex(template: str) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", template)
    pattern = "".join(
        re.escape(part)
        if i % 2 == 0
        else (rf"(?P<{part}>[0-9]+(?:[.,][0-9]+)?)" if part in NUMBERS else rf"(?P<{part}>.+?)")
        for i, part in enumerate(parts)
    )
    return re.compile(rf"^{pattern}$", re.DOTALL)


def _facts(match: re.Match) -> dict:
    return {k: v.replace(",", ".") if k in NUMBERS else v for k, v in match.groupdict().items()}


def _recognise(note: str, table: dict) -> tuple[str, dict] | None:
    for kind, templates in table.items():
        for template in templates:
            match = _regex(template).match(note)
            if match:
                return kind, _facts(match)
    return None


def _order_row(row) -> tuple[str, dict, str] | None:
    note = row.note.strip()
    found = _recognise(note, ORDER_NOTES)
    if found:
        return found[0], found[1], ""
    for template in CLIENT_SAME:
        for updated, extras in ((True, BILLING_UPDATED), (False, BILLING_KEPT)):
            for extra in extras:
                match = _regex(f"{template} {extra}").match(note)
                if match:
                    return "client_same", {**_facts(match), "billing_updated": updated}, ""
    # Informing units wrote their names; issuing an invoice wrote its number.
    if row.from_status == "terms_accepted" and row.to_status == "staffing":
        return "units_informed", {"units": note}, ""
    if row.to_status == "invoiced" and row.from_status == "approved":
        return "invoiced", {"invoice": note}, ""
    return None


def _assignment_row(row) -> tuple[str, dict, str] | None:
    note = row.note.strip()
    found = _recognise(note, ASSIGNMENT_NOTES)
    if found:
        return found[0], found[1], ""
    for template in HOURS_CORRECTED:
        match = _regex(template).match(note)
        if match:
            facts = _facts(match)
            return "hours_corrected", {"reported": facts["reported"], "approved": facts["approved"]}, facts["reason"]
    return None


def to_codes(apps, schema_editor):
    for model, read in (("OrderStatusChange", _order_row), ("AssignmentStatusChange", _assignment_row)):
        Model = apps.get_model("orders", model)
        changed = []
        for row in Model.objects.exclude(note="").only("pk", "note", "from_status", "to_status").iterator():
            found = read(row)
            if found is None:
                continue  # a reason a person typed, or a note not recognised: it stays as it is
            row.kind, row.params, row.note = found
            changed.append(row)
        Model.objects.bulk_update(changed, ["kind", "params", "note"], batch_size=500)


def _finnish(kind: str, params: dict, note: str) -> str:
    if kind == "client_same":
        extra = BILLING_UPDATED[1] if params.get("billing_updated") else BILLING_KEPT[1]
        return f"{CLIENT_SAME[1] % params} {extra}"
    template = FINNISH.get(kind)
    if template is None:
        return note
    facts = {k: str(v).replace(".", ",") if k in NUMBERS else v for k, v in params.items()}
    facts.setdefault("reason", note)
    try:
        return template % facts
    except (KeyError, TypeError, ValueError):
        return note


def to_sentences(apps, schema_editor):
    for model in ("OrderStatusChange", "AssignmentStatusChange"):
        Model = apps.get_model("orders", model)
        changed = []
        for row in Model.objects.exclude(kind="").iterator():
            row.note = _finnish(row.kind, row.params or {}, row.note)
            changed.append(row)
        Model.objects.bulk_update(changed, ["note"], batch_size=500)


ORDER_KINDS = [
    ("units_informed", "Units informed"),
    ("gig_added", "A gig was added"),
    ("all_staffed", "Every gig has its workers"),
    ("worker_needed_again", "A gig needs a worker again"),
    ("all_done", "All work is reported done"),
    ("all_approved", "All hours are approved"),
    ("terms_resent", "Terms sent again"),
    ("terms_accepted", "Terms accepted"),
    ("feedback_requested", "Feedback requested"),
    ("feedback_given", "Feedback given"),
    ("client_same", "Client checked: the same client"),
    ("client_new", "Client checked: a new client"),
    ("invoiced", "Invoiced"),
    ("credited_back", "Credited, to be invoiced again"),
]
ASSIGNMENT_KINDS = [
    ("gig_full", "The gig was already full"),
    ("order_cancelled", "The order was cancelled"),
    ("hours_reported", "Hours reported"),
    ("hours_corrected", "Hours corrected"),
]


class Migration(migrations.Migration):
    dependencies = [("orders", "0011_client_contract_number_and_payment_term")]

    operations = [
        migrations.AddField(
            model_name="orderstatuschange",
            name="kind",
            field=models.CharField(blank=True, choices=ORDER_KINDS, max_length=30, verbose_name="event"),
        ),
        migrations.AddField(
            model_name="orderstatuschange",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="facts of the event"),
        ),
        migrations.AddField(
            model_name="assignmentstatuschange",
            name="kind",
            field=models.CharField(blank=True, choices=ASSIGNMENT_KINDS, max_length=30, verbose_name="event"),
        ),
        migrations.AddField(
            model_name="assignmentstatuschange",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="facts of the event"),
        ),
        migrations.RunPython(to_codes, to_sentences),
    ]
