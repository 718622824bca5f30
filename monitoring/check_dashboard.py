#!/usr/bin/env python3
"""The query half of monitoring/check: validates the Grafana dashboard's structure, waits until
a running Prometheus has scraped every target long enough for a rate, and evaluates every PromQL
expression of the dashboard (panels, panels nested in collapsed rows, template variable queries).

Fails (exit 1) on a malformed dashboard, an expression Prometheus refuses, or one that returns
no series, naming the panel, the expression and Prometheus's error. Standard library only;
run through monitoring/check, which starts and stops the Prometheus it talks to.
"""
import argparse
import json
import math
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

GRID_COLUMNS = 24
PANEL_TYPES = {"timeseries", "stat", "table", "gauge", "bargauge", "text"}
# Grafana's global variables, each replaced by what Grafana itself would send (see substitutions()).
DURATION = re.compile(r"^(\d+)(ms|s|m|h|d)$")
VARIABLE = re.compile(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]")
LABEL_VALUES = re.compile(r"^label_values\((?:(.*),\s*)?(\w+)\)$")


def seconds(duration):
    m = DURATION.match(duration)
    if not m:
        raise SystemExit("not a duration: %r (expected e.g. 5s, 1m)" % duration)
    return int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


# ---------------------------------------------------------------- dashboard structure

def all_panels(dashboard):
    """Every panel with the row it sits in: top-level ones, and those nested in collapsed rows."""
    for panel in dashboard.get("panels", []):
        yield panel, None
        for nested in panel.get("panels", []) or []:
            yield nested, panel


def validate(dashboard, datasource_uid):
    errors = []
    for key in ("uid", "title", "schemaVersion", "panels"):
        if key not in dashboard:
            errors.append("dashboard: no %r" % key)
    ids = {}
    for panel, parent in all_panels(dashboard):
        where = "panel %s %r" % (panel.get("id"), panel.get("title"))
        pid = panel.get("id")
        if not isinstance(pid, int):
            errors.append("%s: id is not an integer" % where)
        elif pid in ids:
            errors.append("%s: id %d already used by %r" % (where, pid, ids[pid]))
        else:
            ids[pid] = panel.get("title")
        pos = panel.get("gridPos")
        if not isinstance(pos, dict) or not all(isinstance(pos.get(k), int) for k in ("x", "y", "w", "h")):
            errors.append("%s: gridPos needs integer x, y, w, h, has %r" % (where, pos))
        elif pos["x"] < 0 or pos["y"] < 0 or pos["w"] < 1 or pos["h"] < 1 or pos["x"] + pos["w"] > GRID_COLUMNS:
            errors.append("%s: gridPos %r is outside the %d-column grid" % (where, pos, GRID_COLUMNS))
        if panel.get("type") == "row":
            if parent is not None:
                errors.append("%s: a row inside a row" % where)
            if panel.get("panels") and not panel.get("collapsed"):
                errors.append("%s: an expanded row must not hold panels (Grafana lists them after it)" % where)
            continue
        if panel.get("type") not in PANEL_TYPES:
            errors.append("%s: type %r is not one of %s" % (where, panel.get("type"), sorted(PANEL_TYPES)))
        if panel.get("type") == "text":
            continue
        ds = panel.get("datasource")
        if not isinstance(ds, dict) or ds.get("uid") != datasource_uid or ds.get("type") != "prometheus":
            errors.append("%s: datasource %r is not the provisioned Prometheus (uid %r)" % (where, ds, datasource_uid))
        targets = panel.get("targets") or []
        if not targets:
            errors.append("%s: no targets" % where)
        refs = set()
        for t in targets:
            if t.get("refId") in refs or not t.get("refId"):
                errors.append("%s: refId %r missing or repeated" % (where, t.get("refId")))
            refs.add(t.get("refId"))
            if not (t.get("expr") or "").strip():
                errors.append("%s %s: empty expr" % (where, t.get("refId")))
            tds = t.get("datasource")
            if tds is not None and (not isinstance(tds, dict) or tds.get("uid") != datasource_uid):
                errors.append("%s %s: target datasource %r is not uid %r" % (where, t.get("refId"), tds, datasource_uid))
    errors += overlaps([p for p in dashboard.get("panels", [])], "top level")
    for row in dashboard.get("panels", []):
        if row.get("type") == "row" and row.get("panels"):
            errors += overlaps(row["panels"], "row %r" % row.get("title"))
    for var in dashboard.get("templating", {}).get("list", []):
        if var.get("type") == "query":
            ds = var.get("datasource")
            if not isinstance(ds, dict) or ds.get("uid") != datasource_uid:
                errors.append("variable %r: datasource %r is not uid %r" % (var.get("name"), ds, datasource_uid))
    return errors


def overlaps(panels, scope):
    taken, errors = {}, []
    for p in panels:
        pos = p.get("gridPos") or {}
        if not all(isinstance(pos.get(k), int) for k in ("x", "y", "w", "h")):
            continue
        for y in range(pos["y"], pos["y"] + pos["h"]):
            for x in range(pos["x"], pos["x"] + pos["w"]):
                other = taken.setdefault((x, y), p.get("id"))
                if other != p.get("id"):
                    errors.append("%s: panel %s overlaps panel %s at x=%d y=%d" % (scope, p.get("id"), other, x, y))
                    break
            else:
                continue
            break
    return errors


# ---------------------------------------------------------------- variables

def substitutions(dashboard, scrape_interval, rate_interval):
    """What each variable becomes. $__rate_interval is Grafana's max(4 x scrape interval,
    $__interval + scrape interval); at the default 15-minute range $__interval is below the
    5 s scrape interval (Grafana's minimum for the datasource), so Grafana sends 4 x 5 s = 20 s."""
    rng = dashboard.get("time", {}).get("from", "now-15m")
    range_s = seconds(rng[len("now-"):]) if rng.startswith("now-") else 900
    values = {
        "__rate_interval": rate_interval,
        "__interval": scrape_interval,
        "__interval_ms": str(int(seconds(scrape_interval) * 1000)),
        "__range": "%ds" % range_s,
        "__range_s": str(int(range_s)),
        "__range_ms": str(int(range_s * 1000)),
    }
    for var in dashboard.get("templating", {}).get("list", []):
        current = (var.get("current") or {}).get("value")
        current = current if isinstance(current, list) else [current]
        if "$__all" in current:
            values[var["name"]] = var.get("allValue") or ".*"
        else:
            values[var["name"]] = "|".join(str(v) for v in current if v is not None)
    return values


def substitute(expr, values):
    unknown = []

    def repl(m):
        name = m.group(1) or m.group(2) or m.group(3)
        if name in values:
            return values[name]
        unknown.append(name)
        return m.group(0)

    return VARIABLE.sub(repl, expr), unknown


# ---------------------------------------------------------------- Prometheus API

class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        query = urllib.parse.urlencode(params, doseq=True)
        try:
            with urllib.request.urlopen("%s%s?%s" % (self.url, path, query), timeout=10) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:  # a bad query is a 400 with a JSON body
            try:
                return json.load(e)
            except ValueError:
                return {"status": "error", "errorType": "http %d" % e.code, "error": e.reason}

    def query(self, expr):
        return self.get("/api/v1/query", query=expr)


def wait_for_targets(prom, jobs, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            active = prom.get("/api/v1/targets", state="active")["data"]["activeTargets"]
        except (urllib.error.URLError, OSError, KeyError, ValueError):
            active = []
        seen = {t["labels"].get("job") for t in active}
        down = [t for t in active if t.get("health") != "up"]
        if active and not down and set(jobs) <= seen:
            return active
        if time.monotonic() > deadline:
            print("FAIL: targets not all up after %ds:" % timeout)
            for job in sorted(set(jobs) - seen):
                print("  %-14s no target (is the job in the scrape configuration?)" % job)
            for t in active:
                print("  %-14s %-22s %-8s %s" % (t["labels"].get("job"), t.get("scrapeUrl"), t.get("health"),
                                                 t.get("lastError") or ""))
            return None
        time.sleep(1)


def wait_for_samples(prom, window, samples, timeout):
    """Until every target has `samples` scrapes inside the rate window: then rate() and increase()
    over that window have at least two points on every series, as on any panel Grafana draws."""
    deadline = time.monotonic() + timeout
    while True:
        r = prom.query("min(count_over_time(up[%s]))" % window)
        result = r.get("data", {}).get("result", []) if r.get("status") == "success" else []
        if result and float(result[0]["value"][1]) >= samples:
            return True
        if time.monotonic() > deadline:
            print("FAIL: fewer than %d samples per target in %s after %ds" % (samples, window, timeout))
            return False
        time.sleep(1)


def check_variable(prom, var, values):
    """A query variable of the form label_values([selector,] label) must list at least one value."""
    query = var.get("query")
    query = query.get("query") if isinstance(query, dict) else query
    m = LABEL_VALUES.match((query or "").strip())
    if not m:
        return None, "not a label_values() query, not evaluated"
    selector, label = m.group(1), m.group(2)
    if selector:
        selector, unknown = substitute(selector, values)
        if unknown:
            return "unknown variable(s) %s" % ", ".join(unknown), None
        r = prom.get("/api/v1/series", **{"match[]": selector})
        if r.get("status") != "success":
            return "%s: %s" % (r.get("errorType"), r.get("error")), None
        found = sorted({s[label] for s in r["data"] if label in s})
    else:
        r = prom.get("/api/v1/label/%s/values" % label)
        found = r.get("data", []) if r.get("status") == "success" else []
    if not found:
        return "no values for label %r" % label, None
    return None, ", ".join(found)


def evaluate(prom, dashboard, values):
    rows, failures = [], []
    for var in dashboard.get("templating", {}).get("list", []):
        if var.get("type") != "query":
            continue
        error, note = check_variable(prom, var, values)
        name = "variable $%s" % var.get("name")
        if error:
            failures.append((name, "", json.dumps(var.get("definition")), error))
        rows.append((name, "", "-" if error else "ok", error or note))
    for panel, parent in all_panels(dashboard):
        if panel.get("type") in ("row", "text"):
            continue
        title = "%s%s" % ("%s / " % parent.get("title") if parent else "", panel.get("title"))
        for t in panel.get("targets", []):
            expr, unknown = substitute(t.get("expr", ""), values)
            if unknown:
                failures.append((title, t.get("refId"), t.get("expr"), "unknown variable(s) %s" % ", ".join(unknown)))
                rows.append((title, t.get("refId"), "-", "unknown variable"))
                continue
            r = prom.query(expr)
            if r.get("status") != "success":
                error = "%s: %s" % (r.get("errorType"), r.get("error"))
                failures.append((title, t.get("refId"), expr, error))
                rows.append((title, t.get("refId"), "-", "invalid"))
                continue
            result = r["data"]["result"]
            if r["data"]["resultType"] == "scalar":
                result = [{"value": result}]
            if not result:
                failures.append((title, t.get("refId"), expr, "no series"))
                rows.append((title, t.get("refId"), "0", "no series"))
                continue
            nan = sum(1 for s in result if math.isnan(float(s["value"][1])))
            note = "%d NaN (no observations in the window)" % nan if nan else ""
            if len(result) == 1 and not nan:
                note = "value %.6g" % float(result[0]["value"][1])
            rows.append((title, t.get("refId"), str(len(result)), note))
    return rows, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--prometheus", required=True, help="base URL of the running Prometheus")
    ap.add_argument("--dashboard", required=True)
    ap.add_argument("--datasource-uid", required=True)
    ap.add_argument("--jobs", required=True, help="comma-separated job names of the scrape configuration")
    ap.add_argument("--scrape-interval", default="5s")
    ap.add_argument("--rate-interval", default=None, help="what $__rate_interval becomes; default 4 x scrape interval")
    ap.add_argument("--timeout", type=int, default=120, help="seconds to wait for the targets, then for the samples")
    ap.add_argument("--validate-only", action="store_true")
    args = ap.parse_args()

    with open(args.dashboard, encoding="utf-8") as f:
        dashboard = json.load(f)
    errors = validate(dashboard, args.datasource_uid)
    if errors:
        print("FAIL: %s is malformed:" % args.dashboard)
        for e in errors:
            print("  " + e)
        return 1
    if args.validate_only:
        panels = [p for p, _ in all_panels(dashboard) if p.get("type") != "row"]
        print("dashboard: %d panels, %d expressions, structure ok" % (len(panels), sum(len(p.get("targets", [])) for p in panels)))
        return 0

    scrape_s = seconds(args.scrape_interval)
    rate_interval = args.rate_interval or "%ds" % (4 * scrape_s)
    values = substitutions(dashboard, args.scrape_interval, rate_interval)
    prom = Prometheus(args.prometheus)
    jobs = args.jobs.split(",")

    start = time.monotonic()
    if not wait_for_targets(prom, jobs, args.timeout):
        return 1
    print("targets: %s up after %.1fs" % (", ".join(jobs), time.monotonic() - start))
    start = time.monotonic()
    samples = max(2, int(seconds(rate_interval) // scrape_s))
    if not wait_for_samples(prom, rate_interval, samples, args.timeout):
        return 1
    print("samples: %d per target in the %s rate window after %.1fs more" % (samples, rate_interval, time.monotonic() - start))

    rows, failures = evaluate(prom, dashboard, values)
    width = max(len(r[0]) for r in rows)
    print("\n%-*s  %-4s  %6s  %s" % (width, "panel", "ref", "series", "note"))
    for title, ref, count, note in rows:
        print("%-*s  %-4s  %6s  %s" % (width, title, ref, count, note))
    print("\n$__rate_interval = %s, $__interval = %s, %s" % (
        rate_interval, args.scrape_interval,
        ", ".join("$%s = %s" % (k, v) for k, v in values.items() if not k.startswith("__"))))
    if failures:
        print("\nFAIL: %d of %d queries:" % (len(failures), len(rows)))
        for title, ref, expr, error in failures:
            print("  panel %r %s\n    expr:  %s\n    error: %s" % (title, ref, expr, error))
        return 1
    print("OK: %d queries, each valid with at least one series" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
