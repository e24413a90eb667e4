"""The unemployment benefit's "every euro reduces it" rule counts the earnings of a payment period
(a month, or four weeks), like the protected amount before it. 0002 first seeded it without a
period; this fixes databases migrated with that version (0002 itself now seeds the two rows)."""

from django.db import migrations

KELA_NOTE = "The protected amount was abolished: every euro earned reduces the benefit by 50 cents."


def forwards(apps, schema_editor):
    BenefitRule = apps.get_model("benefits", "BenefitRule")
    old = BenefitRule.objects.filter(benefit="unemployment_benefit", kind="reduction_per_euro", period="none")
    for rule in old:
        for period in ("month", "four_weeks"):
            BenefitRule.objects.get_or_create(
                benefit=rule.benefit,
                kind=rule.kind,
                period=period,
                valid_from=rule.valid_from,
                defaults={
                    "valid_to": rule.valid_to,
                    "reduction_rate": rule.reduction_rate,
                    "source": rule.source,
                    "note": rule.note or KELA_NOTE,
                },
            )
        rule.delete()


class Migration(migrations.Migration):
    dependencies = [("benefits", "0002_seed_benefit_rules")]

    # Backwards there is nothing to undo: the two rows are what 0002 seeds now.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
