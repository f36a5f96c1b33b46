"""The care code's declaration to the core (see portal/core/contract.py)."""

from __future__ import annotations

from celery.schedules import crontab

from portal.core.contract import BeatEntry, Navigation, ProgrammeApp, PublicRoute

PROGRAMME = ProgrammeApp(
    code="careband",
    # Staff see the programme; a relative sees the one person they follow.
    navigation=(Navigation("index"), Navigation("mine", roles=frozenset({"relative"}))),
    public_routes=(
        PublicRoute(
            "careband:join-code",
            "A relative accepts the invitation code the staff gave them; the code is the credential.",
        ),
    ),
    beat=(
        # After the night's meter files have had their time: 02:30 Beijing time.
        BeatEntry("careband-nightly", "careband.tasks.enqueue_nightly", crontab(hour=2, minute=30)),
        BeatEntry("careband-escalation", "careband.tasks.enqueue_escalation", 10 * 60.0),
    ),
    demo_after_commit="careband.demo:load",
)
