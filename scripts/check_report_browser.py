"""Open the report in headless Chromium as a reader would and measure what they see.

Usage: ``python scripts/check_report_browser.py reports/report.html [--width 1280]``

Chromium lays the page out at the window width; a script added to a copy of the page
measures, after every image has loaded:

* whether the page scrolls sideways (document wider than the window);
* each chart's rendered width, and the size its smallest text appears at
  (``econ.report.charts.MIN_FONT_PT`` at the chart's DPI, scaled by rendered / natural
  width);
* the smallest computed font size of any visible text on the page.

Prints the measurements as JSON and exits 1 if a reader would have trouble: sideways
scrolling, a chart narrower than :data:`MIN_CHART_PX`, chart text under
:data:`MIN_TEXT_PX` or page text under :data:`MIN_TEXT_PX`; 2 if Chromium is missing or
fails. Used by ``tests/test_report_browser.py`` (skipped where Chromium is not installed).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from econ.report.charts import DPI, MIN_FONT_PT

MIN_TEXT_PX = 10.0
MIN_CHART_PX = 900.0
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
_PROBE = """<script>
window.addEventListener("load", function () {
  var out = {innerWidth: window.innerWidth,
             scrollWidth: document.documentElement.scrollWidth, images: []};
  document.querySelectorAll("img").forEach(function (img) {
    out.images.push({alt: img.alt.slice(0, 80), width: img.getBoundingClientRect().width,
                     natural: img.naturalWidth});
  });
  var min = 1e9, at = "", walker = document.createTreeWalker(document.body,
                                                             NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    var node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.getClientRects().length === 0) continue;
    var size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min) { min = size; at = el.tagName + ": " + node.textContent.trim().slice(0, 60); }
  }
  out.minFontPx = min; out.minFontAt = at;
  var pre = document.createElement("pre");
  pre.id = "econ-check"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""
_RESULT = re.compile(r'<pre id="econ-check">(.*?)</pre>', re.S)


def browser() -> str | None:
    """The Chromium executable, or None."""
    return next((found for name in _BROWSERS if (found := shutil.which(name))), None)


def measure(page: Path, *, width: int = 1280, executable: str | None = None,
            timeout: float = 120.0) -> dict[str, object]:
    """Lay ``page`` out in headless Chromium at ``width`` px and return the measurements."""
    exe = executable or browser()
    if exe is None:
        raise FileNotFoundError("no Chromium found (install the chromium package)")
    text = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "page.html"
        probe.write_text(text.replace("</body>", _PROBE + "</body>", 1), encoding="utf-8")
        done = subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp}/profile", "--hide-scrollbars",
             f"--window-size={width},900", "--virtual-time-budget=10000", "--dump-dom",
             probe.as_uri()], capture_output=True, text=True, timeout=timeout, check=False)
    found = _RESULT.search(done.stdout)
    if found is None:
        raise RuntimeError(f"{exe} exited {done.returncode} without the measurements: "
                           f"{done.stderr.strip()[-500:]}")
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    smallest = MIN_FONT_PT * DPI / 72  # the charts' smallest text in PNG pixels
    for image in result["images"]:  # type: ignore[union-attr]
        image["min_text_px"] = smallest * image["width"] / max(image["natural"], 1)
    return result


def problems(result: dict[str, object]) -> list[str]:
    """What a reader would have trouble with, in words (empty if nothing)."""
    found = []
    if float(result["scrollWidth"]) > float(result["innerWidth"]):  # type: ignore[arg-type]
        found.append(f"the page scrolls sideways ({result['scrollWidth']} px wide in a "
                     f"{result['innerWidth']} px window)")
    if float(result["minFontPx"]) < MIN_TEXT_PX:  # type: ignore[arg-type]
        found.append(f"page text at {result['minFontPx']} px ({result['minFontAt']})")
    for image in result["images"]:  # type: ignore[union-attr]
        if image["width"] < MIN_CHART_PX:
            found.append(f"chart '{image['alt']}' shown {image['width']:.0f} px wide")
        if image["min_text_px"] < MIN_TEXT_PX:
            found.append(f"chart '{image['alt']}' text at {image['min_text_px']:.1f} px")
    return found


def main(argv: list[str] | None = None) -> int:
    """Command line: measure, print JSON, exit 0 (fine), 1 (problems) or 2 (no browser)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)
    try:
        result = measure(args.page, width=args.width)
    except (FileNotFoundError, RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"check_report_browser: {exc}", file=sys.stderr)
        return 2
    result["problems"] = problems(result)
    print(json.dumps(result, indent=1))
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
