"""Prints the signatures of the filters and tests of Airflow's Jinja2 environment (as
airflow_render.py sets it up), one per line, for JinjaSignaturesTest to compare with ProcessFlow's
table (processflow-runtime/src/main/resources/io/processflow/runtime/internal/template/
jinja2-signatures.txt):

    <filter|test> <name> <value> <parameter>...

where <value> names the parameter that takes the value the filter or test is applied to, and the
parameters follow it (the environment or context that Jinja2 passes first is left out). A parameter is its name, with "=" when it has a default, "*" before it for *args and "**"
for **kwargs; "/" follows positional-only parameters. The names are Python's, so a keyword argument
is checked against them."""
import inspect

import jinja2.utils

import airflow_render


def parameters(function):
    params = list(inspect.signature(function).parameters.values())
    # An async variant's wrapper shows the signature of the function it wraps (inspect follows
    # __wrapped__), which takes the environment or context only if marked so itself.
    if jinja2.utils._PassArg.from_obj(inspect.unwrap(function)) is not None:
        params = params[1:]  # the environment, eval context or context
    words = [params[0].name]  # the value
    params = params[1:]
    for p in params:
        if p.kind == p.VAR_POSITIONAL:
            words.append("*" + p.name)
        elif p.kind == p.VAR_KEYWORD:
            words.append("**" + p.name)
        elif p.kind == p.KEYWORD_ONLY:
            words.append(":" + p.name + ("=" if p.default is not p.empty else ""))
        else:
            words.append(p.name + ("=" if p.default is not p.empty else "")
                         + ("/" if p.kind == p.POSITIONAL_ONLY else ""))
    return words


def main():
    env = airflow_render.environment()
    for kind, table in (("filter", env.filters), ("test", env.tests)):
        for name in sorted(table):
            try:
                words = parameters(table[name])
            except (TypeError, ValueError):
                words = ["s"]  # markupsafe's escape and soft_str: the value alone
            print(" ".join([kind, name] + words))


if __name__ == "__main__":
    main()
