"""Renders templates as Airflow 3 renders them: the reference side of JinjaConformanceTest.

Reads one JSON object on stdin:
  {"logical_date": "2024-01-31T00:00:00+00:00", "dag_id": "etl", "task_id": "load",
   "try_number": 1, "params": {...}, "outputs": {"task": value, ...}, "templates": ["...", ...]}
or {"names": {...}, "templates": [...]}: the templates see exactly those JSON values as their names
(no Airflow context), and ProcessFlow's shell_quote filter is shlex.quote.
and writes one JSON list on stdout, one entry per template, in order:
  {"ok": true, "out": "rendered text"} or {"ok": false, "error": "ExceptionType: message"}.

The environment is Airflow 3's (task-sdk definitions/dag.py get_template_env and
definitions/_internal/templater.py): a SandboxedEnvironment with StrictUndefined, the jinja2.ext.do
extension, cache_size 0, Jinja2's default keep_trailing_newline=False, and Airflow's FILTERS. The
context is task_runner.py get_template_context's, with macros from execution_time/macros.py.
pendulum is not installed here, so DateTime below is a small datetime subclass with the pendulum
methods Airflow users call. Run with Debian's /usr/bin/python3 and python3-jinja2.
"""

import datetime as _dt
import json
import shlex
import random
import sys
import time
import uuid

import jinja2
import jinja2.sandbox


class DateTime(_dt.datetime):
    """The pendulum DateTime methods templates use; arithmetic keeps the type, str() and repr() are
    pendulum 3's."""

    @classmethod
    def _of(cls, d):
        return cls(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, d.tzinfo)

    def __str__(self):
        return self.isoformat(" ")

    def __repr__(self):
        # pendulum 3's repr, with Airflow's UTC zone (pendulum's Timezone('UTC')).
        us = ", %d" % self.microsecond if self.microsecond else ""
        zone = ""
        if self.tzinfo is not None:
            utc = self.utcoffset() == _dt.timedelta(0)
            zone = ", tzinfo=" + ("Timezone('UTC')" if utc else repr(self.tzinfo))
        return "DateTime(%d, %d, %d, %d, %d, %d%s%s)" % (
            self.year, self.month, self.day, self.hour, self.minute, self.second, us, zone)

    def __add__(self, other):
        return DateTime._of(_dt.datetime.__add__(self, other))

    __radd__ = __add__

    def __sub__(self, other):
        result = _dt.datetime.__sub__(self, other)
        return DateTime._of(result) if isinstance(result, _dt.datetime) else result

    def replace(self, *args, **kwargs):
        return DateTime._of(_dt.datetime.replace(self, *args, **kwargs))

    def add(self, years=0, months=0, weeks=0, days=0, hours=0, minutes=0, seconds=0, microseconds=0):
        d = self
        if years or months:
            month0 = d.month - 1 + months + 12 * years
            year, month = d.year + month0 // 12, month0 % 12 + 1
            last = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
                    31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            d = d.replace(year=year, month=month, day=min(d.day, last))
        return d + _dt.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes,
                                 seconds=seconds, microseconds=microseconds)

    def subtract(self, years=0, months=0, weeks=0, days=0, hours=0, minutes=0, seconds=0,
                 microseconds=0):
        return self.add(-years, -months, -weeks, -days, -hours, -minutes, -seconds, -microseconds)

    def date(self):
        return Date(self.year, self.month, self.day)

    def to_date_string(self):
        return self.strftime("%Y-%m-%d")

    def to_datetime_string(self):
        return self.strftime("%Y-%m-%d %H:%M:%S")

    def to_iso8601_string(self):
        text = self.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    def start_of(self, unit):
        if unit == "day":
            return self.replace(hour=0, minute=0, second=0, microsecond=0)
        if unit == "month":
            return self.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        if unit == "year":
            return self.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
        raise ValueError("unsupported unit " + unit)

    @property
    def int_timestamp(self):
        return int(self.timestamp())

    @property
    def day_of_year(self):
        return self.timetuple().tm_yday


class Date(_dt.date):
    """pendulum's Date, as DateTime.date() returns it: repr() is pendulum 3's."""

    def __repr__(self):
        return "Date(%d, %d, %d)" % (self.year, self.month, self.day)


# Airflow's FILTERS (task-sdk definitions/_internal/templater.py).
FILTERS = {
    "ds": lambda value: value.strftime("%Y-%m-%d"),
    "ds_nodash": lambda value: value.strftime("%Y%m%d"),
    "ts": lambda value: value.isoformat(),
    "ts_nodash": lambda value: value.strftime("%Y%m%dT%H%M%S"),
    "ts_nodash_with_tz": lambda value: value.isoformat().replace("-", "").replace(":", ""),
}


class Macros:
    """execution_time/macros.py: the module's names templates reach as macros.NAME."""

    datetime = _dt.datetime
    timedelta = _dt.timedelta
    json = json
    time = time
    uuid = uuid
    random = random.random

    @staticmethod
    def ds_add(ds, days):
        if not days:
            return str(ds)
        dt = _dt.datetime.strptime(str(ds), "%Y-%m-%d") + _dt.timedelta(days=days)
        return dt.strftime("%Y-%m-%d")

    @staticmethod
    def ds_format(ds, input_format, output_format):
        return _dt.datetime.strptime(str(ds), input_format).strftime(output_format)


class Named:
    """A plain context object (dag, task, dag_run) with the attributes ProcessFlow also offers."""

    def __init__(self, **attributes):
        self.__dict__.update(attributes)


class TaskInstance(Named):
    def xcom_pull(self, task_ids=None, dag_id=None, key="return_value", include_prior_dates=False,
                  *, map_indexes=None, default=None, run_id=None):
        if key != "return_value":
            raise KeyError(key)
        if isinstance(task_ids, (list, tuple)):
            return [self._pull(t, default) for t in task_ids]
        return self._pull(task_ids, default)

    def _pull(self, task_id, default):
        value = self.outputs.get(task_id)
        return default if value is None else value


def environment():
    env = jinja2.sandbox.SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"], cache_size=0)
    env.filters.update(FILTERS)
    return env


def context(request):
    logical = DateTime.fromisoformat(request["logical_date"])
    ds_nodash = logical.strftime("%Y%m%d")
    run_id = "manual__" + logical.isoformat()
    dag_id, task_id = request["dag_id"], request["task_id"]
    params = request["params"]
    ti = TaskInstance(task_id=task_id, dag_id=dag_id, run_id=run_id,
                      try_number=request["try_number"], outputs=request["outputs"])
    return {
        "ds": logical.strftime("%Y-%m-%d"),
        "ds_nodash": ds_nodash,
        "ts": logical.isoformat(),
        "ts_nodash": logical.strftime("%Y%m%dT%H%M%S"),
        "ts_nodash_with_tz": logical.isoformat().replace("-", "").replace(":", ""),
        "logical_date": logical,
        "data_interval_start": logical,
        "data_interval_end": logical,
        "run_id": run_id,
        "dag": Named(dag_id=dag_id),
        "task": Named(task_id=task_id, dag_id=dag_id),
        "ti": ti,
        "task_instance": ti,
        "task_instance_key_str": dag_id + "__" + task_id + "__" + ds_nodash,
        "params": params,
        "macros": Macros,
        "dag_run": Named(dag_id=dag_id, run_id=run_id, logical_date=logical, conf=params,
                         run_type="manual"),
    }


def render(env, source, names):
    try:
        return {"ok": True, "out": env.from_string(source).render(names)}
    except Exception as e:  # every failure is a result to compare, not a crash of the harness
        return {"ok": False, "error": type(e).__name__ + ": " + str(e)}


def main():
    request = json.load(sys.stdin)
    env = environment()
    if "names" in request:
        env.filters["shell_quote"] = shlex.quote
        names = request["names"]
    else:
        names = context(request)
    results = [render(env, source, names) for source in request["templates"]]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
