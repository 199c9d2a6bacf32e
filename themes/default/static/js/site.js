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

  /* "Aberto agora": the schedule is in data-horario as minutes since midnight per weekday. */
  var DAYS = ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'];
  function hm(min) { var h = Math.floor(min / 60), m = min % 60; return h + 'h' + (m ? (m < 10 ? '0' : '') + m : ''); }
  var boxes = document.querySelectorAll('[data-horario]');
  for (var b = 0; b < boxes.length; b++) {
    var data; try { data = JSON.parse(boxes[b].getAttribute('data-horario')); } catch (e) { continue; }
    var out = boxes[b].querySelector('.aberto-agora');
    if (!data || !data.w || !out) { continue; }
    var now = new Date();
    var mondayFirst = (now.getDay() + 6) % 7;
    var today = now.getFullYear() + '-' + ('0' + (now.getMonth() + 1)).slice(-2) + '-' + ('0' + now.getDate()).slice(-2);
    var intervals = data.w[mondayFirst] || [];
    var exceptions = data.x || [];
    for (var x = 0; x < exceptions.length; x++) { if (exceptions[x].d === today) { intervals = exceptions[x].i || []; } }
    var minute = now.getHours() * 60 + now.getMinutes();
    var text = 'Fechado agora.';
    for (var k = 0; k < intervals.length; k++) {
      var iv = intervals[k];
      if (minute >= iv[0] && minute < iv[1]) { text = 'Aberto agora, até as ' + hm(iv[1]) + '.'; break; }
      if (minute < iv[0]) { text = 'Fechado agora; abre hoje às ' + hm(iv[0]) + '.'; break; }
    }
    out.textContent = text + ' (' + DAYS[now.getDay()] + ', horário deste aparelho)';
    out.hidden = false;
  }
}());
