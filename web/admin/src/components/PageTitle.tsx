// The page's one <h1>, with the page's main actions beside it; also sets the window title.
import { useEffect, type ReactNode } from 'react';

export function PageTitle({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - Gongkai 政务公开管理控制台`;
  }, [title]);
  return (
    <div className="page-head">
      <div>
        <h1 className="page-title">{title}</h1>
        {children ? <div className="page-intro">{children}</div> : null}
      </div>
      {extra ? <div className="page-actions">{extra}</div> : null}
    </div>
  );
}
