"""A desk that lives for days leaves cleanly when its terminal goes away, however it was started.

Under `make run`, make leads the terminal's session and catches the hang-up itself: when the pane
closes, the desk gets no SIGHUP, and every read of its dead terminal returns end-of-file at once,
so Textual's input thread spins at 100% of a core while the desk holds its lock. Here a hang-up,
end-of-file or I/O error on the terminal becomes the SIGHUP the kernel would have sent, and
SIGHUP and SIGTERM become one orderly exit: the saves in flight finish, the app closes, and the
`with` blocks around it release the desk lock and remove the demo's temporary cache.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import termios
import threading
from contextlib import suppress
from queue import Queue
from types import FrameType
from typing import TYPE_CHECKING, Any

from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from tui.ui.app import WireDesk

LEAVING = (signal.SIGHUP, signal.SIGTERM)
SAVING = ("marks", "settings")  # WireDesk's worker groups that write what the reader did
SAVE_WAIT = 3.0  # seconds the saves in flight may take before the desk leaves anyway


class _Terminal:
    """The stream Textual's writer thread writes to. A write to a terminal that hung up is
    dropped: it would end the thread, and the desk would then block on the thread's full queue."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> None:
        with suppress(OSError):
            self._stream.write(text)

    def flush(self) -> None:
        with suppress(OSError):
            self._stream.flush()

    def fileno(self) -> int:
        return self._stream.fileno()


class DeskDriver(LinuxDriver):
    """Textual's Linux driver, which also notices when the terminal is gone."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._file = _Terminal(self._file)  # type: ignore[assignment]  # the writer needs only these three
        self._gone = threading.Lock()
        self._stop_watch: int | None = None

    def start_application_mode(self) -> None:
        super().start_application_mode()
        if self._stop_watch is None:  # once: resuming from a suspend starts application mode again
            wake, self._stop_watch = os.pipe()
            threading.Thread(target=self._watch, args=(wake,), name="wiredesk-hangup", daemon=True).start()

    def close(self) -> None:
        super().close()
        if self._stop_watch is not None:
            os.close(self._stop_watch)  # end-of-file on the pipe ends the watch
            self._stop_watch = None

    def give_back(self, interrupted: FrameType | None) -> None:
        """The terminal as the desk found it, at once (cooked, the main screen, the cursor shown), with what
        was written before it: for a desk about to be killed, from a signal handler that `interrupted` the
        main thread. Nothing before the app took the terminal, or once it gave it back itself (the writer
        thread is gone then)."""
        writer = self._writer_thread
        if writer is None or not writer.is_alive():
            return
        if _putting(interrupted):  # the main thread may hold the writer's queue, and would wait on itself
            if self.attrs_before is not None:
                with suppress(termios.error):
                    termios.tcsetattr(self.fileno, termios.TCSANOW, self.attrs_before)  # cooked, at least
            return
        self.stop_application_mode()  # termios restored; the screen's way back queued behind what was written
        self.close()  # the writer writes all of it and ends

    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        except OSError:  # EIO: a terminal gone or no longer ours; EAGAIN: the empty pipe put in its place
            self.terminal_gone()

    def _watch(self, wake: int) -> None:
        """Sleep until the terminal hangs up: poll reports a hang-up or error whatever it is asked for."""
        watch = select.poll()
        watch.register(self.fileno, 0)
        watch.register(wake, select.POLLIN)
        try:
            if any(fd == self.fileno for fd, _ in watch.poll()):
                self.terminal_gone()
        finally:
            os.close(wake)

    def terminal_gone(self) -> None:
        """Let go of the dead terminal, then hang up as the kernel would have."""
        if not self._gone.acquire(blocking=False):
            return  # the watch and the input thread may both see it
        # An empty pipe in, /dev/null out: the input thread idles instead of reading end-of-file
        # forever, and the way out writes nowhere instead of failing on a dead terminal. The pipe
        # does not block: the input thread may be about to read what it saw on the terminal.
        silent, never = os.open(os.devnull, os.O_WRONLY), os.pipe2(os.O_NONBLOCK)
        os.dup2(never[0], self.fileno)
        for fd in (1, 2):
            os.dup2(silent, fd)
        os.close(silent)
        os.close(never[0])  # its write end stays open, so the pipe never reaches end-of-file
        os.kill(os.getpid(), signal.SIGHUP)


def _putting(frame: FrameType | None) -> bool:
    """Whether a thread stopped at `frame` is inside a queue's put (a frame drawn, on its way to the writer)."""
    while frame is not None:
        if frame.f_code is Queue.put.__code__:
            return True
        frame = frame.f_back
    return False


class Lifeline:
    """Around the desk's whole run: SIGHUP and SIGTERM end it in order.

    While the app runs they close it as `q` would, once the saves in flight are done; before or
    after, they raise SystemExit, so the `with` blocks around the run still clean up. A second
    SIGTERM during that exit ends the desk at once, after writing the reader's marks and giving the
    terminal back."""

    def __init__(self) -> None:
        self.app: WireDesk | None = None
        self._leaving = False
        self._before: dict[int, Any] = {}  # the handlers to put back
        self._task: asyncio.Task | None = None  # held, or the loop may collect the exit half-way

    def __enter__(self) -> Lifeline:
        self._before = {sig: signal.signal(sig, self._signalled) for sig in LEAVING}
        signal.pthread_sigmask(signal.SIG_UNBLOCK, LEAVING)  # a launcher may have blocked them
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self._before.items():
            signal.signal(sig, handler)

    def run(self, app: WireDesk) -> None:
        if app.driver_class is LinuxDriver:  # not a headless or web driver chosen by the environment
            app.driver_class = DeskDriver
        self.app = app
        try:
            app.run()
        finally:
            self.app = None

    def _signalled(self, signum: int, frame) -> None:
        if signum == signal.SIGTERM and self._leaving:
            # A second SIGTERM insists, whatever holds the desk up (hang-ups come in pairs: the kernel's
            # and the driver's). The reader's marks are written first, a save in flight let finish; the
            # desk lock goes with the process, as every lock the kernel holds for it does. Killed, it would
            # leave the terminal raw and on the alternate screen: the driver gives it back first.
            if self.app is not None:
                self.app.write_marks_now(SAVE_WAIT)
                if isinstance(driver := self.app._driver, DeskDriver):
                    driver.give_back(frame)
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise SystemExit(128 + signum) from None
        if self.app is not None and not self._leaving:
            self._leaving = True  # here, not on the loop: a second SIGTERM a moment later already insists
            loop.call_soon_threadsafe(self._leave, self.app, 128 + signum)

    def _leave(self, app: WireDesk, code: int) -> None:
        self._task = asyncio.get_running_loop().create_task(self._save_and_exit(app, code))

    @staticmethod
    async def _save_and_exit(app: WireDesk, code: int) -> None:
        saving = [worker for worker in app.workers if worker.group in SAVING]
        if saving:  # an empty list would wait for every worker, the endless poller too
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(app.workers.wait_for_complete(saving), SAVE_WAIT)
        app.exit(return_code=code)
