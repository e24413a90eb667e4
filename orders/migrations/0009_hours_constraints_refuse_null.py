# A CHECK passes when its condition is unknown, and "NULL > 0" is unknown: done or approved work
# without any reported (or approved) hours got through. The constraints now say "not null" too.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0008_state_constraints_from_the_groups"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="assignment",
            name="assignment_done_has_hours",
        ),
        migrations.RemoveConstraint(
            model_name="assignment",
            name="assignment_approved_has_hours",
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["done", "approved"]), _negated=True),
                    models.Q(("reported_hours__gt", 0), ("reported_hours__isnull", False)),
                    _connector="OR",
                ),
                name="assignment_done_has_hours",
            ),
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["approved"]), _negated=True),
                    models.Q(("approved_hours__gt", 0), ("approved_hours__isnull", False)),
                    _connector="OR",
                ),
                name="assignment_approved_has_hours",
            ),
        ),
    ]
