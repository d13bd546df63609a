"""Pure rules of the desk: datelines, places, items, grouping, bodies, alerts, times, language, feeds."""
