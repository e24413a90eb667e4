# The client's cancellation of a gig: whether it was the client's and late, the charge frozen on the
# gig, each worker's minimum pay frozen on her assignment, and the history's two new events.

from django.db import migrations, models

DECIMAL = {"null": True, "blank": True}


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0020_attendance"),
    ]

    operations = [
        migrations.AddField(
            model_name="gig",
            name="cancelled_by_client",
            field=models.BooleanField(default=False, verbose_name="cancelled by the client"),
        ),
        migrations.AddField(
            model_name="gig",
            name="cancelled_late",
            field=models.BooleanField(default=False, verbose_name="cancelled late"),
        ),
        migrations.AddField(
            model_name="gig",
            name="cancellation_charge_hours",
            field=models.DecimalField(
                decimal_places=2, max_digits=6, verbose_name="cancellation charge, hours", **DECIMAL
            ),
        ),
        migrations.AddField(
            model_name="gig",
            name="cancellation_charge_unit_price",
            field=models.DecimalField(
                decimal_places=2, max_digits=8, verbose_name="cancellation charge, price per hour", **DECIMAL
            ),
        ),
        migrations.AddField(
            model_name="gig",
            name="cancellation_charge",
            field=models.DecimalField(
                decimal_places=2, max_digits=10, verbose_name="cancellation charge, VAT 0 %", **DECIMAL
            ),
        ),
        migrations.AddField(
            model_name="assignment",
            name="cancellation_pay_hours",
            field=models.DecimalField(
                decimal_places=2, max_digits=5, verbose_name="minimum pay of a cancelled gig, hours", **DECIMAL
            ),
        ),
        migrations.AddField(
            model_name="assignment",
            name="cancellation_pay_rate",
            field=models.DecimalField(
                decimal_places=2, max_digits=8, verbose_name="minimum pay of a cancelled gig, pay per hour", **DECIMAL
            ),
        ),
        migrations.AddField(
            model_name="assignment",
            name="cancellation_pay",
            field=models.DecimalField(
                decimal_places=2, max_digits=10, verbose_name="minimum pay of a cancelled gig", **DECIMAL
            ),
        ),
        migrations.AddConstraint(
            model_name="gig",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("cancellation_charge__isnull", True),
                    models.Q(("cancelled_at__isnull", False), ("cancelled_late", True)),
                    _connector="OR",
                ),
                name="gig_charge_only_when_cancelled_late",
            ),
        ),
    ]
