// secretaria serve: reloads this tab when its page (or a file it may use) changes, and shows
// the content errors over the page while the last good version stays visible. Served by the
// dev server at /__secretaria/live.js, and only a <script src> to it is injected into pages
// (an inline script would break under the site's Content-Security-Policy); never part of the
// published site.
(function () {
  "use strict";
  if (!window.EventSource || !window.JSON) return;
  var key = "secretaria-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      window.addEventListener("load", function () { window.scrollTo(0, +saved); });
    }
  } catch (e) { /* storage disabled: no scroll restore */ }

  var box = null;
  // The overlay's look is a style sheet the dev server serves beside this script: no `style`
  // attribute, so that it works under the site's Content-Security-Policy (style-src 'self').
  function styles() {
    if (document.getElementById("secretaria-erros-estilo")) return;
    var link = document.createElement("link");
    link.id = "secretaria-erros-estilo";
    link.rel = "stylesheet";
    link.href = "/__secretaria/live.css";
    (document.head || document.documentElement).appendChild(link);
  }
  function hide() {
    if (box && box.parentNode) box.parentNode.removeChild(box);
    box = null;
  }
  // Errors: the page is the last good version. Warnings: the page is up to date, and the
  // checks found something in what was just saved.
  function show(html, warning) {
    hide();
    styles();
    box = document.createElement("div");
    box.id = "secretaria-erros";
    if (warning) box.className = "secretaria-aviso";
    box.setAttribute("role", warning ? "status" : "alert");
    box.innerHTML =
      '<p class="secretaria-erros-titulo">' +
      (warning ? "Avisos sobre o que você salvou (o site já foi atualizado)"
               : "O conteúdo tem erros: o site mostra a última versão que funcionou") + "</p>" + html +
      '<p class="secretaria-erros-fim">' + (warning ? "Corrija e salve, ou feche: " : "Corrija o arquivo e salve: ") +
      'esta mensagem some sozinha. <button type="button">Fechar</button></p>';
    box.querySelector("button").addEventListener("click", hide);
    (document.body || document.documentElement).appendChild(box);
  }
  function here() {
    return decodeURIComponent(location.pathname).replace(/index\.html$/, "");
  }
  function concerns(paths) {
    var page = here();
    for (var i = 0; i < paths.length; i++) {
      var p = paths[i];
      if (p === page || !/(\/|\.html)$/.test(p)) return true;
    }
    return false;
  }
  var source = new EventSource("/__secretaria/events");
  source.addEventListener("reload", function (event) {
    var data = JSON.parse(event.data);
    hide();
    if (data.all || concerns(data.paths)) {
      try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
      location.reload();
    }
  });
  source.addEventListener("ok", hide);
  // "error" is also what EventSource fires when the connection drops: only ours carry data.
  source.addEventListener("error", function (event) {
    if (typeof event.data === "string") show(JSON.parse(event.data).html, false);
  });
  source.addEventListener("warnings", function (event) {
    show(JSON.parse(event.data).html, true);
  });
})();
