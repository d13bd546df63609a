"""Getting feeds: sources, HTTP polling, parsing, decompression, and the demo replay."""
