// Applies the stored accessibility preferences before first paint (loaded synchronously in <head>).
(function () {
  var html = document.documentElement;
  var fonte = 0;
  var contraste = null;
  try {
    fonte = parseInt(localStorage.getItem('secretaria.fonte') || '0', 10) || 0;
    contraste = localStorage.getItem('secretaria.contraste');
  } catch (e) {}
  if (fonte) html.style.fontSize = 100 + fonte * 20 + '%';
  if (contraste === 'alto' || (contraste === null && window.matchMedia && matchMedia('(prefers-contrast: more)').matches)) {
    html.classList.add('alto-contraste');
  }
})();
