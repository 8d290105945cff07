// 告知书模板: the wording of every letter of 依申请公开 (the receipt, the correction, extension and fee
// notices, the consultation letter, one reply letter for each reply type), each a title and a body with
// {{占位符}} filled from the request when the letter is generated. The office edits its own wording with
// the list of placeholders beside it, and may go back to the built-in one. Saving names the version read:
// a template changed meanwhile is never overwritten.
import { RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Result, Spin, Tag } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { PageTitle } from '../components/PageTitle';
import type { LetterTemplates, LetterTemplateView } from '../types';
import { useApiError } from '../useApiError';
import { useStaleDialog } from './records/stale';

interface Values {
  title: string;
  body: string;
}

/** The letters before a reply; every other kind is a reply type. */
const PROCEDURE_KINDS = new Set(['acknowledgement', 'correction', 'consultation', 'extension', 'fee']);

export default function RequestTemplatesPage() {
  const [data, setData] = useState<LetterTemplates | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [form] = Form.useForm<Values>();
  const bodyRef = useRef<TextAreaRef>(null);
  const report = useApiError();
  const stale = useStaleDialog();
  const { message, modal } = App.useApp();

  const load = useCallback(async () => {
    try {
      const d = await api.get<LetterTemplates>('/request-templates');
      setData(d);
      setMissing(null);
      setKind((k) => k ?? d.templates[0]?.kind ?? null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(e.message);
      else report(e);
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load]);

  const current = useMemo(() => data?.templates.find((t) => t.kind === kind) ?? null, [data, kind]);

  useEffect(() => {
    if (!current) return;
    form.setFieldsValue({ title: current.title, body: current.body });
    setDirty(false);
    setRefusal(null);
  }, [current, form]);

  function choose(t: LetterTemplateView) {
    if (t.kind === kind) return;
    if (!dirty) {
      setKind(t.kind);
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: `「${current?.label ?? ''}」有尚未保存的修改，切换后修改将丢失。`,
      okText: '放弃修改',
      cancelText: '继续编辑',
      onOk: () => setKind(t.kind),
    });
  }

  function replaceTemplate(saved: LetterTemplateView) {
    setData((d) => (d ? { ...d, templates: d.templates.map((t) => (t.kind === saved.kind ? { ...t, ...saved } : t)) } : d));
  }

  async function save(values: Values) {
    if (!current) return;
    setSaving(true);
    setRefusal(null);
    try {
      const saved = await api.put<LetterTemplateView>(`/request-templates/${encodeURIComponent(current.kind)}`, { title: values.title, body: values.body, version: current.version ?? 0 });
      replaceTemplate(saved);
      void message.success(`已保存「${current.label}」`);
    } catch (e) {
      if (stale(e, () => void load(), { unsavedEdits: true })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = e.details?.field;
        if (field === 'title' || field === 'body') form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setSaving(false);
    }
  }

  function reset() {
    if (!current) return;
    modal.confirm({
      title: `恢复「${current.label}」的内置模板？`,
      content: '本站修改过的标题和正文将被删除，以后生成的告知书使用系统内置的文字。已经生成的告知书不受影响。',
      okText: '恢复内置模板',
      cancelText: '取消',
      onOk: async () => {
        try {
          const restored = await api.del<LetterTemplateView | undefined>(`/request-templates/${encodeURIComponent(current.kind)}${current.version ? `?version=${current.version}` : ''}`);
          if (restored && typeof restored === 'object' && 'kind' in restored) replaceTemplate(restored);
          else await load();
          void message.success(`「${current.label}」已恢复为内置模板`);
        } catch (e) {
          if (!stale(e, () => void load())) report(e);
        }
      },
    });
  }

  /** Puts {{name}} where the cursor is in the body (or at its end). */
  function insert(name: string) {
    const el = bodyRef.current?.resizableTextArea?.textArea;
    const body = (form.getFieldValue('body') as string | undefined) ?? '';
    const token = `{{${name}}}`;
    const at = el && document.activeElement === el ? el.selectionStart : (el?.selectionStart ?? body.length);
    const end = el ? el.selectionEnd : at;
    const next = body.slice(0, at) + token + body.slice(end);
    form.setFieldsValue({ body: next });
    setDirty(true);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(at + token.length, at + token.length);
    });
  }

  if (missing) {
    return (
      <>
        <PageTitle title="告知书模板" />
        <Result status="info" title="告知书模板功能尚未启用" subTitle={`服务器没有提供告知书模板的接口（${missing}）。请升级后再使用。`} />
      </>
    );
  }
  if (!data) return <Spin className="page-spin" description="正在加载…" />;

  const procedure = data.templates.filter((t) => PROCEDURE_KINDS.has(t.kind));
  const replies = data.templates.filter((t) => !PROCEDURE_KINDS.has(t.kind));
  const item = (t: LetterTemplateView) => (
    <li key={t.kind}>
      <button type="button" className={t.kind === kind ? 'template-item active' : 'template-item'} aria-current={t.kind === kind ? 'true' : undefined} onClick={() => choose(t)}>
        <span>{PROCEDURE_KINDS.has(t.kind) ? t.label : t.label.replace(/^答复告知书：/, '')}</span>
        {t.custom ? <Tag className="tag-info">本站修改</Tag> : null}
      </button>
    </li>
  );

  return (
    <>
      <PageTitle title="告知书模板">
        生成告知书时，{'{{占位符}}'} 由申请的内容填入；整行的占位符都为空时，该行不出现。正文第一行以“：”结尾的，作为称呼顶格排。每份答复告知书末尾自动附上申请人的救济途径。
      </PageTitle>
      <div className="templates-grid">
        <nav aria-label="告知书类型" className="template-nav">
          <h2 className="subsection-title first">告知书和通知书</h2>
          <ul className="template-list">{procedure.map(item)}</ul>
          <h2 className="subsection-title">答复告知书</h2>
          <ul className="template-list">{replies.map(item)}</ul>
        </nav>
        {current ? (
          <Card
            title={<h2 className="section-title">{current.label}</h2>}
            className="record-card"
            extra={current.custom ? <Tag className="tag-info">本站修改</Tag> : <Tag className="tag-neutral">内置模板</Tag>}
          >
            {refusal ? <Alert type="error" showIcon title="未保存" description={refusal} className="form-alert" role="alert" /> : null}
            <div className="template-editor">
              <Form<Values> form={form} name="letter-template" layout="vertical" onFinish={save} onValuesChange={() => setDirty(true)}>
                <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写告知书标题' }, { max: 60, message: '标题最多 60 字' }]}>
                  <Input />
                </Form.Item>
                <Form.Item label="正文" name="body" rules={[{ required: true, whitespace: true, message: '请填写告知书正文' }]}>
                  <Input.TextArea ref={bodyRef} rows={20} className="template-body" />
                </Form.Item>
                <div className="form-actions">
                  <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} disabled={!dirty}>
                    保存
                  </Button>
                  {current.custom ? (
                    <Button icon={<RollbackOutlined />} onClick={reset}>
                      恢复内置模板
                    </Button>
                  ) : null}
                  {dirty ? (
                    <Button
                      onClick={() => {
                        form.setFieldsValue({ title: current.title, body: current.body });
                        setDirty(false);
                      }}
                    >
                      放弃修改
                    </Button>
                  ) : null}
                </div>
              </Form>
              <aside className="placeholder-panel" aria-labelledby="placeholder-title">
                <h3 className="subsection-title first" id="placeholder-title">
                  占位符
                </h3>
                <p className="muted small">点击插入到正文光标处。</p>
                {data.placeholders.length ? (
                  <ul className="placeholder-list">
                    {data.placeholders.map((p) => (
                      <li key={p.name}>
                        <button type="button" className="placeholder-button" onClick={() => insert(p.name)} aria-label={`插入占位符 ${p.name}`}>
                          {`{{${p.name}}}`}
                        </button>
                        <span className="muted small">{p.description}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有占位符" />
                )}
              </aside>
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
