// The server sends `style-src 'self' 'nonce-…'` and writes the request's nonce into
// <meta name="csp-nonce">. Ant Design gets it through ConfigProvider; a few rc-component helpers
// (the scroll locker of modals and drawers, the scrollbar measurement) create <style> tags without
// asking for a nonce, so every <style> element created in this document gets it here.

function readNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
  const value = meta?.content;
  // In `vite dev` the placeholder is not replaced: there is no CSP then, and no nonce to use.
  if (!value || value.startsWith('__')) return undefined;
  return value;
}

export const cspNonce = readNonce();

if (cspNonce) {
  const nonce = cspNonce;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function patchedCreateElement(
    this: Document,
    tagName: string,
    options?: ElementCreationOptions,
  ): HTMLElement {
    const element = createElement.call(this, tagName, options);
    if (tagName.toLowerCase() === 'style') element.nonce = nonce;
    return element;
  } as typeof Document.prototype.createElement;
}
