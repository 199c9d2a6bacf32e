/* secretaria: loaded in <head> without defer, so that the reader's saved font size and
   contrast apply before the first paint (no flash). A file, not inline, so that the site
   works under a Content-Security-Policy of script-src 'self' (docs/hospedagem.md). */
(function(){var d=document.documentElement,s;d.classList.add('js');try{s=window.localStorage;}catch(e){return;}
var f=parseInt(s&&s.getItem('secretaria.fonte'),10);if(f>0&&f<=5){d.setAttribute('data-fonte',String(f));}
var c=s&&s.getItem('secretaria.contraste');if(c==='alto'||(c===null&&window.matchMedia&&window.matchMedia('(prefers-contrast: more)').matches)){d.classList.add('alto-contraste');}})();
