"""The people-sized side of meter data: the grid's places and meters, and the import catalogue.

Readings themselves live in the columnar store (``portal.meters.store``): these tables say what the
readings are about and where every batch of them came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import AuditedModel, TenantOwnedModel


class Feeder(TenantOwnedModel):
    """A 10 kV feeder / line (线路) supplying transformer areas."""

    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    substation = models.CharField(_("substation"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="feeder_unique_code")]
        verbose_name = _("feeder")
        verbose_name_plural = _("feeders")

    def __str__(self) -> str:
        return self.name


class Village(TenantOwnedModel):
    """A village (村) or urban community (社区), with its township or street (乡镇/街道)."""

    class Kind(models.TextChoices):
        VILLAGE = "village", _("Village")
        COMMUNITY = "community", _("Community")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.VILLAGE)
    township = models.CharField(_("township / street"), max_length=100)
    district = models.CharField(_("district"), max_length=40, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["township", "name"]
        constraints = [models.UniqueConstraint(fields=["tenant", "township", "name"], name="village_unique_name")]
        verbose_name = _("village or community")
        verbose_name_plural = _("villages and communities")

    def __str__(self) -> str:
        return f"{self.township}{self.name}"


class TransformerArea(TenantOwnedModel):
    """A transformer area (台区): the users behind one distribution transformer and its area meter."""

    code = models.CharField(_("area code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    capacity_kva = models.PositiveIntegerField(_("capacity (kVA)"), null=True, blank=True)
    feeder = models.ForeignKey(
        Feeder, verbose_name=_("feeder"), null=True, blank=True, on_delete=models.SET_NULL, related_name="areas"
    )
    supply_meter_no = models.CharField(_("area meter number"), max_length=40, blank=True)
    village = models.ForeignKey(
        Village,
        verbose_name=_("village or community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="area_unique_code")]
        verbose_name = _("transformer area")
        verbose_name_plural = _("transformer areas")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Meter(AuditedModel):
    class CustomerType(models.TextChoices):
        RESIDENTIAL = "residential", _("Residential")
        COMMERCIAL = "commercial", _("Commercial")
        AGRICULTURAL = "agricultural", _("Agricultural")
        INDUSTRIAL = "industrial", _("Industrial")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In service")
        SUSPENDED = "suspended", _("Suspended")
        REMOVED = "removed", _("Removed")

    personal_fields = {"customer_name": "name", "account_no": "account", "address": "address"}

    meter_no = models.CharField(_("meter number"), max_length=40)
    account_no = models.CharField(_("customer account"), max_length=40, blank=True)
    customer_name = models.CharField(_("customer name"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    customer_type = models.CharField(
        _("customer type"), max_length=16, choices=CustomerType.choices, default=CustomerType.RESIDENTIAL
    )
    area = models.ForeignKey(
        TransformerArea,
        verbose_name=_("transformer area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meters",
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("village or community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meters",
    )
    grid_cell = models.CharField(_("grid cell"), max_length=60, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)

    class Meta:
        ordering = ["meter_no"]
        constraints = [models.UniqueConstraint(fields=["tenant", "meter_no"], name="meter_unique_number")]
        verbose_name = _("meter")
        verbose_name_plural = _("meters")

    def __str__(self) -> str:
        return self.meter_no


class MeterMove(TenantOwnedModel):
    """A meter moved from one transformer area to another: its area history, dated.

    Readings are keyed by meter number, so a move changes nothing in the store; this row says from
    which day the meter's use belongs to its new area."""

    meter = models.ForeignKey(Meter, verbose_name=_("meter"), on_delete=models.CASCADE, related_name="moves")
    from_area = models.ForeignKey(
        TransformerArea,
        verbose_name=_("from area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_area = models.ForeignKey(
        TransformerArea, verbose_name=_("to area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_on = models.DateField(_("moved on"))
    batch = models.ForeignKey(
        "meters.ImportBatch",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["meter", "-moved_on", "-id"]
        indexes = [models.Index(fields=["tenant", "meter", "moved_on"])]
        verbose_name = _("meter move")
        verbose_name_plural = _("meter moves")

    def __str__(self) -> str:
        return f"{self.meter_id} {self.moved_on}"


class Dataset(models.TextChoices):
    METER_DAILY = "meter_daily", _("Daily consumption per meter (kWh)")
    AREA_DAILY = "area_daily", _("Daily energy supplied per transformer area (kWh)")
    INTERVAL = "interval", _("Interval load (kW)")
    REGISTER_AREAS = "register_areas", _("Register: transformer areas")
    REGISTER_METERS = "register_meters", _("Register: meters")


REGISTER_DATASETS = (Dataset.REGISTER_AREAS, Dataset.REGISTER_METERS)
READING_DATASETS = (Dataset.METER_DAILY, Dataset.AREA_DAILY, Dataset.INTERVAL)


class ImportBatch(TenantOwnedModel):
    """One file brought into the meter store, whichever door it came through."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Browser upload")
        API = "api", _("API")
        COMMAND = "command", _("File drop (command)")
        GENERATOR = "generator", _("Synthetic data generator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        COMMITTED = "committed", _("Imported")
        UNCHANGED = "unchanged", _("Already imported (no change)")
        REJECTED = "rejected", _("Rejected")
        FAILED = "failed", _("Failed")

    class OnError(models.TextChoices):
        KEEP_GOOD = "keep_good", _("Keep the good rows")
        REJECT_ALL = "reject_all", _("Refuse the whole file")

    dataset = models.CharField(_("data set"), max_length=16, choices=Dataset.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    on_error = models.CharField(_("on bad rows"), max_length=12, choices=OnError.choices, default=OnError.KEEP_GOOD)
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("original file"), upload_to="meter-imports/%Y/%m/")
    checksum = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_accepted = models.PositiveIntegerField(_("rows accepted"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    rows_replaced = models.PositiveIntegerField(_("values replaced"), default=0)
    # Register imports: rows that created a new area or meter, changed an existing one, moved a meter.
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    meters_moved = models.PositiveIntegerField(_("meters moved"), default=0)
    date_from = models.DateField(_("first day"), null=True, blank=True)
    date_to = models.DateField(_("last day"), null=True, blank=True)
    report_file = models.FileField(_("error report"), upload_to="meter-imports/reports/%Y/%m/", blank=True)
    message = models.TextField(_("message"), blank=True)
    # Which earlier batches this one overwrote values of, and how many: {"<batch id>": n}.
    replaced = models.JSONField(_("replaced values"), default=dict, blank=True)
    job_run = models.ForeignKey("jobs.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.get_dataset_display()} · {self.original_name}"

    @property
    def is_register(self) -> bool:
        return self.dataset in REGISTER_DATASETS
