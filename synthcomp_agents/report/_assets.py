"""The page's inline stylesheet and script (no external resources; the script is pinned by a CSP hash)."""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--fg:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--card:#fff;--accent:#3867d6;
--created:#1e8e3e;--modified:#b7791f;--deleted:#c53030;--moved:#6b46c1;--written:#2b6cb0}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);
background:var(--bg)}
header{background:#102a43;color:#f0f4f8;padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px}
header .sub{margin:0;color:#bcccdc}
nav{margin-top:10px}nav a{color:#9fb3c8;margin-right:14px;text-decoration:none}nav a:hover{color:#fff}
main{max-width:1100px;margin:0 auto;padding:18px 28px 40px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
h2{margin:0 0 12px;font-size:18px}h3{font-size:15px;margin:14px 0 6px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}
.kpi{background:#243b53;border-radius:6px;padding:8px 12px;min-width:120px}
.kpi b{display:block;font-size:20px;color:#fff}.kpi span{font-size:12px;color:#bcccdc}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:8px 28px}
@media (max-width:800px){.grid2{grid-template-columns:1fr}}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:0}
dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
.persona{font-style:italic;border-left:3px solid var(--accent);padding:4px 10px;margin:0 0 12px;background:#f0f4ff}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
.b{display:inline-block;border-radius:10px;padding:0 8px;font-size:11.5px;font-weight:600;color:#fff;
background:var(--muted);white-space:nowrap}
.b-created,.b-pass{background:var(--created)}.b-modified{background:var(--modified)}
.b-deleted,.b-fail{background:var(--deleted)}.b-moved{background:var(--moved)}.b-written{background:var(--written)}
.b-unchanged{background:#9aa5b1}.b-na{background:#9aa5b1}.b-deliv{background:var(--accent)}
.bar{display:inline-block;width:160px;height:10px;background:#e4e7eb;border-radius:5px;vertical-align:middle;
overflow:hidden}.bar i{display:block;height:100%;background:var(--accent)}
.bar.pen i{background:var(--deleted)}
.score{font-weight:700;font-size:15px}
.obj{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:10px 0}
.obj h3{margin:0 0 4px}
.deliv{margin:8px 0 8px 8px;padding-left:10px;border-left:3px solid var(--line)}
.deliv.ok{border-left-color:var(--created)}.deliv.bad{border-left-color:var(--deleted)}
.audit{margin:4px 0;color:#334e68}
.panel{border-radius:6px;padding:10px 14px;margin:8px 0}
.warn{background:#fffbea;border:1px solid #f0b429}
.muted{color:var(--muted)}
.big{font-size:34px;font-weight:700}
svg.chart{width:100%;height:auto;max-width:760px;display:block;margin:8px 0 18px}
svg .grid{stroke:#e4e7eb;stroke-width:1}svg .ax{font-size:11px;fill:#616e7c}
svg .ct{font-size:13px;font-weight:600;fill:#1f2933}svg .lg{font-size:11px;fill:#334e68}
details>summary{cursor:pointer}
.day{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:6px 10px}
.day>summary{font-weight:600}
.day .meta{font-weight:400;color:var(--muted)}
ul.items{list-style:none;padding:0;margin:6px 0}
ul.items li{padding:3px 0;border-bottom:1px dashed #eef1f4}
.t{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:6px}
.k{display:inline-block;min-width:92px;font-size:11.5px;font-weight:600;color:var(--muted);text-transform:uppercase}
.k-submission{color:var(--created)}.k-mail_received,.k-mail_sent{color:var(--accent)}
.k-tool_error,.k-file_deleted{color:var(--deleted)}.k-journal{color:var(--moved)}
pre{white-space:pre-wrap;word-break:break-word;background:#f5f7fa;border:1px solid var(--line);border-radius:4px;
padding:6px 8px;margin:4px 0;font-size:12.5px;max-height:320px;overflow:auto}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:16px}
ul.tree{padding-left:0}
ul.tree li{margin:1px 0}
ul.tree .n{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
ul.tree .sz{color:var(--muted);font-size:11.5px}
ul.tree li.s-deleted>.n{text-decoration:line-through;color:var(--deleted)}
ul.tree summary .cnt{color:var(--muted);font-size:11.5px}
.controls{display:none;gap:10px;align-items:center;flex-wrap:wrap;margin:8px 0}
.js .controls{display:flex}
.controls input[type=search]{padding:4px 8px;border:1px solid var(--line);border-radius:4px;min-width:240px}
button{border:1px solid var(--line);background:#fff;border-radius:4px;padding:3px 10px;cursor:pointer}
footer{text-align:center;color:var(--muted);font-size:12px;padding:0 0 30px}
""".strip()

JS = """
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }
  var tree = document.getElementById("file-tree");
  var filter = document.getElementById("file-filter");
  var onlyChanged = document.getElementById("only-changed");
  var count = document.getElementById("file-count");
  function applyFilter() {
    if (!tree) { return; }
    var text = filter ? filter.value.trim().toLowerCase() : "";
    var changedOnly = onlyChanged ? onlyChanged.checked : false;
    var shown = 0;
    all("li.f", tree).forEach(function (li) {
      var name = li.getAttribute("data-n") || "";
      var ok = (!changedOnly || li.getAttribute("data-s") !== "unchanged") &&
        (!text || name.toLowerCase().indexOf(text) >= 0);
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    all("li.dir", tree).forEach(function (li) {
      var visible = li.querySelector("li.f:not([hidden])") !== null;
      li.hidden = !visible;
      if (visible && (text || changedOnly)) { li.firstElementChild.open = true; }
    });
    if (count) { count.textContent = shown + " files shown"; }
  }
  if (filter) { filter.addEventListener("input", applyFilter); }
  if (onlyChanged) { onlyChanged.addEventListener("change", applyFilter); }
  all("button[data-target]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-open") === "1";
      all("#" + button.getAttribute("data-target") + " details").forEach(function (d) { d.open = open; });
    });
  });
  applyFilter();
  root.setAttribute("data-ready", "1");
})();
""".strip()


def script_hash(script: str = JS) -> str:
    """The CSP source that allows exactly ``script`` (``'sha256-...'``).

    Example:
        >>> script_hash("").startswith("'sha256-")
        True
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    f"script-src {script_hash()}; base-uri 'none'; form-action 'none'"
)
