// Search on a static export of the portal (gongkai export-static): the exported search page has no server
// behind it, so this script asks the live site's open API and shows the answer. Text is set with
// textContent and <mark> elements, never as HTML. Without JavaScript the form goes to the live site.
(function () {
  'use strict';
  var script = document.currentScript;
  var api = (script && script.getAttribute('data-api')) || '';
  var params = new URLSearchParams(location.search);
  var q = (params.get('q') || '').trim();
  var out = document.getElementById('static-search-results');
  if (!out || !q) return;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function marked(parent, segments) {
    segments.forEach(function (s) {
      parent.appendChild(s.hit ? el('mark', s.text) : document.createTextNode(s.text));
    });
  }

  var url = new URL(api + '/api/v1/public/search', location.href);
  ['q', 'unit', 'topic', 'genre', 'year', 'validity', 'sort', 'page'].forEach(function (k) {
    var v = params.get(k);
    if (v) url.searchParams.set(k, v);
  });
  out.textContent = '正在搜索……';
  fetch(url.toString(), { headers: { accept: 'application/json' } })
    .then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    })
    .then(function (data) {
      out.textContent = '';
      var status = el('p', data.total ? '找到' + (data.totalCapped ? '超过 ' : data.totalEstimated ? '约 ' : ' ') + data.total + ' 条结果' : '没有找到与“' + data.query + '”相关的信息。', 'search-status');
      status.setAttribute('role', 'status');
      out.appendChild(status);
      (data.notices || []).forEach(function (n) {
        out.appendChild(el('p', n, 'search-hint'));
      });
      var list = el('ol', '', 'search-results record-list');
      data.items.forEach(function (item) {
        var li = el('li');
        var h = el('h2', '', 'search-result-title');
        var a = el('a');
        a.href = new URL(item.url, api || location.href).pathname;
        marked(a, item.titleSegments);
        h.appendChild(a);
        li.appendChild(h);
        var p = el('p', '', 'search-snippet');
        marked(p, item.snippet);
        li.appendChild(p);
        li.appendChild(el('p', [item.publisher, item.docNo, item.publishedOn].filter(Boolean).join(' · '), 'record-list-meta'));
        list.appendChild(li);
      });
      out.appendChild(list);
    })
    .catch(function () {
      out.textContent = '暂时无法搜索，请稍后再试，或访问网站的在线版本。';
    });
})();
