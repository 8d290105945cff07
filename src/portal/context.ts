// What a portal page needs to know of its request without every route passing it down: the visitor's
// accessibility preferences (a cookie, so they work without JavaScript) and the page's own path.
import { AsyncLocalStorage } from 'node:async_hooks';

export const A11Y_COOKIE = 'gk_a11y';
export const A11Y_PREFS = ['large', 'contrast', 'spacing', 'guide'] as const;
export type A11yPref = (typeof A11Y_PREFS)[number];

export const A11Y_LABELS: Record<A11yPref, string> = {
  large: '大字号',
  contrast: '高对比度',
  spacing: '行距加大',
  guide: '阅读辅助线',
};

export interface PageContext {
  prefs: Set<A11yPref>;
  /** Path and query of the page, for the toolbar's way back. */
  path: string;
  print: boolean;
}

const storage = new AsyncLocalStorage<PageContext>();

export function parsePrefs(cookie: string | undefined): Set<A11yPref> {
  const out = new Set<A11yPref>();
  for (const p of (cookie ?? '').split(',')) if ((A11Y_PREFS as readonly string[]).includes(p)) out.add(p as A11yPref);
  return out;
}

/** Runs the rest of a request's handling with its page context (an onRequest hook's `done`). */
export function runInPage(ctx: PageContext, next: () => void): void {
  storage.run(ctx, next);
}

/** Renders with a page context outside a portal route (error and not-found pages). */
export function renderInPage<T>(ctx: PageContext, render: () => T): T {
  return storage.run(ctx, render);
}

export function pageContext(): PageContext {
  return storage.getStore() ?? { prefs: new Set(), path: '/', print: false };
}

/** Only a path on this site may be returned to: never another host (no open redirect). */
export function safeReturnPath(p: unknown): string {
  if (typeof p !== 'string' || !p.startsWith('/') || p.startsWith('//') || p.startsWith('/\\') || p.length > 2000) return '/';
  return p;
}
