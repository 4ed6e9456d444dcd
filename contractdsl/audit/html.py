"""An Audit as one self-contained HTML page: the findings, a chart per limit (the amount per
window against the allowance line) and per app (its use per month), drawn as inline SVG, with
no script and nothing fetched from the network."""

from __future__ import annotations

from fractions import Fraction
from html import escape

from .findings import (App, Audit, cited, instant, not_judged, number,
                       over_windows, rows)

WIDTH, HEIGHT, PAD = 720, 200, 40
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
.outcome-denied { color: #b00020; } .outcome-permitted { color: #1b5e20; }
.outcome-undetermined { color: #8a6d00; }
code { background: #f3f3f3; padding: 0 .2em; }
table { border-collapse: collapse; } td, th { padding: .2em .6em; text-align: left; }
figure { margin: 1em 0; } figcaption { font-size: .9em; color: #555; }
svg .bar { fill: #4a78c2; } svg .over { fill: #c2463a; } svg .line { stroke: #c2463a; }
svg text { font: 11px system-ui, sans-serif; fill: #444; }
"""


def page(audit: Audit, shown: int = 5) -> str:
    """The whole page."""
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Audit of {escape(audit.title)}</title>",
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           'style-src \'unsafe-inline\'">', f"<style>{STYLE}</style></head><body>",
           f"<h1>Audit of {escape(audit.title)}</h1>",
           f"<p>{rows(audit.rows)} from {instant(audit.first)} to {instant(audit.last)}: "
           f'<strong class="outcome-{audit.outcome}">{audit.outcome}</strong></p>']
    refused = [g for g in audit.groups if g.outcome != "permitted"]
    if refused:
        out.append("<h2>Uses not licensed</h2><ul>")
        for group in refused:
            out.append(f"<li id=\"{group.id}\"><code>{group.id}</code> {_code(group.terms())}: "
                       f'<span class="outcome-{group.outcome}">{group.outcome}</span>, '
                       f"{rows(group.rows)} from {instant(group.first)} to "
                       f"{instant(group.last)}<ul>")
            for reason in group.reasons:
                if reason["effect"] not in ("permits", "excepted", "overridden", "within"):
                    out.append(f"<li>clause {escape(reason['clause'])}: "
                               f"{_code(reason['text'])}</li>")
            if group.missing:
                out.append(f"<li>to decide it, state: {_code('; '.join(group.missing))}</li>")
            out.append("</ul></li>")
        out.append("</ul>")
    if audit.series:
        out.append("<h2>Limits</h2>")
        for series in audit.series:
            over = [w for w in audit.windows if w.clause == series.clause
                    and w.limit == series.limit and w.key == series.key]
            caption = (f"{escape(series.clause)}: {escape(series.limit)} — "
                       f"{_code(series.where())}{' (at least)' if series.held_by else ''},"
                       f" {escape(series.period)}; {over_windows(len(over))}")
            out.append(_chart(series.points, series.allowance, caption))
            for window in over[:shown]:
                out.append(f"<p id=\"{window.id}\"><code>{window.id}</code> from "
                           f"{instant(window.start)} until {instant(window.end)}: "
                           f"{window.at_least()}{escape(window.counted())}, "
                           f"{window.at_least()}{number(window.excess)} over</p>")
    if audit.breaches:
        out.append("<h2>Duties breached</h2><ul>")
        for breach in audit.breaches:
            out.append(f"<li id=\"{breach.id}\"><code>{breach.id}</code> clause "
                       f"{escape(breach.clause)}: {_code(breach.duty)}: {breach.status} for "
                       f"{_code(breach.terms)}, {rows(breach.rows)} from "
                       f"{instant(breach.first)} to {instant(breach.last)}</li>")
        out.append("</ul>")
    if audit.unjudged:
        out.append("<h2>Not judged</h2>")
        for said, help, items in not_judged(audit.unjudged):
            out.append(f"<p>{_code(said)}</p>")
            if help:
                out.append(f"<p>help: {_code(help)}</p>")
            out.append("<ul>")
            for unjudged in items:
                title = f" ({escape(unjudged.title)})" if unjudged.title else ""
                out.append(f"<li>{escape(cited(unjudged.clause))}{title}: "
                           f"{escape(unjudged.kind)}</li>")
            out.append("</ul>")
    out.append("<h2>Apps</h2>")
    for app in audit.apps:
        out += _app(app, audit.windows)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _app(app: App, windows) -> list[str]:
    """One app's disclosure: what it did, retrieved, holds and stored, its purposes and
    recipients, the facts stated for it, its findings, a table and charts of its use per
    month (per kind of use and unit)."""
    title = f" ({escape(app.title)})" if app.title else ""
    out = [f"<h3 id=\"{app.id}\">{_code(app.named())}{title} "
           f'<span class="outcome-{app.outcome}">{app.outcome}</span></h3>', "<ul>",
           f"<li>{rows(app.rows)} from {instant(app.first)} to {instant(app.last)}</li>",
           f"<li>retrieved: {escape(app.amounts(app.retrieved))}</li>"]
    out.append(f"<li>held: {_code(app.holding())}</li>")
    if app.stored:
        out.append(f"<li>stored: {escape(app.amounts(app.stored))}</li>")
    for (action, data, recipient), found in app.kinds():
        what = f"<code>{escape(action or 'unstated')}</code>" + (
            f" <code>{escape(data)}</code>" if data else "") + (
            f" with <code>{escape(recipient)}</code>" if recipient else "")
        out.append(f"<li>{what}: {escape(app.amounts(found))}</li>")
    out.append(f"<li>purposes seen: {_names(app.purposes, 'none stated')}; approved: "
               f"{_names(app.approved, 'none')}; seen but not approved: "
               f"{_names(app.unapproved, 'none')}</li>")
    out.append(f"<li>recipients: {_names(app.recipients, 'none')}</li>")
    if app.facts:
        out.append("<li>facts stated: " + ", ".join(
            f"<code>{escape(n)}</code> at {w}" for n, w in app.facts) + "</li>")
    if app.findings:
        out.append(f"<li>findings: {_code(app.summary(windows))}</li>")
    if app.unjudged:
        out.append(f"<li>not judged, for want of a column: {escape(app.unjudged_said())}</li>")
    out.append("</ul>")
    months, columns = app.months()
    if months:
        out.append("<table><tr><th>month</th>" + "".join(
            f"<th>{escape(a or 'unstated')} {escape(app.words(u))}</th>" for a, u in columns)
            + "</tr>")
        for month in months:
            out.append(f"<tr><td>{month}</td>" + "".join(
                f'<td style="text-align:right">{number(app.amount_in(month, a, u))}</td>'
                for a, u in columns) + "</tr>")
        out.append("</table>")
    for action, unit in columns:
        points = tuple((m, app.amount_in(m, action, unit)) for m in months)
        out.append(_chart(points, None, f"{escape(action or 'unstated')} "
                                        f"{escape(app.words(unit))} per calendar month"))
    return out


def _names(names, none: str) -> str:
    return ", ".join(f"<code>{escape(n)}</code>" for n in names) or none


def _code(text: str) -> str:
    """Text with `names` in backticks shown as code, everything escaped."""
    parts = escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _chart(points: tuple, allowance: Fraction | None, caption: str) -> str:
    """Bars of the amounts (over the allowance in red) and the allowance as a line."""
    if not points:
        return ""
    top = max([a for _, a in points] + ([allowance] if allowance is not None else []))
    top = top or Fraction(1)
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / len(points)
    shapes = []
    for i, (label, amount) in enumerate(points):
        height = float(amount / top) * inner_h
        kind = "over" if allowance is not None and amount > allowance else "bar"
        x, y = PAD + i * step, PAD + inner_h - height
        shapes.append(f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{max(step - 1, 1):.1f}"'
                      f' height="{height:.1f}"><title>{escape(label)}: {number(amount)}'
                      f"</title></rect>")
    if allowance is not None:
        y = PAD + inner_h - float(allowance / top) * inner_h
        shapes.append(f'<line class="line" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y:.1f}" '
                      f'y2="{y:.1f}" stroke-width="1.5"/>')
        shapes.append(f'<text x="{WIDTH - PAD}" y="{y - 4:.1f}" text-anchor="end">allowance '
                      f"{number(allowance)}</text>")
    shapes.append(f'<text x="{PAD}" y="{PAD - 8}">{number(top)}</text>')
    shapes.append(f'<text x="{PAD}" y="{HEIGHT - PAD + 14}">{escape(points[0][0])}</text>')
    shapes.append(f'<text x="{WIDTH - PAD}" y="{HEIGHT - PAD + 14}" text-anchor="end">'
                  f"{escape(points[-1][0])}</text>")
    return (f'<figure><svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img">{"".join(shapes)}</svg>'
            f"<figcaption>{caption}</figcaption></figure>")
