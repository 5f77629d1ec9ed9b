"""REPORTING_TYPE joins the observation key (issue 10, item 3): a national and a global value are both kept.

Every observation stored before this migration is global (``G``): the bundled UN Global SDG Database extracts
are the UN's own figures; UN DESA's International Migrant Stock is an estimate of the UN Population Division
(an international series, not a country's report: see data/undesa-migrant-stock-*/PROVENANCE.md); the 10.7.3
series derived from IOM's Missing Migrants register is IOM's global monitoring data, the custodian's own figure
in the UN Global SDG Database. Before this migration a national file replaced those values; there is none to
recover, so the default says what the stored rows are.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('geo', '0003_area_names_source'),
        ('indicators', '0006_provisional_periods'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='observation',
            name='observation_key',
        ),
        migrations.RemoveIndex(
            model_name='observationrevision',
            name='rev_key',
        ),
        migrations.AddField(
            model_name='observation',
            name='reporting_type',
            field=models.CharField(choices=[('G', 'Global'), ('N', 'National'), ('R', 'Regional')], default='G', help_text='Who reported it.', max_length=1),
        ),
        migrations.AddField(
            model_name='observationrevision',
            name='reporting_type',
            field=models.CharField(choices=[('G', 'Global'), ('N', 'National'), ('R', 'Regional')], default='G', max_length=1),
        ),
        migrations.AddIndex(
            model_name='observationrevision',
            index=models.Index(fields=['series', 'area', 'period', 'dimensions', 'reporting_type'], name='rev_key'),
        ),
        migrations.AddConstraint(
            model_name='observation',
            constraint=models.UniqueConstraint(fields=('series', 'area', 'period', 'dimensions', 'reporting_type'), name='observation_key'),
        ),
    ]
