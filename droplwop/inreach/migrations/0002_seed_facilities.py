"""Seed the facility table from data/cdcr-facilities.csv: only addresses the research sourced."""

from django.db import migrations


def seed(apps, schema_editor):
    from droplwop.inreach.facility_data import seed as seed_from_csv

    seed_from_csv(apps.get_model("inreach", "Facility"), apps.get_model("inreach", "FacilityMailAddress"))


class Migration(migrations.Migration):
    dependencies = [("inreach", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
