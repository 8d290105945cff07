// The portal's page frame: header with the government's name, navigation, footer with site information.
// Server-rendered HTML that works without JavaScript; Preact escapes every text by default.
import type { ComponentChildren } from 'preact';
import type { TenantView } from '../modules/org/tenants.ts';
import { A11Y_LABELS, A11Y_PREFS, pageContext } from './context.ts';

export interface NavItem {
  href: string;
  label: string;
}

export const NAV: NavItem[] = [
  { href: '/', label: '首页' },
  { href: '/zfxxgk/', label: '政府信息公开' },
  { href: '/zfxxgk/gfxwj/', label: '规范性文件' },
  { href: '/hdjl/', label: '互动交流' },
  { href: '/search', label: '站内搜索' },
];

export function Layout(props: { tenant: TenantView; title: string; current?: string; children: ComponentChildren }) {
  const { tenant } = props;
  const siteTitle = tenant.settings.portalTitle || `${tenant.name}门户网站`;
  const pageTitle = props.title === siteTitle ? siteTitle : `${props.title} - ${siteTitle}`;
  const ctx = pageContext();
  const classes = [...ctx.prefs].map((p) => `a11y-${p}`).concat(ctx.print ? ['print-view'] : []).join(' ');
  const back = encodeURIComponent(ctx.path);
  return (
    <html lang="zh-CN" class={classes || undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{pageTitle}</title>
        <link rel="stylesheet" href="/assets/portal.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">跳到主要内容</a>
        {ctx.print ? null : (
          <nav class="a11y-bar" aria-label="无障碍工具">
            <ul class="wrap">
              {A11Y_PREFS.map((p) => (
                <li>
                  <a href={`/a11y/${p}?return=${back}`} rel="nofollow">
                    {A11Y_LABELS[p]}
                    <span class="a11y-state">{ctx.prefs.has(p) ? '（已开启）' : '（已关闭）'}</span>
                  </a>
                </li>
              ))}
              {ctx.prefs.size ? (
                <li>
                  <a href={`/a11y/reset?return=${back}`} rel="nofollow">
                    恢复默认
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        )}
        <header class="site-header">
          <div class="wrap">
            <p class="site-name">
              <a href="/">{tenant.name}</a>
            </p>
            <p class="site-sub">{siteTitle}</p>
          </div>
        </header>
        <nav class="site-nav" aria-label="主导航">
          <ul class="wrap">
            {NAV.map((item) => (
              <li>
                <a href={item.href} aria-current={props.current === item.href ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>主办：{tenant.name}</p>
            {tenant.settings.address ? <p>地址：{tenant.settings.address}</p> : null}
            {tenant.settings.phone ? <p>联系电话：{tenant.settings.phone}</p> : null}
            <p>
              {tenant.settings.siteCode ? <span>网站标识码：{tenant.settings.siteCode}　</span> : null}
              {tenant.settings.icp ? <span>{tenant.settings.icp}　</span> : null}
              {tenant.settings.police ? <span>{tenant.settings.police}</span> : null}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A plain page for hosts that belong to no site: never another government's portal. */
export function UnknownSitePage(props: { host: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>未找到该网站</title>
        <link rel="stylesheet" href="/assets/portal.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <main id="main" class="wrap notice-page">
          <h1>未找到该网站</h1>
          <p>域名「{props.host}」没有对应的政府网站。请检查网址是否输入正确。</p>
        </main>
      </body>
    </html>
  );
}
