// A small history router for /admin/*: the server answers every /admin path with the console.
import { useSyncExternalStore } from 'react';

export const BASE = '/admin';
const EVENT = 'gk:navigate';

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(EVENT, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(EVENT, callback);
  };
}

/** The route below /admin, without slashes: "" for the start page, "units", "users", … */
function currentRoute(): string {
  const path = window.location.pathname;
  const rest = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  return rest.replace(/^\/+|\/+$/g, '');
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute);
}

export function navigate(route: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = `${BASE}/${route}`;
  if (url === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

/** The parameter of a route such as records/<id>: the part after the prefix. */
export function routeParam(route: string, prefix: string): string | null {
  return route.startsWith(`${prefix}/`) ? route.slice(prefix.length + 1) : null;
}

/** A plain click follows the link inside the console; a click with a modifier opens a new tab as usual. */
export function followLink(event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; preventDefault: () => void }, route: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(route);
}
