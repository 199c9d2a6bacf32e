// The pagination of long listings (`.paginacao`, or any navigation with rel=prev/next links),
// checked where axe cannot: a <nav> named "Paginação", exactly one link marked
// aria-current="page", previous and next with visible words, and a <title> that says which
// page this is ("… – página 2 de 3").

/** Problems of the pagination on the loaded page (none when it has none). */
export async function checkPagination(page) {
  return page.evaluate(() => {
    const problems = [];
    const navs = new Set(
      [...document.querySelectorAll('.paginacao, a[rel~="next"], a[rel~="prev"]')]
        .filter((el) => !el.closest('head'))
        .map((el) => el.closest('nav') ?? el.closest('.paginacao') ?? el),
    );
    for (const nav of navs) {
      if (nav.tagName !== 'NAV') {
        problems.push('pagination: the links between pages are not inside a <nav>');
        continue;
      }
      if (nav.getAttribute('aria-label') !== 'Paginação') {
        problems.push(`pagination: <nav> named "${nav.getAttribute('aria-label') ?? ''}", not "Paginação"`);
      }
      const current = nav.querySelectorAll('a[aria-current="page"]');
      if (current.length !== 1) problems.push(`pagination: ${current.length} links with aria-current="page", not 1`);
      for (const link of nav.querySelectorAll('a[rel~="next"], a[rel~="prev"]')) {
        const words = [...link.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
        if (!words || link.offsetWidth === 0) problems.push(`pagination: a ${link.rel} link without visible text`);
      }
      const number = current[0]?.textContent.replace(/\D+/g, '');
      const count = nav.querySelectorAll('a:not([rel])').length ? Math.max(...[...nav.querySelectorAll('a:not([rel])')].map((a) => Number(a.textContent.replace(/\D+/g, '')) || 0)) : 0;
      if (number && !document.title.includes(`página ${number} de ${count}`)) {
        problems.push(`pagination: the <title> "${document.title}" does not say "página ${number} de ${count}"`);
      }
    }
    return problems;
  });
}
