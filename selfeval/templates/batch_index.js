// index.html's table: sort by a column (numbers as numbers, text by the Chinese collation) and filter by text.
// Each row's sort keys come from the page's JSON. A windowed page (many departments) keeps only the rows
// scrolled into view in the document, between two spacer rows standing for the rest: laying out 10,000 rows
// took seconds at every sort.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("departments-data").textContent);
  var table = document.getElementById("departments"), body = table.tBodies[0];
  var windowed = table.hasAttribute("data-windowed");
  var filter = document.getElementById("filter"), filtered = document.getElementById("filtered");
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = new Intl.Collator("zh");
  var trs = windowed ? null : Array.prototype.slice.call(body.rows);
  var order = data.map(function (_, i) { return i; }), shown = order;
  var CHUNK = 25, rowHeight = 24, first = -1, pending = false;

  function compare(x, y) {
    if (typeof x === "string") return collator.compare(x, y);
    return (x === null ? -Infinity : x) - (y === null ? -Infinity : y) || 0;
  }

  function text(i) {
    var d = data[i];
    if (d.text === undefined) {
      d.text = d.keys.filter(function (k) { return typeof k === "string"; }).join(" ").toLowerCase();
    }
    return d.text;
  }

  function spacer(height) {
    return '<tr class="spacer" aria-hidden="true"><td colspan="' + heads.length + '" style="height:' + height + 'px"></td></tr>';
  }

  // The rows from the chunk above the view to the chunk below it, spacers sized by the rows' mean height.
  function draw(force) {
    var above = Math.max(0, -body.getBoundingClientRect().top);
    var start = Math.max(0, (Math.floor(above / rowHeight / CHUNK) - 1) * CHUNK);
    start = Math.min(start, Math.max(0, shown.length - CHUNK));
    if (!force && start === first) return;
    first = start;
    var end = Math.min(shown.length, start + (Math.ceil(window.innerHeight / rowHeight / CHUNK) + 2) * CHUNK);
    var html = [spacer(start * rowHeight)];
    for (var i = start; i < end; i++) html.push(data[shown[i]].html);
    html.push(spacer((shown.length - end) * rowHeight));
    body.innerHTML = html.join("");
    var rows = body.rows, last = rows.length - 2;
    for (var j = 1; j <= last; j++) rows[j].setAttribute("aria-rowindex", start + j + 1);
    if (last >= 1) {
      rowHeight = Math.max(1, (rows[last].getBoundingClientRect().bottom - rows[1].getBoundingClientRect().top) / last);
      rows[0].cells[0].style.height = start * rowHeight + "px";
      rows[last + 1].cells[0].style.height = (shown.length - end) * rowHeight + "px";
    }
  }

  function show() {
    var q = filter.value.trim().toLowerCase();
    shown = q ? order.filter(function (i) { return text(i).indexOf(q) >= 0; }) : order;
    filtered.textContent = q ? "显示" + shown.length + "个，共" + data.length + "个" : "";
    if (windowed) { draw(true); return; }
    var keep = q ? new Set(shown) : null;
    order.forEach(function (i) { trs[i].hidden = keep !== null && !keep.has(i); body.appendChild(trs[i]); });
  }

  heads.forEach(function (th, col) {
    th.querySelector("button").addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      order = order.slice().sort(function (a, b) { return dir * compare(data[a].keys[col], data[b].keys[col]) || a - b; });
      heads.forEach(function (h) { h.setAttribute("aria-sort", h === th ? (dir === 1 ? "ascending" : "descending") : "none"); });
      show();
    });
  });
  filter.addEventListener("input", show);
  if (windowed) {
    var later = function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; draw(false); });
    };
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    draw(true);
  }
})();
