# The state constraints are built from the groups of orders.states. An order's acceptance time is
# now required in `closed` too (an order is closed only after it was invoiced, so it was accepted);
# approved hours are required in the billable states (today: approved), written as a list.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0007_search_trigram_indexes"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="assignment",
            name="assignment_approved_has_hours",
        ),
        migrations.RemoveConstraint(
            model_name="order",
            name="order_accepted_has_acceptance_time",
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["approved"]), _negated=True), ("approved_hours__gt", 0), _connector="OR"
                ),
                name="assignment_approved_has_hours",
            ),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        (
                            "status__in",
                            ["terms_accepted", "staffing", "scheduled", "done", "approved", "invoiced", "closed"],
                        ),
                        _negated=True,
                    ),
                    ("terms_accepted_at__isnull", False),
                    _connector="OR",
                ),
                name="order_accepted_has_acceptance_time",
            ),
        ),
    ]
