// A link to another console page: a real <a href> (open in a new tab, copy the address), followed in place.
import type { ReactNode } from 'react';
import { BASE, followLink } from '../router';

export function Link({ to, children, className, 'aria-label': ariaLabel }: { to: string; children: ReactNode; className?: string; 'aria-label'?: string }) {
  return (
    <a href={`${BASE}/${to}`} className={className} aria-label={ariaLabel} onClick={(e) => followLink(e, to)}>
      {children}
    </a>
  );
}
