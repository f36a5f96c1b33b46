"""Requester updates are delivered by the core notifications package: each Notification keeps its
request and status event and points to a notifications.Delivery, which now holds channel, address,
text and the delivery state. Existing rows are carried over as deliveries sent or failed; 0004 then
drops the old columns (in its own transaction: PostgreSQL will not alter a table with the rows just
written and their constraint checks still pending)."""

import django.db.models.deletion
from django.db import migrations, models


def to_deliveries(apps, schema_editor):
    Notification = apps.get_model("alliance", "Notification")
    Delivery = apps.get_model("notifications", "Delivery")
    for notification in Notification.objects.all().iterator():
        sent = notification.sent_at is not None
        delivery = Delivery.objects.create(
            tenant_id=notification.tenant_id,
            programme="alliance",
            key=f"alliance.update.{notification.event_id}" if notification.event_id else f"alliance.notification.{notification.pk}",
            channel=notification.channel,
            address=notification.address,
            body=notification.body,
            status="sent" if sent else "failed",
            attempts=1,
            attempted_at=notification.sent_at or notification.created_at,
            last_error=notification.error if not sent else "",
            backend=notification.backend[:40],
            sent_at=notification.sent_at,
        )
        Notification.objects.filter(pk=notification.pk).update(delivery=delivery)


def from_deliveries(apps, schema_editor):
    Notification = apps.get_model("alliance", "Notification")
    for notification in Notification.objects.select_related("delivery").iterator():
        delivery = notification.delivery
        Notification.objects.filter(pk=notification.pk).update(
            channel=delivery.channel,
            address=delivery.address,
            body=delivery.body,
            backend=delivery.backend,
            sent_at=delivery.sent_at,
            error=delivery.last_error,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("alliance", "0002_notification_event"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="delivery",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="notifications.delivery",
            ),
        ),
        migrations.RunPython(to_deliveries, from_deliveries),
    ]
