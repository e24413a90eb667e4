from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("orders", "0025_gig_series")]

    operations = []
