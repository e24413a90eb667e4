"""Reference data: the task types of the pilot report and the first version of the order terms."""

from datetime import date

from django.db import migrations

TASK_TYPES = [
    ("cleaning", "Siivous", "Städning", "Cleaning"),
    ("safety-phone-cleaning", "Turvapuhelinten puhdistus", "Rengöring av trygghetstelefoner", "Cleaning safety phones"),
    ("window-washing", "Ikkunanpesu", "Fönstertvätt", "Window washing"),
    ("mailing", "Postitus", "Postning", "Mailing"),
    ("floorball-mats", "Salibandykaukalon mattojen asennus", "Läggning av innebandymattor", "Laying floorball court mats"),
    ("storage-clean-up", "Varaston siivous", "Städning av förråd", "Storage clean-up"),
    ("move-packing", "Muuton pakkaus", "Packning inför flytt", "Packing for a move"),
    ("thesis-archiving", "Opinnäytetöiden arkistointi", "Arkivering av lärdomsprov", "Archiving theses"),
    ("resident-folders", "Asukaskansioiden kokoaminen", "Sammanställning av invånarmappar", "Assembling resident folders"),
    ("assisting-elderly", "Ikäihmisten avustaminen", "Hjälp åt äldre", "Assisting elderly people"),
    ("sewing", "Ompelu", "Sömnad", "Sewing"),
    ("handicrafts", "Käsityöt", "Hantverk", "Handicrafts"),
]

TERMS_FI = """Jobcenter-tilauksen ehdot (versio 2026-1)

1. Tilaaja ostaa palvelun Helsingin kaupungin Jobcenteriltä. Tilaajasta ei tule työnantajaa.
2. Työn tekevät kaupungin työtoiminnan asiakkaat, joilla on osatyökyky. Työtoimintayksikkö tukee heitä.
3. Tilaaja kuvaa tehtävän ja perehdyttää työntekijän työpaikalla.
4. Tuntihinta määräytyy hinnaston mukaan sopimusmallin ja työpäivän perusteella. Arvonlisävero lisätään voimassa olevan verokannan mukaan.
5. Laskutus tehdään hyväksyttyjen tuntien perusteella. Maksuehto on 14 päivää netto.
6. Tilaaja antaa palautteen työstä. Palaute kirjataan työntekijän profiiliin.
7. Tilaaja voi palkata työntekijän omaan palvelukseensa ilman seuraamuksia.
"""
TERMS_SV = """Villkor för Jobcenter-beställningar (version 2026-1)

1. Beställaren köper en tjänst av Helsingfors stads Jobcenter. Beställaren blir inte arbetsgivare.
2. Arbetet utförs av klienter inom stadens arbetsverksamhet med partiell arbetsförmåga, med stöd av sin enhet.
3. Beställaren beskriver uppgiften och introducerar arbetstagaren på arbetsplatsen.
4. Timpriset följer prislistan enligt avtalsmodell och arbetsdag. Mervärdesskatt tillkommer enligt gällande skattesats.
5. Fakturering sker enligt godkända timmar. Betalningsvillkor 14 dagar netto.
6. Beställaren ger respons på arbetet. Responsen förs in i arbetstagarens profil.
7. Beställaren får anställa arbetstagaren utan påföljder.
"""
TERMS_EN = """Jobcenter order terms (version 2026-1)

1. The client buys a service from the City of Helsinki's Jobcenter. The client does not become an employer.
2. The work is done by clients of the city's work activity who have partial work ability, supported by their unit.
3. The client describes the task and orients the worker at the workplace.
4. The hourly price follows the price list by contract model and work date. VAT is added at the rate in force.
5. Invoicing is based on approved hours. Payment term 14 days net.
6. The client gives feedback on the work. The feedback is recorded on the worker's profile.
7. The client may hire the worker onto its own payroll without any sanction.
"""


def seed(apps, schema_editor):
    TaskType = apps.get_model("orders", "TaskType")
    for code, fi, sv, en in TASK_TYPES:
        TaskType.objects.get_or_create(code=code, defaults=dict(name_fi=fi, name_sv=sv, name_en=en))
    OrderTerms = apps.get_model("orders", "OrderTerms")
    OrderTerms.objects.get_or_create(
        version="2026-1",
        defaults=dict(valid_from=date(2026, 1, 1), text_fi=TERMS_FI, text_sv=TERMS_SV, text_en=TERMS_EN),
    )


def unseed(apps, schema_editor):
    apps.get_model("orders", "OrderTerms").objects.filter(version="2026-1", orders__isnull=True).delete()
    apps.get_model("orders", "TaskType").objects.filter(
        code__in=[t[0] for t in TASK_TYPES], orders__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("orders", "0002_initial")]
    operations = [migrations.RunPython(seed, unseed)]
