"""Build 8 incident reports per family with incidents and count: timelines starting 20:00-06:00 for a variant that is
not a night event, and 'a handler kicked' / participle inversions."""

import random
import re
from datetime import date

from synthcomp_agents.computers.archetypes import ArchetypeContext, build_artifact

fams = [
    "nursing_care",
    "medicine",
    "it_administration",
    "agriculture_farming",
    "manufacturing_quality",
    "hospitality_events",
    "skilled_trades",
]
night = inverted = n = 0
for fam in fams:
    for seed in range(8):
        ctx = ArchetypeContext(
            owner_name="Tom Olsen",
            owner_role="lead",
            organisation="Olsen Ltd",
            topic="Safety",
            created=date(2025, 10, 3),
            rng=random.Random(seed),
            family=fam,
            life_stage="employee",
        )
        t = str(build_artifact("incident_report", ctx).spec)
        n += 1
        hours = [int(h) for h in re.findall(r"'([012]\d)[:.]\d\d'", t)]
        if hours and (hours[0] >= 20 or hours[0] < 6) and "at night" not in t:
            night += 1
        if re.search(r"a handler kicked|press 2 found running|a phishing link clicked by", t):
            inverted += 1
print({"incident_reports": n, "night_time_on_day_work": night, "inverted_agent_patient": inverted})
