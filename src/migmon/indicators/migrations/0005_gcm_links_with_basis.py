"""The objective ↔ target links become GcmLink rows with a basis and a strength.

Django cannot add ``through=`` to an existing many-to-many field, so the links are copied into the new table,
the old field is dropped and the field comes back on the new table. The copied links are "general" with no
basis until ``load_framework`` (run by ``bootstrap``) reads gcm_sdg_targets.csv again.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    objective_model = apps.get_model("indicators", "GcmObjective")
    link_model = apps.get_model("indicators", "GcmLink")
    old = objective_model.targets.through.objects.values_list("gcmobjective_id", "target_id")
    link_model.objects.bulk_create(link_model(objective_id=o, target_id=t) for o, t in old)


def copy_back(apps, schema_editor):
    objective_model = apps.get_model("indicators", "GcmObjective")
    link_model = apps.get_model("indicators", "GcmLink")
    through = objective_model.targets.through
    through.objects.bulk_create(
        through(gcmobjective_id=o, target_id=t) for o, t in link_model.objects.values_list("objective_id", "target_id")
    )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_history_of_replaced_values")]

    operations = [
        migrations.CreateModel(
            name="GcmLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "strength",
                    models.CharField(
                        choices=[("specific", "Specific"), ("general", "General")],
                        default="general",
                        max_length=10,
                        verbose_name="strength",
                    ),
                ),
                (
                    "basis",
                    models.TextField(
                        blank=True, help_text="The grounds of the link (see SOURCES.md).", verbose_name="basis"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("file", "Curated file (gcm_sdg_targets.csv)"),
                            ("editorial", "Edited by a data manager"),
                        ],
                        default="file",
                        max_length=10,
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "indicator",
                    models.ForeignKey(
                        blank=True,
                        help_text="The target's indicator the basis names, if it names one.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="gcm_links",
                        to="indicators.indicator",
                    ),
                ),
                (
                    "objective",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="links", to="indicators.gcmobjective"
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="gcm_links", to="indicators.target"
                    ),
                ),
            ],
            options={
                "verbose_name": "GCM link",
                "verbose_name_plural": "GCM links",
                "ordering": ["objective__number", "-strength", "target__sort_key"],
                "constraints": [models.UniqueConstraint(fields=("objective", "target"), name="gcm_link_unique")],
            },
        ),
        migrations.RunPython(copy_links, copy_back),
        migrations.RemoveField(model_name="gcmobjective", name="targets"),
        migrations.AddField(
            model_name="gcmobjective",
            name="targets",
            field=models.ManyToManyField(
                blank=True, related_name="gcm_objectives", through="indicators.GcmLink", to="indicators.target"
            ),
        ),
    ]
