"""The benchmark's process helpers: logging, ports, psql, waiting for HTTP or a quiet machine,
sampling the gunicorn workers' memory, stopping a child process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def db_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def psql(sql: str, db: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "jobcenter", "-d", db, "-tAc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - http://127.0.0.1 only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


class RssSampler(threading.Thread):
    """The largest resident memory of each gunicorn worker, sampled every second."""

    def __init__(self, master_pid: int):
        super().__init__(daemon=True)
        self.master_pid = master_pid
        self.peak: dict[int, float] = {}
        self.loads: list[float] = []  # the 1-minute load average, every second (other work shows here)
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil

        master = psutil.Process(self.master_pid)
        while not self.stop.is_set():
            for child in master.children():
                try:
                    mb = child.memory_info().rss / 1024 / 1024
                except psutil.Error:
                    continue
                self.peak[child.pid] = max(self.peak.get(child.pid, 0.0), mb)
            self.loads.append(os.getloadavg()[0])
            time.sleep(1)


def stop_process(proc: subprocess.Popen, timeout: float = 30) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def wait_until_quiet(limit: float, max_wait: float) -> dict:
    """Wait (up to `max_wait` s) until the 1-minute load average is below `limit`: times measured while
    other work runs on the same cores say little. Returns what was waited and the load found."""
    started = time.monotonic()
    load = os.getloadavg()[0]
    while load >= limit and time.monotonic() - started < max_wait:
        log(f"load average {load:.2f} >= {limit}: waiting for a quiet machine")
        time.sleep(15)
        load = os.getloadavg()[0]
    return {"limit": limit, "waited_s": round(time.monotonic() - started), "load_at_start": os.getloadavg()}
