"""Task types and order terms translated with django-modeltranslation (orders/translation.py).

The model now has one `name` (and one `text`); modeltranslation adds `name_fi`, `name_sv`,
`name_en` (`text_*`), the very columns that held the three languages before, now nullable as it
makes them. The new base column gets the Finnish value; a Swedish or English name left empty is
filled from the names seeded with the first version, where the seed knows the type.
"""

from django.db import migrations, models

# The seeded names and terms (orders/migrations/0003_seed_task_types_and_terms.py): code -> (sv, en).
SEEDED_NAMES = {
    "cleaning": ("Städning", "Cleaning"),
    "safety-phone-cleaning": ("Rengöring av trygghetstelefoner", "Cleaning safety phones"),
    "window-washing": ("Fönstertvätt", "Window washing"),
    "mailing": ("Postning", "Mailing"),
    "floorball-mats": ("Läggning av innebandymattor", "Laying floorball court mats"),
    "storage-clean-up": ("Städning av förråd", "Storage clean-up"),
    "move-packing": ("Packning inför flytt", "Packing for a move"),
    "thesis-archiving": ("Arkivering av lärdomsprov", "Archiving theses"),
    "resident-folders": ("Sammanställning av invånarmappar", "Assembling resident folders"),
    "assisting-elderly": ("Hjälp åt äldre", "Assisting elderly people"),
    "sewing": ("Sömnad", "Sewing"),
    "handicrafts": ("Hantverk", "Handicrafts"),
}


def _seeded_terms() -> tuple[str, str]:
    from importlib import import_module

    seed = import_module("orders.migrations.0003_seed_task_types_and_terms")
    return seed.TERMS_SV, seed.TERMS_EN


def fill(apps, schema_editor):
    TaskType = apps.get_model("orders", "TaskType")
    for task in TaskType.objects.all():
        sv, en = SEEDED_NAMES.get(task.code, ("", ""))
        task.name = task.name_fi or ""
        task.name_sv = task.name_sv or sv
        task.name_en = task.name_en or en
        task.save(update_fields=["name", "name_sv", "name_en"])
    OrderTerms = apps.get_model("orders", "OrderTerms")
    terms_sv, terms_en = _seeded_terms()
    for terms in OrderTerms.objects.all():
        terms.text = terms.text_fi or ""
        if terms.version == "2026-1":
            terms.text_sv = terms.text_sv or terms_sv
            terms.text_en = terms.text_en or terms_en
        terms.save(update_fields=["text", "text_sv", "text_en"])


def unfill(apps, schema_editor):
    """Back to three NOT NULL columns: an empty language is "" again, Finnish from the base column."""
    TaskType = apps.get_model("orders", "TaskType")
    for task in TaskType.objects.all():
        task.name_fi = task.name_fi or task.name
        task.name_sv = task.name_sv or ""
        task.name_en = task.name_en or ""
        task.save(update_fields=["name_fi", "name_sv", "name_en"])
    OrderTerms = apps.get_model("orders", "OrderTerms")
    for terms in OrderTerms.objects.all():
        terms.text_fi = terms.text_fi or terms.text
        terms.text_sv = terms.text_sv or ""
        terms.text_en = terms.text_en or ""
        terms.save(update_fields=["text_fi", "text_sv", "text_en"])


class Migration(migrations.Migration):
    dependencies = [("orders", "0012_history_event_codes")]

    operations = [
        migrations.AddField(
            model_name="tasktype",
            name="name",
            field=models.CharField(default="", max_length=120, verbose_name="name"),
            preserve_default=False,
        ),
        *(
            migrations.AlterField(
                model_name="tasktype",
                name=f"name_{language}",
                field=models.CharField(max_length=120, null=True, verbose_name="name"),
            )
            for language in ("fi", "sv", "en")
        ),
        migrations.AddField(
            model_name="orderterms",
            name="text",
            field=models.TextField(default="", verbose_name="text"),
            preserve_default=False,
        ),
        *(
            migrations.AlterField(
                model_name="orderterms",
                name=f"text_{language}",
                field=models.TextField(null=True, verbose_name="text"),
            )
            for language in ("fi", "sv", "en")
        ),
        migrations.RunPython(fill, unfill),
    ]
