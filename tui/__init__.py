"""wiredesk: a terminal news desk for wire services."""
