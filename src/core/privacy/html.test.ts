import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { after, before, email, mobile, validId18 } from './generators.test-support.ts';
import { findPersonalDataInHtml, htmlToText, maskHtml } from './html.ts';

const NOW = new Date(Date.UTC(2026, 0, 1, 12));
const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];
const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');

describe('findPersonalDataInHtml', () => {
  it('finds a value split across inline tags, and masks it in place', () => {
    const html = '<p>联系电话：138<b>0013</b>8000。</p>';
    const [f] = findPersonalDataInHtml(html);
    expect(f).toMatchObject({ kind: 'mobile', value: '13800138000', in: 'text', htmlStart: 8, htmlEnd: 26 });
    expect(html.slice(f!.htmlStart, f!.htmlEnd)).toBe('138<b>0013</b>8000');
    expect(maskHtml(html)).toBe('<p>联系电话：138<b>****</b>8000。</p>');
  });
  it('does not join blocks, table cells or lines', () => {
    expect(findPersonalDataInHtml('<p>138</p><p>00138000</p>')).toEqual([]);
    expect(findPersonalDataInHtml('<table><tr><td>138</td><td>00138000</td></tr></table>')).toEqual([]);
    expect(findPersonalDataInHtml('<p>138<br>00138000</p>')).toEqual([]);
    expect(htmlToText('<p>a</p><p>b<br>c</p><table><tr><td>d</td><td>e</td></tr><tr><td>f</td></tr></table>')).toBe('a\nb\nc\nd\te\nf\n');
  });
  it('reads text nodes only: not tags, not ordinary attributes, not scripts', () => {
    const html = '<p title="13800138000" data-x="11010519491231002X"><img alt="13900139000" src="/a.png">正文</p><script>var t="13700137000"</script>';
    expect(findPersonalDataInHtml(html)).toEqual([]);
    expect(maskHtml(html)).toBe(html);
  });
  it('finds mailto: and tel: link targets and masks them, entities kept', () => {
    const html = '<p>来信：<a href="mailto:zhang&#64;example.cn" title="写信">zhang@example.cn</a>，<a href=tel:+8613800138000>拨打</a></p>';
    const found = findPersonalDataInHtml(html);
    expect(found.map((f) => [f.kind, f.in, f.value])).toEqual([
      ['email', 'attribute', 'zhang@example.cn'],
      ['email', 'text', 'zhang@example.cn'],
      ['mobile', 'attribute', '+8613800138000'],
    ]);
    expect(found[0]!.attribute).toBe('href');
    expect(maskHtml(html)).toBe('<p>来信：<a href="mailto:z***&#64;example.cn" title="写信">z***@example.cn</a>，<a href=tel:+86138****8000>拨打</a></p>');
  });
  it('decodes character references and masks through them', () => {
    const html = '<p>身份证&nbsp;&#49;1010519491231002X&amp;电话138&#x30;0138000</p>';
    const found = findPersonalDataInHtml(html, { now: NOW });
    expect(found.map((f) => f.value)).toEqual(['11010519491231002X', '13800138000']);
    expect(maskHtml(html, undefined, { now: NOW })).toBe('<p>身份证&nbsp;&#49;10105********002X&amp;电话138****8000</p>');
  });
  it('gives stable ids, numbered per kind and value, and masks only the chosen ones', () => {
    const html = '<p>张三 13800138000</p><p>张三 13800138000</p><p>李四 13900139000</p>';
    const opts = { personalValues: [{ field: '姓名', value: '张三' }] };
    const found = findPersonalDataInHtml(html, opts);
    const ids = found.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[1]!.startsWith('mobile:')).toBe(true);
    expect(ids[1]!.endsWith(':0')).toBe(true);
    expect(ids[3]!.replace(/:1$/, ':0')).toBe(ids[1]);
    expect(findPersonalDataInHtml(html, opts).map((f) => f.id)).toEqual(ids);
    expect(maskHtml(html, [ids[3]!], opts)).toBe('<p>张三 13800138000</p><p>张三 138****8000</p><p>李四 13900139000</p>');
    expect(maskHtml(html, [], opts)).toBe(html);
    expect(maskHtml(html, ['nonexistent'], opts)).toBe(html);
    expect(maskHtml(html, undefined, opts)).toBe('<p>张* 138****8000</p><p>张* 138****8000</p><p>李四 139****9000</p>');
  });
  it('leaves everything else byte for byte', () => {
    const html = '<div class="x"  style="color:red">\n  <P ALIGN=center>通知</P><!-- 注释 -->\n<p>电话：<span lang="zh">13800138000</span>&nbsp;&copy;</p></div>';
    expect(maskHtml(html)).toBe(html.replace('13800138000', '138****8000'));
  });
  it('masks e-mail addresses split across tags', () => {
    const html = '<p>邮箱：zhang<i>san</i>@example.cn</p>';
    expect(maskHtml(html)).toBe('<p>邮箱：z***<i></i>@example.cn</p>');
  });
});

describe('generated bodies: values split across random inline tags', () => {
  const inline = fc.constantFrom('b', 'strong', 'em', 'span', 'u', 'i');
  const split = (value: string) =>
    fc.tuple(fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, value.length - 1) }), { maxLength: 3 }), inline).map(([cuts, tag]) => {
      const points = [...cuts].filter((c) => c < value.length).sort((a, b) => a - b);
      let out = '';
      let pos = 0;
      points.forEach((c, k) => {
        out += value.slice(pos, c) + (k % 2 === 0 ? `<${tag}>` : `</${tag}>`);
        pos = c;
      });
      out += value.slice(pos);
      if (points.length % 2 === 1) out += `</${tag}>`;
      return out;
    });
  const value = fc.oneof(validId18, mobile, email);
  it('every value is found and masked; the tags are untouched', () => {
    fc.assert(
      fc.property(
        value.chain((v) => fc.tuple(fc.constant(v), split(v))),
        before,
        after,
        ([v, written], pre, post) => {
          const html = `<p>${pre}${written}${post}</p>`;
          const found = findPersonalDataInHtml(html, { now: NOW });
          expect(found.map((f) => f.value)).toContain(v);
          const masked = maskHtml(html, undefined, { now: NOW });
          expect(tags(masked)).toEqual(tags(html));
          expect(stripTags(masked)).not.toContain(v);
          expect(findPersonalDataInHtml(masked, { now: NOW })).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
