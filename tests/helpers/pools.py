"""An executor that runs its jobs in threads and notes each job's function: where a test needs to see what a
process pool was given (the fold of a one-shot fetch), without the processes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


class NotingPool(ThreadPoolExecutor):
    def __init__(self) -> None:
        super().__init__(2)
        self.jobs: list[str] = []  # the functions submitted, by name, in order

    def submit(self, fn, /, *args, **kwargs):
        self.jobs.append(fn.__name__)
        return super().submit(fn, *args, **kwargs)
