#!/usr/bin/env python3
"""Save-to-reload latency of a running `secretaria serve` (used by scripts/bench-serve.sh).

Listens to the live-reload stream (/__secretaria/events) like an open browser tab, then edits
files of the site one at a time and measures, for each edit, the time from just before the
file is opened for writing to the arrival of the `reload` event that follows it. Between
edits it waits (untimed) until the server is idle again.

Modes:
  page      appends a sentence to the body of a different ordinary page each time
  title     changes the `title:` of a different ordinary page each time (listings, the site
            map, feeds, breadcrumbs and search show titles)
  index     appends a sentence to the body of a `_index.md` (a section's introduction or the
            home page), a different one each time, round the site's `_index.md` files
  template  rewrites themes/default/templates/page.html (an override of the default theme's
            template) with a visible marker that changes every time, so every page changes

Prints one line per edit and, last, "RESULT <mode> <edits> <median_ms> <worst_ms>".
Standard library only.
"""

import argparse
import http.client
import os
import queue
import statistics
import sys
import threading
import time
import urllib.parse


def listen(url, events):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port)
    conn.request("GET", "/__secretaria/events", headers={"Accept": "text/event-stream"})
    response = conn.getresponse()
    kind, data = None, []
    for raw in iter(response.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if line == "":
            if kind:
                events.put((time.monotonic(), kind, "\n".join(data)))
            kind, data = None, []
        elif line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())


def wait_event(events, deadline, accept):
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            sys.exit("reload_latency: no reload event within the timeout")
        try:
            at, kind, data = events.get(timeout=remaining)
        except queue.Empty:
            continue
        if kind == "error":
            sys.exit("reload_latency: the server reported a content error: " + data)
        if accept(kind, data):
            return at


def drain(events, quiet):
    """Waits until no event arrived for `quiet` seconds (the server is idle)."""
    while True:
        try:
            events.get(timeout=quiet)
        except queue.Empty:
            return


def is_reload(kind, data):
    return kind == "reload" and ('"all":true' in data.replace(" ", "") or '"paths":[]' not in data.replace(" ", ""))


def pages(site):
    content = os.path.join(site, "content")
    found = []
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("_") and folder != content:
                found.append(os.path.join(folder, name))
    return found


def indexes(site):
    content = os.path.join(site, "content")
    found = []
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        if "_index.md" in files:
            found.append(os.path.join(folder, "_index.md"))
    return found


def retitle(text, n):
    """`text` (a page with YAML front matter) with its title marked with edit `n`."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i > 0 and line.strip() == "---":
            break
        if line.startswith("title:"):
            title = line[len("title:"):].strip().strip('"').split(" (revisão ")[0]
            lines[i] = 'title: "%s (revisão %d)"' % (title.replace('"', '\\"'), n)
            return "\n".join(lines)
    sys.exit("reload_latency: a page without a title: line")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="address printed by serve, e.g. http://127.0.0.1:1111/")
    parser.add_argument("--site", required=True, help="the site folder being served")
    parser.add_argument("--mode", choices=["page", "title", "index", "template"], required=True)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for one reload")
    parser.add_argument("--template", help="the default theme's page.html (for --mode template)")
    args = parser.parse_args()

    events = queue.Queue()
    threading.Thread(target=listen, args=(args.url, events), daemon=True).start()
    # "warnings" is a good state too: the checks found something in the last saved file.
    wait_event(events, time.monotonic() + 30, lambda kind, _: kind in ("ok", "warnings"))

    if args.mode in ("page", "title"):
        targets = pages(args.site)
        if len(targets) < args.edits:
            sys.exit("reload_latency: not enough pages in the site")
        step = max(1, len(targets) // args.edits)
        # Title edits take other pages than body edits (offset by half a step).
        offset = step // 2 if args.mode == "title" else 0
        targets = targets[offset::step][: args.edits]
    elif args.mode == "index":
        found = indexes(args.site)
        if not found:
            sys.exit("reload_latency: no _index.md in the site")
        targets = [found[i % len(found)] for i in range(args.edits)]
    else:
        with open(args.template, encoding="utf-8") as f:
            original = f.read()
        if "{% block content %}" not in original:
            sys.exit("reload_latency: page.html has no {% block content %}")
        override = os.path.join(args.site, "themes", "default", "templates", "page.html")
        os.makedirs(os.path.dirname(override), exist_ok=True)

        def template_text(n):
            return original.replace("{% block content %}", "{%% block content %%}<p>Marca de medida %d</p>" % n, 1)

        # Untimed warm-up: the first override makes the theme folder appear.
        with open(override, "w", encoding="utf-8") as f:
            f.write(template_text(0))
        wait_event(events, time.monotonic() + args.timeout, is_reload)

    times = []
    for n in range(1, args.edits + 1):
        drain(events, 0.3)
        if args.mode in ("page", "title", "index"):
            path = targets[n - 1]
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if args.mode == "title":
                text = retitle(text, n)
            else:
                text = text.rstrip("\n") + "\n\nFrase acrescentada na medida %d.\n" % n
            started = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            text = template_text(n)
            started = time.monotonic()
            with open(override, "w", encoding="utf-8") as f:
                f.write(text)
        arrived = wait_event(events, started + args.timeout, is_reload)
        ms = (arrived - started) * 1000
        times.append(ms)
        print("%s edit %d: %.1f ms" % (args.mode, n, ms), flush=True)

    if args.mode == "template":
        os.remove(override)
        wait_event(events, time.monotonic() + args.timeout, is_reload)
    print("RESULT %s %d %.1f %.1f" % (args.mode, len(times), statistics.median(times), max(times)), flush=True)


if __name__ == "__main__":
    main()
