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
Dates are real pendulum DateTimes (Debian's python3-pendulum, pendulum 2.1.2) adjusted where
pendulum 3 differs (the _pendulum3_* functions and Environment: str(), day_of_week, and the fold
with which in_timezone, replace and start_of resolve daylight-saving changes). Run with Debian's
/usr/bin/python3, python3-jinja2 and python3-pendulum.
"""

import datetime as _dt
import enum
import json
import shlex
import random
import sys
import time
import uuid
import zoneinfo

import jinja2
import jinja2.sandbox
import pendulum


class WeekDay(enum.IntEnum):
    """pendulum 3's day_of_week (src/pendulum/day.py): Monday is 0, Sunday 6. pendulum 2, installed
    here, numbers Sunday 0 (day_of_week = isoweekday() % 7). An IntEnum prints as its number on
    Python 3.11 and later (this harness's Python); 3.9 and 3.10 print WeekDay.WEDNESDAY."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


def _pendulum3_str(self):
    """pendulum 3's str() of a DateTime (src/pendulum/datetime.py DateTime.__str__):
    isoformat(" "), where pendulum 2 used "T"."""
    return self.isoformat(" ")


pendulum.DateTime.__str__ = _pendulum3_str


def _pendulum3_create(year, month, day, hour, minute, second, microsecond, tz, fold):
    """pendulum 3's DateTime.create (src/pendulum/datetime.py) with Timezone.convert
    (src/pendulum/tz/timezone.py) of the wall-clock time: a skipped time moves forward by the gap
    when fold is 1 and back when it is 0, a repeated one is the first when fold is 0. pendulum 2
    always moved forward and took the second; pendulum 3's zones are zoneinfo zones, used here."""
    naive = _dt.datetime(year, month, day, hour, minute, second, microsecond, fold=fold)
    if tz is None:
        return pendulum.DateTime(year, month, day, hour, minute, second, microsecond, fold=fold)
    zone = zoneinfo.ZoneInfo(tz.name)
    before = zone.utcoffset(naive.replace(fold=0))
    after = zone.utcoffset(naive.replace(fold=1))
    if after > before:
        naive = naive + ((after - before) if fold else (before - after))
    # The fold stays the one asked for, also where no time repeats, as in pendulum 3.
    return pendulum.DateTime(naive.year, naive.month, naive.day, naive.hour, naive.minute,
                             naive.second, naive.microsecond, tzinfo=tz, fold=fold)


def _pendulum3_set(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                   microsecond=None, tz=None):
    """pendulum 3's DateTime.set: create(..., fold=self.fold); start_of, end_of, first_of and
    last_of go through it."""
    return _pendulum3_create(
        self.year if year is None else year, self.month if month is None else month,
        self.day if day is None else day, self.hour if hour is None else hour,
        self.minute if minute is None else minute, self.second if second is None else second,
        self.microsecond if microsecond is None else microsecond,
        self.tz if tz is None else pendulum.timezone(tz) if isinstance(tz, str) else tz, self.fold)


def _pendulum3_replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                       microsecond=None, tzinfo=True, fold=None):
    """pendulum 3's DateTime.replace: create(..., tz=tzinfo, fold=self.fold)."""
    return _pendulum3_create(
        self.year if year is None else year, self.month if month is None else month,
        self.day if day is None else day, self.hour if hour is None else hour,
        self.minute if minute is None else minute, self.second if second is None else second,
        self.microsecond if microsecond is None else microsecond,
        self.tzinfo if tzinfo is True else tzinfo, self.fold if fold is None else fold)


def _pendulum3_in_timezone(self, tz):
    """pendulum 3's DateTime.in_timezone (src/pendulum/datetime.py): Timezone.convert of an aware
    datetime is zoneinfo's astimezone, whose fold is 1 only for the second of two repeated times
    (pendulum 2 gave fold 1 to other times too, which changes what a later replace() resolves)."""
    zone = pendulum.timezone(tz) if isinstance(tz, str) else tz
    if self.tzinfo is None:
        return _pendulum2_in_timezone(self, zone)
    aware = _dt.datetime(self.year, self.month, self.day, self.hour, self.minute, self.second,
                         self.microsecond, tzinfo=_dt.timezone(self.utcoffset()))
    local = aware.astimezone(zoneinfo.ZoneInfo(zone.name))
    return pendulum.DateTime(local.year, local.month, local.day, local.hour, local.minute,
                             local.second, local.microsecond, tzinfo=zone, fold=local.fold)


def _pendulum3_add(self, years=0, months=0, weeks=0, days=0, hours=0, minutes=0, seconds=0,
                   microseconds=0):
    """pendulum 3's DateTime.add (src/pendulum/datetime.py): with years, months, weeks or days it
    re-creates the wall-clock time with create()'s default fold=1, which later replace() and
    start_of() keep; pendulum 2 resolves the time the same way but keeps another fold."""
    result = _pendulum2_add(self, years, months, weeks, days, hours, minutes, seconds,
                            microseconds)
    if any([years, months, weeks, days]) and result.tzinfo is not None:
        return _pendulum3_create(result.year, result.month, result.day, result.hour, result.minute,
                                 result.second, result.microsecond, result.tzinfo, 1)
    return result


def _pendulum3_interval_repr(self):
    """pendulum 3's Interval (src/pendulum/interval.py __repr__ and __str__), pendulum 2's Period."""
    return "<Interval [%s -> %s]>" % (self.start, self.end)


pendulum.Period.__repr__ = _pendulum3_interval_repr
pendulum.Period.__str__ = _pendulum3_interval_repr
_pendulum2_add = pendulum.DateTime.add
pendulum.DateTime.add = _pendulum3_add
_pendulum2_in_timezone = pendulum.DateTime.in_timezone
pendulum.DateTime.in_timezone = _pendulum3_in_timezone
pendulum.DateTime.in_tz = _pendulum3_in_timezone
pendulum.DateTime.set = _pendulum3_set
pendulum.DateTime.replace = _pendulum3_replace


def _none_or(format_value):
    """Airflow's filters start with: if value is None: return None."""
    return lambda value: None if value is None else format_value(value)


# Airflow's FILTERS (task-sdk definitions/_internal/templater.py).
FILTERS = {
    "ds": _none_or(lambda value: value.strftime("%Y-%m-%d")),
    "ds_nodash": _none_or(lambda value: value.strftime("%Y%m%d")),
    "ts": _none_or(lambda value: value.isoformat()),
    "ts_nodash": _none_or(lambda value: value.strftime("%Y%m%dT%H%M%S")),
    "ts_nodash_with_tz": _none_or(
        lambda value: value.isoformat().replace("-", "").replace(":", "")),
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


class Environment(jinja2.sandbox.SandboxedEnvironment):
    """Airflow's sandboxed environment; a template reading day_of_week of a pendulum DateTime gets
    pendulum 3's WeekDay (src/pendulum/datetime.py: day_of_week returns WeekDay(self.weekday())),
    while pendulum 2's own methods keep using its numbering."""

    def getattr(self, obj, attribute):
        if attribute == "day_of_week" and isinstance(obj, pendulum.DateTime):
            return WeekDay(obj.weekday())
        return super().getattr(obj, attribute)


def environment():
    env = Environment(
        undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"], cache_size=0)
    env.filters.update(FILTERS)
    return env


def context(request):
    parsed = _dt.datetime.fromisoformat(request["logical_date"])
    # Airflow's dates are pendulum DateTimes in pendulum's UTC zone (repr Timezone('UTC')).
    logical = pendulum.DateTime(parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute,
                       parsed.second, parsed.microsecond, tzinfo=pendulum.timezone("UTC"))
    ds_nodash = logical.strftime("%Y%m%d")
    run_id = "manual__" + logical.isoformat()
    dag_id, task_id = request["dag_id"], request["task_id"]
    params = request["params"]
    ti = TaskInstance(task_id=task_id, dag_id=dag_id, run_id=run_id, map_index=-1,
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
                         run_type="manual", data_interval_start=logical,
                         data_interval_end=logical),
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
