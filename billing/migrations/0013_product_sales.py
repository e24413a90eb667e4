"""Product sales: products, compensation agreements, deliveries and sales reviews; a payout line's
source is an assignment or a product delivery (exactly one), each on one live line."""

import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.math
from django.conf import settings
from django.db import migrations, models

import billing.models.product_sales


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0012_partner_invoices"),
        ("orders", "0011_client_contract_number_and_payment_term"),
        ("units", "0001_initial"),
        ("workers", "0004_accesslogentry_from_jobcenter"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SalesReview",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reviewed_on", models.DateField(verbose_name="review date")),
                ("sold", models.PositiveIntegerField(verbose_name="sold")),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                ("reorder", models.BooleanField(verbose_name="reorder")),
                ("reorder_quantity", models.PositiveIntegerField(default=0, verbose_name="reorder quantity")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
            ],
            options={
                "verbose_name": "sales review",
                "verbose_name_plural": "sales reviews",
                "ordering": ["-reviewed_on", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="payoutline",
            name="quantity",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="quantity"),
        ),
        migrations.AlterField(
            model_name="payoutline",
            name="assignment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="payout_lines",
                to="orders.assignment",
                verbose_name="assignment",
            ),
        ),
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "photo",
                    models.FileField(
                        blank=True, upload_to=billing.models.product_sales.product_photo_upload_to, verbose_name="photo"
                    ),
                ),
                ("photo_type", models.CharField(blank=True, max_length=30, verbose_name="photo type")),
                ("quantity_made", models.PositiveIntegerField(verbose_name="quantity made")),
                (
                    "material_cost",
                    models.DecimalField(
                        decimal_places=2,
                        default=0,
                        help_text="Paid from the unit's budget.",
                        max_digits=10,
                        verbose_name="material cost",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "maker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="products",
                        to="workers.worker",
                        verbose_name="maker",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="products",
                        to="units.unit",
                        verbose_name="unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "product",
                "verbose_name_plural": "products",
                "ordering": ["unit", "name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="CompensationAgreement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "compensation",
                    models.DecimalField(decimal_places=2, max_digits=10, verbose_name="compensation per product"),
                ),
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("job_coach_agreed_on", models.DateField(blank=True, null=True, verbose_name="job coach agreed on")),
                (
                    "coordinator_agreed_on",
                    models.DateField(blank=True, null=True, verbose_name="coordinator agreed on"),
                ),
                (
                    "unit_manager_agreed_on",
                    models.DateField(blank=True, null=True, verbose_name="unit manager agreed on"),
                ),
                (
                    "buyer_representative",
                    models.CharField(blank=True, max_length=200, verbose_name="buyer's representative"),
                ),
                (
                    "buyer_agreed_on",
                    models.DateField(blank=True, null=True, verbose_name="buyer's representative agreed on"),
                ),
                ("trial_ends_on", models.DateField(blank=True, null=True, verbose_name="trial period ends")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
                (
                    "buyer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orders.clientorganisation",
                        verbose_name="buyer",
                    ),
                ),
                (
                    "coordinator",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="coordinator",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "job_coach",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="job coach",
                    ),
                ),
                (
                    "unit_manager",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="unit manager",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="agreements",
                        to="billing.product",
                        verbose_name="product",
                    ),
                ),
            ],
            options={
                "verbose_name": "compensation agreement",
                "verbose_name_plural": "compensation agreements",
                "ordering": ["product", "-valid_from", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ProductDelivery",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(db_index=True, verbose_name="delivery date")),
                ("quantity", models.PositiveIntegerField(verbose_name="quantity delivered")),
                (
                    "compensation",
                    models.DecimalField(decimal_places=2, max_digits=10, verbose_name="compensation per product"),
                ),
                ("amount", models.DecimalField(decimal_places=2, max_digits=10, verbose_name="compensation due")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="deliveries",
                        to="billing.compensationagreement",
                        verbose_name="agreement",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="deliveries",
                        to="billing.product",
                        verbose_name="product",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "product delivery",
                "verbose_name_plural": "product deliveries",
                "ordering": ["product", "date", "pk"],
            },
        ),
        migrations.AddField(
            model_name="payoutline",
            name="delivery",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="payout_lines",
                to="billing.productdelivery",
                verbose_name="product delivery",
            ),
        ),
        migrations.AddConstraint(
            model_name="payoutline",
            constraint=models.UniqueConstraint(
                condition=models.Q(("released", False)), fields=("delivery",), name="payout_line_delivery_paid_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="payoutline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("assignment__isnull", False), ("delivery__isnull", True)),
                    models.Q(("assignment__isnull", True), ("delivery__isnull", False)),
                    _connector="OR",
                ),
                name="payout_line_exactly_one_source",
            ),
        ),
        migrations.AddField(
            model_name="salesreview",
            name="agreement",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="review",
                to="billing.compensationagreement",
                verbose_name="agreement",
            ),
        ),
        migrations.AddField(
            model_name="salesreview",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="recorded by",
            ),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(
                condition=models.Q(("material_cost__gte", 0)), name="product_material_cost_not_negative"
            ),
        ),
        migrations.AddConstraint(
            model_name="compensationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(("compensation__gt", 0)), name="product_agreement_compensation_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="compensationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("job_coach__isnull", True), ("job_coach_agreed_on__isnull", True)),
                    models.Q(("job_coach__isnull", False), ("job_coach_agreed_on__isnull", False)),
                    _connector="OR",
                ),
                name="product_agreement_job_coach_dated",
            ),
        ),
        migrations.AddConstraint(
            model_name="compensationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("coordinator__isnull", True), ("coordinator_agreed_on__isnull", True)),
                    models.Q(("coordinator__isnull", False), ("coordinator_agreed_on__isnull", False)),
                    _connector="OR",
                ),
                name="product_agreement_coordinator_dated",
            ),
        ),
        migrations.AddConstraint(
            model_name="compensationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("unit_manager__isnull", True), ("unit_manager_agreed_on__isnull", True)),
                    models.Q(("unit_manager__isnull", False), ("unit_manager_agreed_on__isnull", False)),
                    _connector="OR",
                ),
                name="product_agreement_unit_manager_dated",
            ),
        ),
        migrations.AddConstraint(
            model_name="compensationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("buyer_representative", ""), ("buyer_agreed_on__isnull", True)),
                    models.Q(models.Q(("buyer_representative", ""), _negated=True), ("buyer_agreed_on__isnull", False)),
                    _connector="OR",
                ),
                name="product_agreement_buyer_dated",
            ),
        ),
        migrations.AddConstraint(
            model_name="compensationagreement",
            constraint=models.UniqueConstraint(
                fields=("product", "buyer", "valid_from"), name="product_agreement_once_a_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="productdelivery",
            constraint=models.CheckConstraint(
                condition=models.Q(("quantity__gt", 0)), name="product_delivery_quantity_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="productdelivery",
            constraint=models.CheckConstraint(
                condition=models.Q(("compensation__gt", 0)), name="product_delivery_compensation_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="productdelivery",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "amount",
                        django.db.models.functions.math.Round(
                            django.db.models.expressions.CombinedExpression(
                                models.F("quantity"), "*", models.F("compensation")
                            ),
                            2,
                        ),
                    )
                ),
                name="product_delivery_amount_is_quantity_times",
            ),
        ),
        migrations.AddConstraint(
            model_name="salesreview",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("reorder", True), ("reorder_quantity__gt", 0)),
                    models.Q(("reorder", False), ("reorder_quantity", 0)),
                    _connector="OR",
                ),
                name="sales_review_reorder_has_quantity",
            ),
        ),
    ]
