"""The wait before a retry, as Airflow 3's TaskInstance.next_retry_datetime computes it.

Written from airflow-core/src/airflow/models/taskinstance.py (next_retry_datetime) and run by
Python itself, so that str() of the logical date, SHA-1, big integers and float rounding are
Python's own. One case per line on stdin, tab-separated:
dag_id, task_id, logical date (ISO 8601, UTC), try number, retry_delay and max_retry_delay in
microseconds (0: none), exponential backoff (1/0). Prints the delay in microseconds, one per line.
"""
import hashlib
import math
import sys
from datetime import datetime, timedelta

MAX_RETRY_DELAY = 24 * 60 * 60  # [core] max_task_retry_delay's default


def next_retry_delay(dag_id, task_id, logical_date, try_number, delay, max_retry_delay, backoff):
    if not backoff:
        return delay
    try:
        min_backoff = math.ceil(delay.total_seconds() * (2 ** (try_number - 1)))
    except OverflowError:
        min_backoff = MAX_RETRY_DELAY
    if min_backoff < 1:
        min_backoff = 1
    ti_hash = int(
        hashlib.sha1(f"{dag_id}#{task_id}#{logical_date}#{try_number}".encode()).hexdigest(), 16
    )
    modded_hash = min_backoff + ti_hash % min_backoff
    wait = timedelta(seconds=min(modded_hash, MAX_RETRY_DELAY))
    if max_retry_delay:
        wait = min(max_retry_delay, wait)
    return wait


for line in sys.stdin:
    dag_id, task_id, iso, try_number, delay_us, max_us, backoff = line.rstrip("\n").split("\t")
    wait = next_retry_delay(
        dag_id,
        task_id,
        datetime.fromisoformat(iso),
        int(try_number),
        timedelta(microseconds=int(delay_us)),
        timedelta(microseconds=int(max_us)) if int(max_us) else None,
        backoff == "1",
    )
    print(wait // timedelta(microseconds=1))
