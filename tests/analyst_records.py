"""Hand-made records of one attack told by several reports, for the analyst's tests: they go through the
real merge, reconciliation and store (ingest_records) without running the extractor."""

from __future__ import annotations

from incidentwire.model import Count, Incident, Perpetrator, Record, Report

KPO = (
    "Gunmen stormed the Karachi Police Office on Sharea Faisal on {day} evening, killing {killed} people, "
    "officials said. The Tehrik-i-Taliban Pakistan claimed the siege of the police headquarters compound."
)
PESHAWAR = (
    "A suicide bomber blew himself up inside a crowded mosque in the Peshawar police lines, killing "
    "{killed} worshippers during prayers, hospital officials said."
)


def kpo_record(
    report_id: str, killed: int, published: str = "2023-02-18", day: str = "Friday", text: str = KPO
) -> Record:
    incident = Incident(
        id=f"inc-{report_id}",
        date="2023-02-17",
        date_precision="day",
        country="Pakistan",
        admin1="Sindh",
        city="Karachi",
        latitude=24.86,
        longitude=67.01,
        geo_precision="site",
        site="Karachi Police Office",
        perpetrators=[Perpetrator(name="Tehrik-i-Taliban Pakistan (TTP)", claimed=True, responsibility="claimed")],
        attack_types=["Armed Assault"],
        target_types=["Police"],
        weapon_types=["Firearms"],
        suicide=False,
        killed=Count.of(killed),
    )
    return Record(
        report=Report(id=report_id, published=published, text=text.format(day=day, killed=killed)), incidents=[incident]
    )


def peshawar_record(report_id: str, killed: int, published: str = "2023-01-31") -> Record:
    incident = Incident(
        id=f"inc-{report_id}",
        date="2023-01-30",
        date_precision="day",
        country="Pakistan",
        admin1="Khyber Pakhtunkhwa",
        city="Peshawar",
        latitude=34.0,
        longitude=71.57,
        geo_precision="city",
        attack_types=["Bombing/Explosion"],
        target_types=["Police"],
        weapon_types=["Explosives"],
        suicide=True,
        killed=Count.of(killed),
    )
    return Record(
        report=Report(id=report_id, published=published, text=PESHAWAR.format(killed=killed)), incidents=[incident]
    )


def kpo_stream(count: int) -> list[Record]:
    """`count` more reports of the KPO siege, one a minute apart in arrival, each with its own figure."""
    return [
        kpo_record(
            f"k{n}",
            4 + n % 9,
            "2023-02-18",
            text=KPO + f" Update {n}: the {{day}} toll stood at {{killed}} in report number {1000 + n}.",
        )
        for n in range(count)
    ]


if __name__ == "__main__":  # python analyst_records.py URL COUNT: ingests the stream one report per batch
    import sys

    from incidentwire.ingest import ingest_records
    from incidentwire.store import open_store

    store = open_store(sys.argv[1])
    ingest_records(store, kpo_stream(int(sys.argv[2])), batch_size=1)
    store.close()
