"""Second half of 0003: every Notification has its delivery now; the old columns go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("alliance", "0003_notification_delivery"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="delivery",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="notifications.delivery"
            ),
        ),
        migrations.RemoveField(model_name="notification", name="address"),
        migrations.RemoveField(model_name="notification", name="backend"),
        migrations.RemoveField(model_name="notification", name="body"),
        migrations.RemoveField(model_name="notification", name="channel"),
        migrations.RemoveField(model_name="notification", name="error"),
        migrations.RemoveField(model_name="notification", name="sent_at"),
    ]
