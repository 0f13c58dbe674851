// The coverage page: renders the report embedded in #coverage-data (see
// src/coverage/html.rs for its packing) and wires the search and filters.
// Loads nothing; every string of the report is written as text.
(function () {
  'use strict';
  var raw = JSON.parse(document.getElementById('coverage-data').textContent);
  var R = raw.report;
  var at = {};
  raw.fields.forEach(function (f, i) { at[f] = i; });
  var KINDS = ['types', 'fields', 'arguments', 'input-fields', 'enum-values', 'union-members', 'implementations', 'directives'];
  var COUNTS = ['hits', 'selected', 'responses', 'nulls', 'requests'];
  var LABELS = { hits: 'hits', selected: 'selected', responses: 'answered', nulls: 'null', requests: 'sent' };

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function plural(n, what) { return n + ' ' + what + (n === 1 ? '' : 's'); }
  function pct(n, total) { return total === 0 ? 100 : Math.round(n * 1000 / total) / 10; }
  function bar(p) { return '<span class="bar" title="' + p.toFixed(1) + '%"><i style="width:' + p + '%"></i></span>'; }
  function href(file) {
    var path = file.charAt(0) === '/' ? 'file://' + file : raw.linkBase + file;
    return encodeURI(path);
  }
  function siteLink(file, line, column) {
    var label = file + ':' + line + ':' + column;
    return '<a href="' + esc(href(file)) + '">' + esc(label) + '</a>';
  }

  var coords = raw.coordinates.map(function (a) {
    var c = {
      coordinate: a[at.coordinate], kind: a[at.kind], deprecated: a[at.deprecated] === 1,
      hits: a[at.hits], selected: a[at.selected], responses: a[at.responses], nulls: a[at.nulls],
      requests: a[at.requests], root: a[at.root], sites: a[at.sites]
    };
    c.covered = c.hits + c.selected + c.responses + c.nulls + c.requests > 0;
    c.lc = c.coordinate.toLowerCase();
    return c;
  });

  // Header, totals.
  var i = R.inputs;
  document.getElementById('meta').textContent = R.schema.path + ' (scope: ' + R.scope + '): ' +
    [plural(i.files, 'file'), plural(i.documents, 'document'), plural(i.operations, 'operation'), plural(i.exchanges, 'exchange')].join(', ') +
    '; check: ' + plural(R.check.errors, 'error') + ', ' + plural(R.check.warnings, 'warning');
  document.querySelector('#summary tbody').innerHTML = KINDS.map(function (k) {
    var s = R.summary[k];
    return '<tr data-kind="' + k + '"><td>' + k + '</td><td data-k="covered">' + s.covered + '</td><td data-k="total">' + s.total +
      '</td><td data-k="percent">' + s.percent.toFixed(1) + '%</td><td>' + bar(s.percent) + '</td><td data-k="answered">' + s.answered +
      '</td><td data-k="sent">' + s.sent + '</td></tr>';
  }).join('');
  document.getElementById('roots').textContent = 'Root fields: ' + Object.keys(R.roots).map(function (k) {
    return k + ' ' + R.roots[k].covered + '/' + R.roots[k].total;
  }).join(', ');
  document.getElementById('deprecated-used').textContent = R.deprecatedUsed.length
    ? 'Deprecated and used: ' + R.deprecatedUsed.join(', ') : 'No deprecated coordinate is used.';

  // The tree: owners (a type, a directive) and their members, in coordinate order.
  var owners = [];
  var byName = {};
  coords.forEach(function (c) {
    var name = c.coordinate.split(/[.(]/)[0];
    var o = byName[name];
    if (!o) { o = byName[name] = { name: name, self: null, members: [] }; owners.push(o); }
    if (c.coordinate === name) o.self = c; else o.members.push(c);
  });
  function cells(c) {
    return COUNTS.map(function (k) { return '<span data-k="' + k + '">' + c[k] + '</span>'; }).join('');
  }
  function nameOf(c, label) {
    return '<span class="name">' + esc(label) + '<span class="kind">' + c.kind + '</span>' +
      (c.deprecated ? '<span class="dep">deprecated</span>' : '') + '</span>';
  }
  var html = ['<div class="row head"><span class="name">coordinate</span><span>members</span><span>covered</span>' +
    COUNTS.map(function (k) { return '<span>' + LABELS[k] + '</span>'; }).join('') + '</div>'];
  owners.forEach(function (o, k) {
    var covered = o.members.filter(function (m) { return m.covered; }).length;
    var total = o.members.length;
    var p = pct(covered, total);
    var self = o.self;
    var cls = 'owner ' + (self ? (self.covered ? 'covered' : 'uncovered') : '');
    var attrs = ' data-o="' + k + '"' + (self ? ' data-coord="' + esc(self.coordinate) + '" data-kind="' + self.kind + '"' : '');
    html.push('<details class="' + cls + '"' + attrs + '><summary><span class="row">' +
      (self ? nameOf(self, o.name) : '<span class="name">' + esc(o.name) + '</span>') +
      (total ? bar(p) : '<span></span>') + '<span data-k="members">' + covered + '/' + total + '</span>' +
      (self ? cells(self) : '<span></span><span></span><span></span><span></span><span></span>') +
      '</span></summary><div class="members"></div></details>');
  });
  var tree = document.getElementById('tree');
  tree.innerHTML = html.join('');
  tree.querySelectorAll('details.owner').forEach(function (el, k) { owners[k].el = el; });

  // An owner's members are written when it is first opened, or shown by a
  // search or filter: Plain's full schema has some 7,000 of them.
  function renderMembers(o) {
    if (o.rendered) return;
    o.rendered = true;
    o.el.querySelector('.members').innerHTML = o.members.map(function (m) {
      var label = m.coordinate.slice(o.name.length + (m.coordinate.charAt(o.name.length) === '.' ? 1 : 0));
      var mcls = 'member ' + (m.covered ? 'covered' : 'uncovered') + (m.kind === 'argument' ? ' arg' : '');
      var a = ' class="' + mcls + '" data-coord="' + esc(m.coordinate) + '" data-kind="' + m.kind + '"' + (m.show ? '' : ' hidden');
      var row = '<span class="row">' + nameOf(m, label) + '<span></span><span></span>' + cells(m) + '</span>';
      return m.sites.length
        ? '<details' + a + '><summary>' + row + '</summary><ul class="sites"></ul></details>'
        : '<div' + a + '>' + row + '</div>';
    }).join('');
    o.el.querySelectorAll('.member').forEach(function (el, j) { o.members[j].el = el; });
  }
  // Sites are written when their row is opened (Plain's SDK has some 20,000).
  tree.addEventListener('toggle', function (e) {
    var d = e.target;
    if (!d.open) return;
    if (d.classList.contains('owner')) { renderMembers(owners[Number(d.getAttribute('data-o'))]); return; }
    var ul = d.querySelector('ul.sites');
    if (!ul || ul.childElementCount) return;
    var o = owners[Number(d.closest('details.owner').getAttribute('data-o'))];
    var c = o.members.filter(function (m) { return m.el === d; })[0];
    var s = c.sites;
    var items = [];
    for (var j = 0; j < s.length; j += 3) items.push('<li>' + siteLink(raw.files[s[j]], s[j + 1], s[j + 2]) + '</li>');
    ul.innerHTML = items.join('');
  }, true);
  document.getElementById('expand').addEventListener('click', function () {
    owners.forEach(function (o) { if (!o.el.hidden) { renderMembers(o); o.el.open = true; } });
  });
  document.getElementById('collapse').addEventListener('click', function () {
    owners.forEach(function (o) { o.el.open = false; });
  });

  // Search and filters.
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  function mode() { return document.querySelector('input[name="show"]:checked').value; }
  function matches(c, q, m) {
    if (q && c.lc.indexOf(q) < 0) return false;
    if (m === 'uncovered') return !c.covered;
    if (m === 'deprecated') return c.deprecated && c.covered;
    return true;
  }
  function apply() {
    var q = search.value.trim().toLowerCase();
    var m = mode();
    var filtering = q !== '' || m !== 'all';
    var count = 0;
    owners.forEach(function (o) {
      var any = false;
      o.members.forEach(function (c) {
        c.show = matches(c, q, m);
        if (c.el) c.el.hidden = !c.show;
        if (c.show) { any = true; count++; }
      });
      if (filtering && any) renderMembers(o);
      var own = o.self ? matches(o.self, q, m) : false;
      if (own) count++;
      o.el.hidden = !(own || any);
      o.el.open = filtering && any;
    });
    shown.textContent = count + ' of ' + coords.length + ' coordinates shown';
  }
  search.addEventListener('input', apply);
  document.querySelectorAll('input[name="show"]').forEach(function (r) { r.addEventListener('change', apply); });
  apply();

  // Traffic and findings.
  function pairs(o) { return Object.keys(o).map(function (k) { return esc(k) + ' ' + o[k]; }).join(', '); }
  var h = R.http;
  document.getElementById('http').innerHTML = '<p>Responses of ' + esc(h.operation) + '</p><table id="responses"><thead><tr><th>status</th><th>documented</th><th>seen</th><th>body shapes</th><th>extensions.code</th></tr></thead><tbody>' +
    h.responses.map(function (s) {
      return '<tr data-status="' + esc(s.status) + '"><td>' + esc(s.status) + '</td><td>' + (s.documented ? 'yes' : 'no') + '</td><td data-k="seen">' + s.seen +
        '</td><td>' + pairs(s.shapes) + '</td><td>' + pairs(s.errorCodes) + '</td></tr>';
    }).join('') + '</tbody></table>' +
    '<p>errors[].extensions.code: ' + (Object.keys(h.errorCodes).map(function (k) { return esc(k) + ' ' + h.errorCodes[k]; }).join(', ') || 'none') + '</p>';
  document.getElementById('mutations').innerHTML = R.mutations.length
    ? '<table id="mutation-table"><thead><tr><th>mutation</th><th>calls</th><th>result</th><th>error.code</th></tr></thead><tbody>' +
      R.mutations.map(function (x) {
        return '<tr><td>' + esc(x.mutation) + '</td><td>' + x.calls + '</td><td>' + pairs(x.results) + '</td><td>' + pairs(x.errors) + '</td></tr>';
      }).join('') + '</tbody></table>'
    : '<p class="muted">No mutation was answered.</p>';
  document.getElementById('findings').innerHTML = R.check.findings.length
    ? '<ul>' + R.check.findings.map(function (f) {
      return '<li>' + siteLink(f.file, f.line, f.column) + ' <b>' + esc(f.code) + '</b> ' + esc(f.severity) + ': ' + esc(f.message) + '</li>';
    }).join('') + '</ul>'
    : '<p class="muted">None.</p>';

  document.body.setAttribute('data-render-ms', performance.now().toFixed(1));
  document.body.setAttribute('data-ready', '1');
})();
