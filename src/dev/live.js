// secretaria serve: reloads this tab when its page (or a file it may use) changes, and shows
// the content errors over the page while the last good version stays visible. Injected only
// by the dev server; never part of the published site.
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
  function hide() {
    if (box && box.parentNode) box.parentNode.removeChild(box);
    box = null;
  }
  // Errors: the page is the last good version. Warnings: the page is up to date, and the
  // checks found something in what was just saved.
  function show(html, warning) {
    hide();
    var colour = warning ? "#7a4d00" : "#b00020";
    box = document.createElement("div");
    box.id = "secretaria-erros";
    box.setAttribute("role", warning ? "status" : "alert");
    box.setAttribute("style",
      "position:fixed;z-index:2147483647;left:0;right:0;" + (warning ? "bottom:0" : "top:0") +
      ";max-height:" + (warning ? "40vh" : "80vh") + ";overflow:auto;" +
      "margin:0;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-" + (warning ? "top" : "bottom") +
      ":6px solid " + colour + ";" +
      "font:16px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.35);text-align:left");
    box.innerHTML =
      '<p style="margin:0 0 .5rem;font-weight:700;color:' + colour + ';font-size:1.15rem">' +
      (warning ? "Avisos sobre o que você salvou (o site já foi atualizado)"
               : "O conteúdo tem erros: o site mostra a última versão que funcionou") + "</p>" + html +
      '<p style="margin:.5rem 0 0">' + (warning ? "Corrija e salve, ou feche: " : "Corrija o arquivo e salve: ") +
      "esta mensagem some sozinha. " +
      '<button type="button" style="font:inherit">Fechar</button></p>';
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
