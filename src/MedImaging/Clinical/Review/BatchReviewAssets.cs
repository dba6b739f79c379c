namespace MedImaging.Clinical.Review;

/// <summary>The review page's inline style sheet and script (no external resource: the page opens from disk).</summary>
internal static class BatchReviewAssets
{
    /// <summary>The style sheet.</summary>
    public const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
        h1 { font-size: 1.4em; margin: 0; } .root { color: #666; margin-top: 0.2em; }
        table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
        th { background: #eef; cursor: pointer; position: sticky; top: 0; white-space: nowrap; }
        th.asc::after { content: " \25B2"; } th.desc::after { content: " \25BC"; }
        td[data-sort] { white-space: nowrap; } td.notes { white-space: normal; max-width: 28em; font-size: 0.9em; }
        tr.status-failed { background: #fde8e8; } tr.status-cancelled { background: #fff4d6; }
        .badge { padding: 0 5px; border-radius: 3px; color: #fff; background: #777; }
        .badge.status-ok { background: #2a7d2a; } .badge.status-failed { background: #b52222; } .badge.status-cancelled { background: #b07800; }
        .n-ok { color: #2a7d2a; } .n-failed { color: #b52222; }
        td.qc { white-space: nowrap; } .qc img { height: 56px; margin-right: 3px; border: 1px solid #999; }
        """;

    /// <summary>
    /// Sorting (click a header, or <c>#sort=KEY</c> / <c>#sort=-KEY</c>) by each cell's <c>data-sort</c>, numbers
    /// numerically and empty values last; filtering (the box, or <c>#filter=TEXT</c>) by the row's text.
    /// </summary>
    public const string Script = """
        (function () {
          var table = document.getElementById('cases'), body = table.tBodies[0];
          var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
          var box = document.getElementById('filter'), shown = document.getElementById('shown');
          function column(key) {
            for (var i = 0; i < heads.length; i++) {
              var k = heads[i].getAttribute('data-key');
              if (k === key || (k && k.indexOf(key + ':') === 0)) return i;
            }
            return -1;
          }
          function sort(key, descending) {
            var c = column(key);
            if (c < 0) return;
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = a.cells[c].getAttribute('data-sort'), y = b.cells[c].getAttribute('data-sort');
              if (x === '' || y === '') return x === y ? 0 : (x === '' ? 1 : -1);
              var nx = Number(x), ny = Number(y);
              var r = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
              return descending ? -r : r;
            });
            rows.forEach(function (r) { body.appendChild(r); });
            heads.forEach(function (h, i) { h.className = i === c ? (descending ? 'desc' : 'asc') : ''; });
            table.setAttribute('data-sorted', (descending ? '-' : '') + heads[c].getAttribute('data-key'));
          }
          function filter(text) {
            var t = text.toLowerCase(), n = 0;
            Array.prototype.forEach.call(body.rows, function (r) {
              var hit = r.textContent.toLowerCase().indexOf(t) >= 0;
              r.style.display = hit ? '' : 'none';
              if (hit) n++;
            });
            shown.textContent = n + ' of ' + body.rows.length + ' shown';
          }
          heads.forEach(function (h) {
            if (!h.getAttribute('data-key')) return;
            h.addEventListener('click', function () { sort(h.getAttribute('data-key'), h.className === 'asc'); });
          });
          box.addEventListener('input', function () { filter(box.value); });
          function fromHash() {
            location.hash.replace(/^#/, '').split('&').forEach(function (part) {
              var eq = part.indexOf('=');
              if (eq < 0) return;
              var name = part.slice(0, eq), value = decodeURIComponent(part.slice(eq + 1));
              if (name === 'sort') sort(value.replace(/^-/, ''), value.charAt(0) === '-');
              if (name === 'filter') { box.value = value; }
            });
            filter(box.value);
          }
          window.addEventListener('hashchange', fromHash);
          fromHash();
        })();
        """;
}
