/* secretaria default theme: font size and contrast controls (persisted), access keys that move
   focus, and the "aberto agora" indicator computed in the reader's browser. The page works
   without this file; it only adds. */
(function () {
  'use strict';
  var root = document.documentElement;
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }
  function save(key, value) { try { if (store) { store.setItem(key, value); } } catch (e) { /* private mode */ } }
  function announce(text) { var el = document.getElementById('anuncio'); if (el) { el.textContent = text; } }

  var MAX = 5;
  function level() { var n = parseInt(root.getAttribute('data-fonte') || '0', 10); return isNaN(n) ? 0 : n; }
  function setLevel(n) {
    n = Math.max(0, Math.min(MAX, n));
    if (n === 0) { root.removeAttribute('data-fonte'); } else { root.setAttribute('data-fonte', String(n)); }
    save('secretaria.fonte', String(n));
    var percent = [100, 112, 125, 150, 175, 200][n];
    announce('Tamanho do texto: ' + percent + '%');
  }
  function bind(id, fn) { var el = document.getElementById(id); if (el) { el.addEventListener('click', fn); } return el; }
  bind('aumentar-fonte', function () { setLevel(level() + 1); });
  bind('diminuir-fonte', function () { setLevel(level() - 1); });
  bind('fonte-normal', function () { setLevel(0); });
  var contrast = bind('alto-contraste', function () {
    var on = !root.classList.contains('alto-contraste');
    root.classList.toggle('alto-contraste', on);
    save('secretaria.contraste', on ? 'alto' : 'normal');
    contrast.setAttribute('aria-pressed', on ? 'true' : 'false');
    announce(on ? 'Alto contraste ativado' : 'Alto contraste desativado');
  });
  if (contrast) { contrast.setAttribute('aria-pressed', root.classList.contains('alto-contraste') ? 'true' : 'false'); }

  /* Skip links and access keys move keyboard focus, not only the scroll position. */
  function focusTarget(hash) {
    var id = hash && hash.charAt(0) === '#' ? hash.slice(1) : '';
    var target = id && document.getElementById(id);
    if (target) { target.focus(); }
  }
  var links = document.querySelectorAll('.atalhos a');
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener('click', function (ev) { focusTarget(ev.currentTarget.getAttribute('href')); });
  }
  document.addEventListener('keydown', function (ev) {
    if (!ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var map = { '1': '#conteudo', '2': '#menu', '3': '#busca', '4': '#rodape' };
    var key = ev.code && ev.code.indexOf('Digit') === 0 ? ev.code.slice(5) : ev.key;
    if (map[key] && document.getElementById(map[key].slice(1))) { ev.preventDefault(); focusTarget(map[key]); }
  });

  /* "Aberto agora", in the municipality's time and calendar, not the reader's device: each
     unit's hours are in data-horario (minutes since midnight, Monday first; "x" exceptions,
     "f" hours on holidays when known); the zone, its name, its current UTC offset and the
     holiday rules are in #calendario. The page states the hours without this. */
  var cal = null;
  var calEl = document.getElementById('calendario');
  if (calEl) { try { cal = JSON.parse(calEl.textContent); } catch (e) { cal = null; } }
  var DAYS = ['segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'];
  var DAY_MS = 86400000;
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function hm(min) { var h = Math.floor(min / 60), m = min % 60; return h + 'h' + (m ? pad(m) : ''); }
  /* Date and minute of the day in the municipality: Intl with the zone when the browser has
     it (Chromium does, offline), else the zone's offset at build time. */
  function localNow(now) {
    if (cal && cal.z && window.Intl && Intl.DateTimeFormat) {
      try {
        var parts = new Intl.DateTimeFormat('en-US', { timeZone: cal.z, hourCycle: 'h23', year: 'numeric',
          month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(now);
        var p = {};
        for (var i = 0; i < parts.length; i++) { p[parts[i].type] = parts[i].value; }
        var y = parseInt(p.year, 10), mo = parseInt(p.month, 10), d = parseInt(p.day, 10);
        var min = (parseInt(p.hour, 10) % 24) * 60 + parseInt(p.minute, 10);
        if (!isNaN(y + mo + d + min)) { return { y: y, m: mo, d: d, min: min }; }
      } catch (e) { /* an unknown zone: use the offset */ }
    }
    var offset = cal && typeof cal.o === 'number' ? cal.o : -180;
    var t = new Date(now.getTime() + offset * 60000);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), min: t.getUTCHours() * 60 + t.getUTCMinutes() };
  }
  /* Easter Sunday (anonymous Gregorian algorithm), as UTC milliseconds; the same as the
     generator's model::holidays::easter. */
  function easter(y) {
    var a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
    var f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
    var i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
    var month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
    return Date.UTC(y, month - 1, day);
  }
  /* The holiday on a date, as the generator's HolidayCalendar::on decides it: the
     municipality's first, then the nation's fixed ones, then those that follow Easter. */
  function holiday(y, m, d) {
    if (!cal) { return null; }
    var iso = y + '-' + pad(m) + '-' + pad(d), i, list;
    list = cal.d || [];
    for (i = 0; i < list.length; i++) { if (list[i][0] === iso) { return { n: list[i][1], k: 'f' }; } }
    list = cal.m || [];
    for (i = 0; i < list.length; i++) { if (list[i][0] === m && list[i][1] === d) { return { n: list[i][2], k: 'f' }; } }
    list = cal.a || [];
    for (i = 0; i < list.length; i++) {
      if (list[i][0] === m && list[i][1] === d && y >= list[i][3]) { return { n: list[i][2], k: 'f' }; }
    }
    var day = Date.UTC(y, m - 1, d), sunday = easter(y);
    list = cal.p || [];
    for (i = 0; i < list.length; i++) { if (sunday + list[i][0] * DAY_MS === day) { return { n: list[i][1], k: list[i][2] }; } }
    return null;
  }
  function status(data, now) {
    var iso = now.y + '-' + pad(now.m) + '-' + pad(now.d);
    var weekday = (new Date(Date.UTC(now.y, now.m - 1, now.d)).getUTCDay() + 6) % 7;
    var intervals = data.w[weekday] || [], why = '', caution = '', x;
    var off = holiday(now.y, now.m, now.d), exception = null;
    var exceptions = data.x || [];
    for (x = 0; x < exceptions.length; x++) { if (exceptions[x].d === iso) { exception = exceptions[x]; } }
    if (exception) {
      intervals = exception.i || [];
      if (exception.r) { why = ' Hoje: ' + exception.r + '.'; }
    } else if (off && off.k === 'f') {
      if (!data.f) { return 'Hoje é feriado (' + off.n + '); a unidade não informou o horário de feriados.'; }
      intervals = data.f;
      why = ' Hoje é feriado (' + off.n + ').';
    } else if (off) {
      caution = ' Hoje é ponto facultativo (' + off.n + '): confirme o atendimento.';
    }
    var text = 'Fechado agora.';
    for (var k = 0; k < intervals.length; k++) {
      var iv = intervals[k];
      if (now.min >= iv[0] && now.min < iv[1]) {
        text = iv[0] === 0 && iv[1] === 1440 ? 'Aberto agora (24 horas).' : 'Aberto agora, até as ' + hm(iv[1]) + '.';
        break;
      }
      if (now.min < iv[0]) { text = 'Fechado agora; abre hoje às ' + hm(iv[0]) + '.'; break; }
    }
    return text + why + caution;
  }
  var boxes = document.querySelectorAll('[data-horario]');
  if (boxes.length) {
    var now = localNow(new Date());
    var weekdayNow = (new Date(Date.UTC(now.y, now.m - 1, now.d)).getUTCDay() + 6) % 7;
    var zone = cal && cal.n ? cal.n : 'horário local';
    for (var b = 0; b < boxes.length; b++) {
      var data; try { data = JSON.parse(boxes[b].getAttribute('data-horario')); } catch (e) { continue; }
      var out = boxes[b].querySelector('.aberto-agora');
      if (!data || !data.w || !out) { continue; }
      out.textContent = status(data, now) + ' (' + DAYS[weekdayNow] + ', ' + zone + ')';
      out.hidden = false;
    }
  }
}());
