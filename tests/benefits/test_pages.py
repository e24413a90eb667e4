"""The benefits pages as their users see them: who gets in, what consent shows, what is logged."""

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from benefits.models import Consent
from orders.models import AssignmentStatus, ContractType
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.benefits import ConsentFactory, ReceivedBenefitFactory
from tests.factories.orders import AssignmentFactory, ClientContactFactory, GigFactory, OrderFactory
from tests.factories.units import UnitStaffFactory
from tests.factories.workers import WorkerFactory
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def worker():
    worker = WorkerFactory(user__first_name="Aino", user__last_name="Lahtinen")
    ReceivedBenefitFactory(worker=worker, benefit="disability_pension")
    return worker


@pytest.fixture
def staff(worker):
    return UnitStaffFactory(unit=worker.home_unit)


def _page(client, user, worker, name="benefits:worker"):
    client.force_login(user)
    return client.get(reverse(name, args=[worker.pk]))


# --- Who gets in -----------------------------------------------------------------------------------
@pytest.mark.parametrize("url_name", ["benefits:worker", "benefits:consent-form-pdf"])
@pytest.mark.parametrize("who", ["other_unit_staff", "other_worker", "the_worker", "client_contact", "plain_user"])
def test_outsiders_get_404_for_a_workers_benefits(client, worker, who, url_name):
    ConsentFactory(worker=worker, actors=["unit", "coordinator", "kela"])
    user = {
        "other_unit_staff": lambda: UnitStaffFactory(),
        "other_worker": lambda: WorkerFactory().user,
        "the_worker": lambda: worker.user,  # their own page is /me/benefits/
        "client_contact": lambda: ClientContactFactory(with_user=True).user,
        "plain_user": lambda: UserFactory(),
    }[who]()
    assert _page(client, user, worker, url_name).status_code == 404
    # The attempt is logged as denied (LOG-1); nothing was shown.
    entries = AccessLogEntry.objects.filter(worker=worker)
    if who == "the_worker":
        assert not entries.exists()  # their own page is elsewhere; nothing was refused to them
    else:
        assert list(entries.values_list("outcome", "user")) == [("denied", user.pk)]


@pytest.mark.parametrize("who", ["other_unit_staff", "other_worker", "client_contact"])
def test_outsiders_get_404_for_a_consent_scan(client, worker, who):
    consent = ConsentFactory(worker=worker)
    consent.signed_scan.save("scan.pdf", SimpleUploadedFile("scan.pdf", PDF), save=True)
    user = {
        "other_unit_staff": UnitStaffFactory,
        "other_worker": lambda: WorkerFactory().user,
        "client_contact": lambda: ClientContactFactory(with_user=True).user,
    }[who]()
    client.force_login(user)
    assert client.get(reverse("benefits:consent-scan", args=[consent.pk])).status_code == 404
    assert (
        client.post(reverse("benefits:consent-withdraw", args=[consent.pk]), {"withdrawn_on": "2026-01-01"}).status_code
        == 404
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on is None  # the outsider's withdrawal changed nothing


def test_anonymous_visitors_go_to_the_login_page(client, worker):
    response = client.get(reverse("benefits:worker", args=[worker.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Consent decides what is shown ---------------------------------------------------------------
def test_without_consent_the_unit_sees_that_nothing_can_be_shared(client, worker, staff):
    response = _page(client, staff, worker)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Ei suostumusta jakaa etuustietoja sinulle" in text
    assert "Työkyvyttömyyseläke" not in text  # the benefit is not shown
    assert list(AccessLogEntry.objects.filter(worker=worker).values_list("data", flat=True)) == ["consents"]


def test_with_consent_the_unit_sees_the_benefits_and_the_look_is_logged(client, worker, staff):
    ConsentFactory(worker=worker, actors=["unit"])
    response = _page(client, staff, worker)
    text = response.content.decode()
    assert "Työkyvyttömyyseläke" in text
    assert "Tulot ja rajat tässä kuussa" in text
    entries = AccessLogEntry.objects.filter(worker=worker, user=staff)
    assert sorted(entries.values_list("data", flat=True)) == ["benefits", "consents"]
    assert entries.first().path == reverse("benefits:worker", args=[worker.pk])


def test_a_consent_for_the_unit_does_not_open_the_benefits_to_the_coordinator(client, worker):
    ConsentFactory(worker=worker, actors=["unit"])
    text = _page(client, CoordinatorFactory(), worker).content.decode()
    assert "Ei suostumusta jakaa etuustietoja sinulle" in text and "Työkyvyttömyyseläke" not in text


def test_staff_record_a_consent_with_its_scan_and_download_it(client, worker, staff):
    client.force_login(staff)
    response = client.post(
        reverse("benefits:consent-add", args=[worker.pk]),
        {
            "actors": ["unit", "kela"],
            "data": ["benefits"],
            "given_on": timezone.localdate().isoformat(),
            "scan": SimpleUploadedFile("lomake.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(worker=worker)
    assert consent.actors == ["unit", "kela"]
    download = client.get(reverse("benefits:consent-scan", args=[consent.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Cache-Control"] == "no-store" and download["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.objects.filter(worker=worker, data="consent_scan", action="download").count() == 1
    # The storage path is not served as such.
    assert client.get("/media/" + consent.signed_scan.name).status_code == 404


def test_a_bad_consent_form_keeps_the_input_and_says_why(client, worker, staff):
    client.force_login(staff)
    response = client.post(
        reverse("benefits:consent-add", args=[worker.pk]),
        {"actors": ["kela"], "given_on": "2026-13-45"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Valitse, mitä tietoja suostumus koskee." in text
    assert 'value="kela" class="hds-checkbox__input" id="id_actors_2" checked' in text or "checked" in text
    assert not Consent.objects.exists()


def test_consent_form_pdf_has_the_workers_name_and_every_actor(client, worker, staff, tmp_path):
    response = _page(client, staff, worker, "benefits:consent-form-pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(worker=worker, action="print").count() == 1
    if shutil.which("pdftotext"):
        path = tmp_path / "form.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Aino Lahtinen" in text
        for actor in ("Kela", "Työllisyyspalvelut", "Sosiaalinen luototus"):
            assert actor in text


def test_withdrawing_asks_first_then_stops_the_sharing(client, worker, staff):
    consent = ConsentFactory(worker=worker, actors=["unit"])
    client.force_login(staff)
    url = reverse("benefits:consent-withdraw", args=[consent.pk])
    assert "Peru suostumus" in client.get(url).content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None  # asking changes nothing
    response = client.post(url, {"withdrawn_on": timezone.localdate().isoformat(), "note": "Kertoi itse"})
    assert response.status_code == 302
    text = client.get(reverse("benefits:worker", args=[worker.pk])).content.decode()
    assert "Ei suostumusta jakaa etuustietoja sinulle" in text


# --- Foresight where the decision is made ----------------------------------------------------------
def _june_2022_offer(worker, *, approved_hours="28", gig_hours="3"):
    """Labour market subsidy in June 2022: 280 EUR approved earlier in the month, and an offer of a
    3-hour gig (30 EUR) on 2022-06-20: 310 EUR, 10 over the 300 EUR protected amount."""
    ReceivedBenefitFactory(worker=worker, benefit="unemployment_benefit", payment_period="month")
    done = GigFactory(
        date=dt.date(2022, 6, 3), order=OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT)
    )
    AssignmentFactory(
        gig=done,
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal(approved_hours),
        approved_hours=Decimal(approved_hours),
    )
    gig = GigFactory(
        date=dt.date(2022, 6, 20),
        planned_hours=Decimal(gig_hours),
        order=OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT),
    )
    return AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.OFFERED)


def test_worker_with_an_emailed_code_only_sees_no_figures_but_a_way_to_identify(client):
    worker = WorkerFactory()
    offer = _june_2022_offer(worker)
    client.force_login(worker.user)  # as after a login by emailed code: no second factor
    text = client.get(reverse("workers:gig", args=[offer.pk])).content.decode().replace("\xa0", " ")
    assert "Tämä keikka voi vaikuttaa etuuksiisi" in text
    assert "Rajan yli menee" not in text and "ansaitset tällä keikalla" not in text
    assert "Työttömyysetuus" not in text  # not even which benefit
    assert reverse("workers:identify") in text


def test_worker_in_a_strong_session_sees_what_the_gig_does_to_their_money(client):
    from tests.factories.auth import mark_session_mfa

    worker = WorkerFactory()
    offer = _june_2022_offer(worker)
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    text = client.get(reverse("workers:gig", args=[offer.pk])).content.decode().replace("\xa0", " ")
    assert "Tämä keikka vaikuttaa etuuksiisi" in text
    assert (
        "Työttömyysetuus tai työmarkkinatuki, kesäkuu 2022: ansaitset tällä keikalla 30 euroa. "
        "Rajan yli menee 10 euroa. Etuutesi pienenee noin 5 euroa. Jäät 25 euroa voitolle."
    ) in text
    assert "Puhu ohjaajasi kanssa ennen kuin otat keikan." in text
    # The worker's own look is not in the access log: the log is for who else looked.
    assert not AccessLogEntry.objects.filter(worker=worker).exists()


def test_within_the_limit_the_worker_sees_what_they_can_still_earn(client):
    from tests.factories.auth import mark_session_mfa

    worker = WorkerFactory()
    offer = _june_2022_offer(worker, approved_hours="26")  # 260 + 30 = 290
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    text = client.get(reverse("workers:gig", args=[offer.pk])).content.decode().replace("\xa0", " ")
    assert (
        "Työttömyysetuus tai työmarkkinatuki, kesäkuu 2022: ansaitset tällä keikalla 30 euroa; rajaan jää 10 euroa."
    ) in text


def _propose_setup(n_candidates, *, consent=True, contract=ContractType.EMPLOYMENT):
    order = OrderFactory(staffing=True, contract_type=contract)
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5), planned_hours=Decimal("4"))
    workers = [WorkerFactory() for _ in range(n_candidates)]
    unit = workers[0].home_unit
    for worker in workers[1:]:
        worker.home_unit = unit
        worker.save()
    order.unit_notices.create(unit=unit)
    for worker in workers:
        ReceivedBenefitFactory(worker=worker, benefit="unemployment_benefit")
        if consent:
            ConsentFactory(worker=worker, actors=["unit"])
    return order, gig, workers, UnitStaffFactory(unit=unit)


def test_propose_page_warns_next_to_each_candidate_and_logs_each_look(client):
    order, gig, workers, staff = _propose_setup(3)
    client.force_login(staff)
    text = client.get(reverse("units:propose", args=[order.pk, gig.pk])).content.decode()
    assert text.count("Etuusvaroitus") == 3
    assert "Ei suojaosaa: ansiot pienentävät etuutta. Noin 20 euroa vähemmän." in text  # 40 EUR, half of it
    assert AccessLogEntry.objects.filter(data="benefit_foresight", user=staff).count() == 3


def test_propose_page_says_when_there_is_no_consent(client):
    order, gig, workers, staff = _propose_setup(2, consent=False)
    client.force_login(staff)
    text = client.get(reverse("units:propose", args=[order.pk, gig.pk])).content.decode()
    assert text.count("Etuudet: ei suostumusta jakaa niitä yksikölle") == 2
    assert "Etuusvaroitus" not in text
    assert not AccessLogEntry.objects.filter(data="benefit_foresight").exists()


def test_propose_page_asks_for_the_commission_explanation_on_commission_gigs(client):
    order, gig, workers, staff = _propose_setup(1, contract=ContractType.COMMISSION)
    client.force_login(staff)
    url = reverse("units:propose", args=[order.pk, gig.pk])
    text = client.get(url).content.decode()
    # The explanation is one of the worker's support fields, loaded when the worker is ticked.
    details = client.get(url, {"details": workers[0].pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "kerroin, että toimeksiantotyö on yrittäjyyttä" in details
    assert "Toimeksiantotyö on yrittäjyyttä: etuus voi katketa" in text


@pytest.mark.parametrize("size", [5, 30])
def test_propose_page_queries_stay_constant_with_benefits(client, django_assert_max_num_queries, size):
    order, gig, workers, staff = _propose_setup(size)
    client.force_login(staff)
    # The page's 17 queries (see tests/units) + earnings, delivered product compensation, a late
    # cancellation's minimum pay, benefits, rules, prices, YEL limits and one INSERT of the access-log
    # rows: the same for 5 candidates and for 30 (25 to a page).
    with django_assert_max_num_queries(25):
        response = client.get(reverse("units:propose", args=[order.pk, gig.pk]))
    assert response.content.decode().count("Etuusvaroitus") == min(size, 25)


def test_a_big_unit_sees_its_candidates_25_to_a_page_and_only_the_page_is_looked_at(client):
    order, gig, workers, staff = _propose_setup(30)
    client.force_login(staff)
    url = reverse("units:propose", args=[order.pk, gig.pk])
    first = client.get(url).content.decode()
    assert "Työntekijät 1–25 / 30" in first
    assert AccessLogEntry.objects.filter(data="benefit_foresight").count() == 25
    second = client.get(url + "?page=2").content.decode()
    assert second.count("Etuusvaroitus") == 5
    assert AccessLogEntry.objects.filter(data="benefit_foresight").count() == 30
    assert client.get(url + "?page=99").status_code == 200  # the last page, not an error


def test_coordinator_order_page_shows_the_warning_under_the_worker(client):
    worker = WorkerFactory()
    offer = _june_2022_offer(worker)
    ConsentFactory(worker=worker, actors=["coordinator"])
    client.force_login(CoordinatorFactory())
    text = client.get(reverse("coordinator:order", args=[offer.gig.order.pk])).content.decode()
    assert "Etuusvaroitus" in text
    assert "Yli rajan 10 euroa." in text


def test_my_benefits_page(client):
    from tests.factories.auth import mark_session_mfa

    worker = WorkerFactory()
    ReceivedBenefitFactory(worker=worker, benefit="social_assistance")
    ConsentFactory(worker=worker, actors=["unit"])
    client.force_login(worker.user)
    url = reverse("my_benefits:overview")
    assert "Näytä, että se olet sinä" in client.get(url).content.decode()
    mark_session_mfa(client, worker.user)
    text = client.get(url).content.decode()
    assert "Perustoimeentulotuki" in text


def test_coordinator_sees_workers_heading_to_the_yel_lower_limit(client):
    near = WorkerFactory(user__first_name="Petri", user__last_name="Mustonen")
    far = WorkerFactory(user__first_name="Jenni", user__last_name="Koski")
    order = OrderFactory(staffing=True, contract_type=ContractType.COMMISSION)
    for worker, hours in ((near, "377"), (near, "377"), (far, "100")):  # 7,540 EUR is 80 % of 9,423.09
        gig = GigFactory(order=order, date=dt.date(2026, 3, 2))
        AssignmentFactory(
            gig=gig,
            worker=worker,
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal(hours),
            approved_hours=Decimal(hours),
        )
    employment = GigFactory(
        order=OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT), date=dt.date(2026, 3, 3)
    )
    AssignmentFactory(
        gig=employment,
        worker=far,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal("900"),
        approved_hours=Decimal("900"),
    )  # wages do not count
    client.force_login(CoordinatorFactory())
    text = client.get(reverse("benefits:yel") + "?year=2026").content.decode()
    assert "Petri Mustonen" in text and "7540,00 euroa" in text
    assert "Jenni Koski" not in text
    staff_response = client.get(reverse("benefits:yel"))
    assert staff_response.status_code == 200
    client.force_login(UnitStaffFactory())
    assert client.get(reverse("benefits:yel")).status_code == 403


def test_staff_add_a_benefit_notes_and_a_clarification_and_a_refusal_keeps_the_input(client, worker, staff):
    ConsentFactory(worker=worker, actors=["unit"])
    client.force_login(staff)
    response = client.post(
        reverse("benefits:received-set", args=[worker.pk]),
        {"benefit": "social_assistance", "payment_period": "", "started_on": "2026-01-01", "note": "Sosiaalityö"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#benefits")
    assert set(worker.received_benefits.values_list("benefit", flat=True)) == {
        "disability_pension",
        "social_assistance",
    }
    client.post(reverse("benefits:notes", args=[worker.pk]), {"text": "Ilmoittaa työt Kelaan itse."})
    assert worker.benefit_notes.text == "Ilmoittaa työt Kelaan itse."
    # The consent does not name Kela: the clarification is refused, the page says why and keeps the input.
    response = client.post(
        reverse("benefits:clarification-add", args=[worker.pk]),
        {"kind": "benefit", "done_on": timezone.localdate().isoformat(), "with_actor": "kela", "notes": "Kelan kanssa"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "ei ole voimassa olevaa suostumusta" in text and "Kelan kanssa" in text
    assert not worker.clarifications.exists()
