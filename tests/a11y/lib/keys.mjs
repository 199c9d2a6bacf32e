// Keyboard helpers: reading the focused element, and access keys as Chromium on Linux gets them.

/** A description of document.activeElement: tag, id, text, href, and where it is relative to main. */
export function focusInfo(page, mainSelector = 'main') {
  return page.evaluate((sel) => {
    const el = document.activeElement;
    const main = document.querySelector(sel);
    const text = (el?.innerText ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    let where = 'no main';
    if (main && el) {
      if (main === el || main.contains(el)) where = 'in main';
      else if (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) where = 'after main';
      else where = 'before main';
    }
    return {
      tag: el ? el.tagName.toLowerCase() : null,
      id: el?.id || '',
      text,
      href: el?.getAttribute?.('href') ?? null,
      where,
      label: el ? `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}> "${text.slice(0, 40)}"` : '(nothing)',
    };
  }, mainSelector);
}

/**
 * Press Alt+<key> the way a real keystroke arrives in Chromium on Linux: a keyDown that carries
 * text. (Playwright's keyboard.press('Alt+1') sends no text with modifiers, so Blink never runs
 * its access-key lookup; page keydown listeners see both forms.)
 */
export async function pressAccessKey(page, key) {
  const cdp = await page.context().newCDPSession(page);
  const ALT = 1;
  const code = /^[0-9]$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`;
  const vk = key.toUpperCase().charCodeAt(0);
  const keyEvent = { modifiers: ALT, key, code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk };
  const altEvent = { key: 'Alt', code: 'AltLeft', windowsVirtualKeyCode: 18, nativeVirtualKeyCode: 18 };
  try {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', modifiers: ALT, ...altEvent });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...keyEvent, text: key, unmodifiedText: key });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...keyEvent });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', modifiers: 0, ...altEvent });
  } finally {
    await cdp.detach();
  }
}

/** Poll `read()` until `ok(value)` or the timeout; returns the last value read. */
export async function poll(read, ok, timeout = 2000) {
  const end = Date.now() + timeout;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
