/* secretaria default theme: the search page. Reads the query from the address (?q=…&tipo=…),
   turns its words into index keys exactly as the generator does (src/search/text.rs:
   lowercase, Snowball Portuguese stem of the word and of the word without accents, accents
   removed), fetches only the index buckets of those keys and the documents it shows, ranks
   (words matched, then words in the title, then score), and writes the results with the
   matched words marked. Everything is fetched relative to the page, from this site only.
   Published minified as static/js/busca.js: after editing, run `node scripts/minify-js.mjs`. */
(function () {
  'use strict';
  var app = document.getElementById('busca-app');
  if (!app) { return; }
  var status = document.getElementById('busca-situacao');
  var list = document.getElementById('busca-resultados');
  var more = document.getElementById('busca-mais');
  var field = document.getElementById('busca-termo');
  var form = field && field.form;
  var base = app.getAttribute('data-indice') || '';
  var root = app.getAttribute('data-raiz') || '';
  var PAGE = 10;
  var TITLE_WEIGHT = 3;
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  function say(text) { status.textContent = text; }
  if (!window.fetch || !window.SecretariaStemmer || !String.prototype.normalize) {
    say('Este navegador não consegue fazer a busca. Use o mapa do site para encontrar uma página.');
    return;
  }
  var stemmer = new window.SecretariaStemmer();
  var MARKS, WORD;
  try {
    MARKS = new RegExp('\\p{M}', 'gu');
    WORD = new RegExp('[\\p{L}\\p{N}\\p{M}]+', 'gu');
  } catch (e) {
    MARKS = /[\u0300-\u036f]/g;
    WORD = /[0-9A-Za-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f]+/g;
  }
  function fold(text) { return text.normalize('NFD').replace(MARKS, '').toLowerCase(); }
  function words(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) { out.push({ word: m[0], start: m.index, end: m.index + m[0].length }); }
    return out;
  }
  var stop = {};
  var keyCache = {};
  /* The keys of one word (src/search/text.rs, Analyzer::keys). */
  function keys(word) {
    if (Object.prototype.hasOwnProperty.call(keyCache, word)) { return keyCache[word]; }
    var out = [];
    if (Array.from(word).length <= 40) {
      var lower = word.toLowerCase(), folded = fold(lower);
      if (folded && !stop[folded]) {
        var first = fold(stemmer.stemWord(lower)), second = fold(stemmer.stemWord(folded));
        if (first) { out.push(first); if (second && second !== first) { out.push(second); } }
      }
    }
    keyCache[word] = out;
    return out;
  }
  /* Endings typed without accents → as written (src/search/text.rs, RESTORE). */
  var RESTORE = [['aveis', 'áveis'], ['iveis', 'íveis'], ['encias', 'ências'], ['ancias', 'âncias'],
    ['encia', 'ência'], ['ancia', 'ância'], ['avel', 'ável'], ['ivel', 'ível'], ['coes', 'ções'],
    ['cao', 'ção'], ['oes', 'ões'], ['aes', 'ães'], ['ao', 'ão']];
  /* The keys to look up for a typed word (src/search/text.rs, Analyzer::query_keys). */
  function queryKeys(word) {
    var out = keys(word).slice();
    var lower = word.toLowerCase();
    if (!out.length || fold(lower) !== lower) { return out; }
    for (var i = 0; i < RESTORE.length; i++) {
      var end = RESTORE[i][0];
      if (lower.length >= end.length && lower.slice(lower.length - end.length) === end) {
        keys(lower.slice(0, lower.length - end.length) + RESTORE[i][1]).forEach(function (k) {
          if (out.indexOf(k) < 0) { out.push(k); }
        });
        break;
      }
    }
    return out;
  }
  function utf8(text) {
    if (window.TextEncoder) { return new TextEncoder().encode(text); }
    var s = unescape(encodeURIComponent(text)), bytes = [];
    for (var i = 0; i < s.length; i++) { bytes.push(s.charCodeAt(i)); }
    return bytes;
  }
  /* FNV-1a over the key's UTF-8 bytes (src/search/index.rs, bucket_of). */
  function bucket(key, count) {
    var h = 0x811c9dc5, bytes = utf8(key);
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h & (count - 1);
  }
  /* Postings (src/search/index.rs, encode and decode): [document, record, value]. Sparse:
     document as a difference, value, record; dense ('.' first): the first document, then one
     value per document ('A' for none), each with its record; packed ('~' first): the first
     document, then two documents a digit, 3 bits each (0 none, else tier << 1 | title). */
  var TIERS = [0, 3, 8, 13];
  function decode(text) {
    var out = [], dense = text.charAt(0) === '.', packed = text.charAt(0) === '~';
    var i = dense || packed ? 1 : 0, doc = 0;
    function varint() {
      var n = 0, shift = 0, d;
      do { d = DIGITS.indexOf(text.charAt(i++)); if (d < 0) { throw new Error('índice corrompido'); } n += (d & 31) * Math.pow(2, shift); shift += 5; } while (d >= 32);
      return n;
    }
    if (packed) {
      doc = varint();
      while (i < text.length) {
        var d = DIGITS.indexOf(text.charAt(i++));
        if (d < 0) { throw new Error('índice corrompido'); }
        [d & 7, d >> 3].forEach(function (cell) {
          if (cell) { out.push([doc, 0, (TIERS[cell >> 1] << 2) | ((cell & 1) << 1)]); }
          doc += 1;
        });
      }
      return out;
    }
    if (dense) { doc = varint() - 1; }
    while (i < text.length) {
      doc += dense ? 1 : varint();
      var value = DIGITS.indexOf(text.charAt(i++));
      if (value < 0) { throw new Error('índice corrompido'); }
      if (dense && value === 0) { continue; }
      out.push([doc, value & 1 ? varint() : 0, value]);
    }
    return out;
  }
  var files = {};
  function get(path) {
    if (!files[path]) {
      files[path] = fetch(base + path).then(function (r) {
        if (!r.ok) { throw new Error(path + ': ' + r.status); }
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }

  /* Ranks the documents for a query: one entry per document, best record first. */
  function rank(meta, query) {
    var seen = {}, terms = [];
    words(query).forEach(function (w) {
      var k = queryKeys(w.word);
      var id = k.join(' ');
      if (k.length && !seen[id]) { seen[id] = true; terms.push(k); }
    });
    if (!terms.length) { return Promise.resolve(null); }
    var needed = {};
    terms.forEach(function (k) { k.forEach(function (key) { needed[bucket(key, meta.c)] = true; }); });
    var names = Object.keys(needed);
    return Promise.all(names.map(function (b) { return get('t/' + b + '.json'); })).then(function (loaded) {
      var buckets = {};
      names.forEach(function (b, i) { buckets[b] = loaded[i]; });
      var docs = {};
      terms.forEach(function (k, q) {
        var best = {};
        k.forEach(function (key) {
          var text = buckets[bucket(key, meta.c)][key];
          if (!text) { return; }
          decode(text).forEach(function (p) {
            var c = (p[2] >> 2) / 15 + (p[2] & 2 ? TITLE_WEIGHT : 0);
            var b = best[p[0]] || (best[p[0]] = { c: 0, title: false, records: {} });
            if (c > b.c) { b.c = c; }
            if (p[2] & 2) { b.title = true; }
            if (!(p[1] in b.records) || c > b.records[p[1]]) { b.records[p[1]] = c; }
          });
        });
        var df = Object.keys(best).length;
        var idf = Math.log(1 + (meta.n - df + 0.5) / (df + 0.5));
        Object.keys(best).forEach(function (d) {
          var b = best[d];
          var e = docs[d] || (docs[d] = { doc: +d, matched: 0, title: 0, score: 0, records: {} });
          e.matched += 1;
          if (b.title) { e.title += 1; }
          e.score += idf * b.c;
          Object.keys(b.records).forEach(function (r) {
            var rec = e.records[r] || (e.records[r] = { matched: 0, score: 0 });
            rec.matched += 1;
            rec.score += idf * b.records[r];
          });
        });
      });
      var ranked = Object.keys(docs).map(function (d) {
        var e = docs[d], bestRecord = 0, top = null;
        Object.keys(e.records).forEach(function (r) {
          var rec = e.records[r];
          if (!top || rec.matched > top.matched || (rec.matched === top.matched && rec.score > top.score)) { top = rec; bestRecord = +r; }
        });
        return { doc: e.doc, matched: e.matched, title: e.title, score: e.score, record: bestRecord };
      });
      ranked.sort(function (a, b) {
        return b.matched - a.matched || b.title - a.title || b.score - a.score || a.doc - b.doc;
      });
      return { terms: terms, results: ranked };
    });
  }

  function kindOf(meta, doc) {
    for (var i = 0; i < meta.k.length; i++) { if (doc >= meta.k[i][2] && doc < meta.k[i][3]) { return meta.k[i]; } }
    return null;
  }

  /* The passage of `text` with the most query words, the matches marked. */
  function excerpt(text, wanted) {
    var ws = words(text), SIZE = 30, best = 0, bestCount = -1, i, j;
    var hit = ws.map(function (w) {
      var k = keys(w.word);
      for (var n = 0; n < k.length; n++) { if (wanted[k[n]] !== undefined) { return wanted[k[n]]; } }
      return -1;
    });
    for (i = 0; i < ws.length; i++) {
      if (hit[i] < 0) { continue; }
      var found = {}, count = 0;
      for (j = i; j < Math.min(ws.length, i + SIZE); j++) { if (hit[j] >= 0 && !found[hit[j]]) { found[hit[j]] = true; count++; } }
      if (count > bestCount) { bestCount = count; best = Math.max(0, i - 5); }
    }
    var p = document.createElement('p');
    p.className = 'busca-trecho';
    if (!ws.length) { return p; }
    var end = Math.min(ws.length, best + SIZE);
    var from = ws[best].start, to = ws[end - 1].end;
    if (best > 0) { p.appendChild(document.createTextNode('… ')); }
    var at = from;
    for (i = best; i < end; i++) {
      if (hit[i] < 0) { continue; }
      p.appendChild(document.createTextNode(text.slice(at, ws[i].start)));
      var mark = document.createElement('mark');
      mark.textContent = ws[i].word;
      p.appendChild(mark);
      at = ws[i].end;
    }
    p.appendChild(document.createTextNode(text.slice(at, to) + (end < ws.length ? ' …' : '')));
    return p;
  }

  function item(meta, result, data, wanted) {
    var li = document.createElement('li');
    var h = document.createElement('h2');
    var a = document.createElement('a');
    var text = data.x || '', anchor = '', label = '';
    if (data.r) {
      var rec = data.r[result.record] || data.r[0] || ['', '', ''];
      anchor = rec[0]; label = rec[1]; text = rec[2];
      /* A hit in the title of a text whose first record is empty: show where the text starts. */
      for (var i = 0; !text && i < data.r.length; i++) { text = data.r[i][2]; }
    }
    a.href = root + data.u + (anchor ? '#' + anchor : '');
    a.textContent = label ? label + ' — ' + data.t : data.t;
    h.appendChild(a);
    li.appendChild(h);
    var kind = kindOf(meta, result.doc);
    if (kind) {
      var k = document.createElement('p');
      k.className = 'busca-tipo';
      k.textContent = kind[1];
      li.appendChild(k);
    }
    li.appendChild(excerpt(text, wanted));
    return li;
  }

  var state = { query: '', kind: '', ranked: null, meta: null, shown: 0, run: 0 };

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function counts(meta, ranked) {
    var spans = app.querySelectorAll('.busca-contagem');
    for (var i = 0; i < spans.length; i++) {
      var id = spans[i].getAttribute('data-tipo'), n = 0;
      if (ranked) {
        n = id !== 'todos' ? ranked.results.filter(function (r) { var k = kindOf(meta, r.doc); return k && k[0] === id; }).length : ranked.results.length;
      }
      spans[i].textContent = ranked ? ' (' + n + ')' : '';
    }
  }

  function filtered() {
    if (!state.ranked) { return []; }
    if (!state.kind) { return state.ranked.results; }
    return state.ranked.results.filter(function (r) { var k = kindOf(state.meta, r.doc); return k && k[0] === state.kind; });
  }

  function wantedKeys() {
    var wanted = {};
    state.ranked.terms.forEach(function (k, q) { k.forEach(function (key) { wanted[key] = q; }); });
    return wanted;
  }

  /* Shows the next PAGE results; `announce` says how many there are. */
  function show(announce) {
    var run = state.run, all = filtered(), next = all.slice(state.shown, state.shown + PAGE);
    /* A few documents per file (meta.g): each file once, however many of its documents show. */
    var per = state.meta.g || 1;
    return Promise.all(next.map(function (r) { return get('d/' + Math.floor(r.doc / per) + '.json'); })).then(function (data) {
      if (run !== state.run) { return; }
      var wanted = wantedKeys();
      next.forEach(function (r, i) { list.appendChild(item(state.meta, r, data[i][r.doc % per], wanted)); });
      state.shown += next.length;
      more.hidden = state.shown >= all.length;
      if (announce) {
        var kind = state.kind && state.meta.k.filter(function (k) { return k[0] === state.kind; })[0];
        var where = kind ? ' em ' + kind[1] : '';
        say(all.length ? plural(all.length, 'resultado', 'resultados') + where + ' para “' + state.query + '”.'
          : 'Nenhum resultado' + where + ' para “' + state.query + '”. Confira a grafia ou tente outras palavras.');
      } else {
        say('Mostrando ' + state.shown + ' de ' + plural(all.length, 'resultado', 'resultados') + '.');
      }
    });
  }

  function fail() {
    say('Não foi possível carregar a busca. Tente de novo ou use o mapa do site.');
  }

  function run(query, kind) {
    state.query = query.replace(/\s+/g, ' ').trim();
    state.kind = kind;
    state.run += 1;
    state.shown = 0;
    var run = state.run;
    list.textContent = '';
    more.hidden = true;
    if (!state.query) { state.ranked = null; counts(null, null); say(''); return Promise.resolve(); }
    say('Buscando…');
    return get('indice.json').then(function (meta) {
      state.meta = meta;
      stop = {};
      keyCache = {};
      (meta.s || []).forEach(function (w) { stop[w] = true; });
      return rank(meta, state.query);
    }).then(function (ranked) {
      if (run !== state.run) { return; }
      if (!ranked) { state.ranked = null; counts(null, null); say('Digite uma palavra que não seja muito comum (como “de” ou “para”).'); return; }
      state.ranked = ranked;
      counts(state.meta, ranked);
      return show(true);
    }).catch(fail);
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var query = params.get('q') || '', kind = params.get('tipo') || '';
    field.value = query;
    var header = document.getElementById('busca');
    if (header) { header.value = query; }
    var radios = form.querySelectorAll('input[name="tipo"]');
    for (var i = 0; i < radios.length; i++) { radios[i].checked = radios[i].value === (kind || 'todos'); }
    if (!form.querySelector('input[name="tipo"]:checked')) { kind = ''; if (radios[0]) { radios[0].checked = true; } }
    return run(query, kind);
  }

  function address(query, kind) {
    return '?q=' + encodeURIComponent(query) + (kind ? '&tipo=' + encodeURIComponent(kind) : '');
  }

  function selectedKind() {
    var checked = form.querySelector('input[name="tipo"]:checked');
    return checked && checked.value !== 'todos' ? checked.value : '';
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var kind = selectedKind();
    window.history.pushState(null, '', address(field.value, kind));
    var header = document.getElementById('busca');
    if (header) { header.value = field.value; }
    run(field.value, kind);
  });
  form.addEventListener('change', function (ev) {
    if (!ev.target || ev.target.name !== 'tipo') { return; }
    state.kind = selectedKind();
    window.history.replaceState(null, '', address(state.query, state.kind));
    state.run += 1;
    state.shown = 0;
    list.textContent = '';
    if (state.ranked) { show(true).catch(fail); }
  });
  more.addEventListener('click', function () {
    var first = state.shown;
    show(false).then(function () {
      /* Keyboard users continue from the first new result. */
      var link = list.children[first] && list.children[first].querySelector('a');
      if (link) { link.focus(); }
    }).catch(fail);
  });
  window.addEventListener('popstate', fromAddress);
  window.secretariaBusca = { keys: keys, queryKeys: queryKeys, bucket: bucket, decode: decode, fold: fold, ready: fromAddress() };
}());
