from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0013_translated_task_types_and_terms")]

    operations = [
        migrations.AddField(
            model_name="feedback",
            name="may_quote",
            field=models.BooleanField(
                default=False,
                help_text="The client allows the worker to show these words to future employers in the gig CV.",
                verbose_name="may be quoted in the worker's CV",
            ),
        ),
    ]
