"""The write turn of a SQLite file: one holder at a time across threads and processes."""

import multiprocessing
import threading
import time

from droplwop.core.sqlite_writer import writing


def _add_slowly(path: str, counter, times: int) -> None:
    for _ in range(times):
        with writing(path):
            value = int(counter.read_text() or 0)
            time.sleep(0.001)  # a writer that is not atomic on its own
            counter.write_text(str(value + 1))


def test_processes_forked_after_the_parent_held_it_take_turns(tmp_path):
    path, counter = str(tmp_path / "db.sqlite3"), tmp_path / "counter"
    counter.write_text("0")
    with writing(path):  # the parent's descriptor exists before the fork
        pass
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=_add_slowly, args=(path, counter, 40)) for _ in range(3)]
    for child in children:
        child.start()
    _add_slowly(path, counter, 40)
    for child in children:
        child.join(timeout=60)

    assert [child.exitcode for child in children] == [0, 0, 0]
    assert counter.read_text() == "160"


def test_threads_take_turns_and_a_holder_may_enter_again(tmp_path):
    path, counter = str(tmp_path / "db.sqlite3"), tmp_path / "counter"
    counter.write_text("0")
    threads = [threading.Thread(target=_add_slowly, args=(path, counter, 30)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with writing(path), writing(path):
        counter.write_text(str(int(counter.read_text()) + 1))
    assert counter.read_text() == "121"
    # Released by the outer block: another process gets it at once.
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_add_slowly, args=(path, counter, 1))
    child.start()
    child.join(timeout=10)
    assert counter.read_text() == "122"
