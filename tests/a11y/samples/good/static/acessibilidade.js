// The accessibility bar: font size (A+ A- A), high contrast, and skip links that move focus.
(function () {
  var html = document.documentElement;
  var MAX = 5; // 100% → 200% in five steps
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) {} },
  };
  var fonte = parseInt(store.get('secretaria.fonte') || '0', 10) || 0;

  function aplicarFonte(passo) {
    fonte = Math.max(0, Math.min(MAX, passo));
    html.style.fontSize = fonte ? 100 + fonte * 20 + '%' : '';
    store.set('secretaria.fonte', String(fonte));
  }

  var botaoContraste = document.getElementById('alto-contraste');
  function mostrarContraste() {
    botaoContraste.setAttribute('aria-pressed', String(html.classList.contains('alto-contraste')));
  }

  document.getElementById('aumentar-fonte').addEventListener('click', function () { aplicarFonte(fonte + 1); });
  document.getElementById('diminuir-fonte').addEventListener('click', function () { aplicarFonte(fonte - 1); });
  document.getElementById('fonte-normal').addEventListener('click', function () { aplicarFonte(0); });
  botaoContraste.addEventListener('click', function () {
    var ligado = html.classList.toggle('alto-contraste');
    store.set('secretaria.contraste', ligado ? 'alto' : 'normal');
    mostrarContraste();
  });
  mostrarContraste();

  // Skip links (also reached with their access keys): move focus, not just the scroll position.
  document.querySelectorAll('.atalhos a[href^="#"]').forEach(function (link) {
    link.addEventListener('click', function () {
      var alvo = document.getElementById(link.getAttribute('href').slice(1));
      if (alvo) setTimeout(function () { alvo.focus(); }, 0);
    });
  });

  document.querySelector('.controles').hidden = false;
})();
