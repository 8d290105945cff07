// The body of a record is HTML. The console has no rich-text editor: the HTML is typed (or pasted) in a
// text area and previewed here after cleaning it to the same whitelist the server applies when it stores
// it (src/core/publishing/body.ts). The preview is built element by element from the whitelist, so
// nothing in the text (scripts, event handlers, styles) reaches the page.

const ALLOWED_TAGS = new Set([
  'p', 'br', 'h2', 'h3', 'h4', 'h5', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'blockquote',
  'a', 'img', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'span', 'div', 'hr', 'pre', 'code',
]);

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['alt', 'width', 'height'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

/** Elements whose content is dropped with them, as the server does. */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'iframe', 'object']);

function safeHref(value: string): string | null {
  const v = value.trim();
  return /^(https?:|mailto:)/i.test(v) ? v : null;
}

function copyChildren(from: Node, to: Node, doc: Document): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      to.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const el = child as Element;
    const tag = el.tagName.toLowerCase();
    if (DROP_WITH_CONTENT.has(tag)) continue;
    if (!ALLOWED_TAGS.has(tag)) {
      // A tag not on the list goes; its text stays.
      copyChildren(el, to, doc);
      continue;
    }
    if (tag === 'img') {
      // The preview does not load images (the console's CSP does not allow other hosts): it names them.
      const alt = el.getAttribute('alt');
      to.appendChild(doc.createTextNode(`［图片${alt ? `：${alt}` : ''}］`));
      continue;
    }
    const out = doc.createElement(tag);
    for (const name of ALLOWED_ATTRIBUTES[tag] ?? []) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      if (name === 'href') {
        const href = safeHref(value);
        if (href) out.setAttribute('href', href);
      } else {
        out.setAttribute(name, value);
      }
    }
    if (tag === 'a') {
      out.setAttribute('target', '_blank');
      out.setAttribute('rel', 'noopener noreferrer');
    }
    copyChildren(el, out, doc);
    to.appendChild(out);
  }
}

/** The body cleaned for the preview: whitelisted elements and attributes only. */
export function sanitizeBodyHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const doc = document.implementation.createHTMLDocument('');
  const container = doc.createElement('div');
  copyChildren(parsed.body, container, doc);
  return container.innerHTML;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text to paragraphs: each non-empty line becomes a <p>. */
export function textToParagraphs(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

/** Does the text look like HTML already (so that converting it to paragraphs would escape its tags)? */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*[\s>/]/i.test(text);
}
