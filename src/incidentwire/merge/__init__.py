"""Many reports, one incident: is a reading the same event as a stored incident, and what do they say together."""
