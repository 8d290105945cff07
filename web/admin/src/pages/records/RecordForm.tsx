// The record's particulars and body. Drafts are edited here by whoever may edit records of the unit; in
// any other state, or for other people, the form is read-only. Saving sends only what changed, with the
// version read (optimistic locking): a newer version on the server is never overwritten.
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { looksLikeHtml, sanitizeBodyHtml, textToParagraphs } from '../../html';
import { ATTRIBUTE_OPTIONS, DEFAULT_TOPICS, PERMISSIONS, VALIDITY_GENRES } from '../../labels';
import { useSession } from '../../session';
import type { PersonalField, RecordOptions, RecordView, Unit } from '../../types';
import type { UnitIndex } from '../../unitTree';
import { useApiError } from '../../useApiError';
import { itemTreeData, nodeTreeData, useCatalogueNodes, useStandardItems } from '../catalogue/useCatalogue';
import { useStaleDialog } from './stale';
import { groundLabel } from './useRecordOptions';

interface Values {
  unitId?: string;
  title?: string;
  issuer?: string;
  docNo?: string;
  genre?: string;
  topics?: string[];
  keywords?: string[];
  catalogueNodeId?: string | null;
  standardItemId?: string | null;
  writtenOn?: Dayjs | null;
  formedOn?: Dayjs | null;
  attribute?: string;
  attributeGround?: string | null;
  attributeReason?: string;
  effectiveOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
  needsInterpretation?: boolean;
  personalFields?: Partial<PersonalField>[];
  summary?: string;
  bodyHtml?: string;
}

/** What the API takes (RecordInput / RecordPatch without the version). */
type Payload = Record<string, unknown>;

const DATE = 'YYYY-MM-DD';
const day = (v: string | null | undefined): Dayjs | null => (v ? dayjs(v, DATE) : null);
const iso = (v: Dayjs | null | undefined): string | null => (v ? v.format(DATE) : null);
const text = (v: string | undefined): string => (v ?? '').trim();
const orNull = (v: string | undefined): string | null => text(v) || null;

/** The fields the server names in its errors (details.field) that have a place in this form. */
const FORM_FIELDS = new Set(['unitId', 'title', 'issuer', 'docNo', 'genre', 'topics', 'keywords', 'catalogueNodeId', 'standardItemId', 'writtenOn', 'formedOn', 'attribute', 'attributeGround', 'attributeReason', 'effectiveOn', 'expiresOn', 'personalFields', 'summary', 'bodyHtml']);

/** The body as stored: HTML as typed, or plain text turned into paragraphs. */
export function bodyToHtml(body: string | undefined): string {
  const b = (body ?? '').trim();
  if (!b) return '';
  return looksLikeHtml(b) ? b : textToParagraphs(b);
}

function fromRecord(r: RecordView): Values {
  return {
    unitId: r.unitId,
    title: r.title,
    issuer: r.issuer,
    docNo: r.docNo ?? '',
    genre: r.genre,
    topics: r.topics,
    keywords: r.keywords,
    catalogueNodeId: r.catalogueNodeId ?? undefined,
    standardItemId: r.standardItemId ?? undefined,
    writtenOn: day(r.writtenOn),
    formedOn: day(r.formedOn),
    // A historical record without an attribute (存量信息): the editor decides it here.
    attribute: r.attribute ?? undefined,
    attributeGround: r.attributeGround,
    attributeReason: r.attributeReason ?? '',
    effectiveOn: day(r.effectiveOn),
    expiresOn: day(r.expiresOn),
    needsInterpretation: r.needsInterpretation,
    personalFields: r.personalFields,
    summary: r.summary ?? '',
    bodyHtml: r.bodyHtml,
  };
}

function toPayload(v: Values): Payload {
  const proactive = v.attribute === 'proactive';
  const validity = VALIDITY_GENRES.has(v.genre ?? '');
  return {
    title: text(v.title),
    issuer: text(v.issuer),
    docNo: orNull(v.docNo),
    genre: v.genre,
    topics: v.topics ?? [],
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    catalogueNodeId: v.catalogueNodeId ?? null,
    standardItemId: v.standardItemId ?? null,
    writtenOn: iso(v.writtenOn),
    formedOn: iso(v.formedOn),
    attribute: v.attribute,
    attributeGround: proactive ? null : v.attributeGround ?? null,
    attributeReason: orNull(v.attributeReason),
    effectiveOn: validity ? iso(v.effectiveOn) : null,
    expiresOn: validity ? iso(v.expiresOn) : null,
    needsInterpretation: !!v.needsInterpretation,
    personalFields: (v.personalFields ?? []).map((f) => ({ field: text(f.field), value: text(f.value) })).filter((f) => f.field || f.value),
    summary: orNull(v.summary),
    bodyHtml: bodyToHtml(v.bodyHtml),
  };
}

/** The fields whose value differs from the record's. */
function changes(record: RecordView, v: Values): Payload {
  const before = toPayload(fromRecord(record));
  const after = toPayload(v);
  const out: Payload = {};
  for (const [key, value] of Object.entries(after)) {
    // formedOn left empty keeps the stored date (the server does not clear it).
    if (key === 'formedOn' && value === null) continue;
    if (JSON.stringify(value) !== JSON.stringify(before[key])) out[key] = value;
  }
  return out;
}

export interface RecordFormProps {
  record: RecordView | null;
  index: UnitIndex;
  options: RecordOptions;
  readOnly: boolean;
  onSaved: (record: RecordView, created: boolean) => void;
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function RecordForm({ record, index, options, readOnly, onSaved, onReload, onDirtyChange }: RecordFormProps) {
  const [form] = Form.useForm<Values>();
  const { session } = useSession();
  const user = session.user;
  const [saving, setSaving] = useState(false);
  const report = useApiError();
  const stale = useStaleDialog();
  const { message, modal } = App.useApp();
  const attribute = Form.useWatch('attribute', form);
  const genre = Form.useWatch('genre', form);
  const body = Form.useWatch('bodyHtml', form);
  const preview = useMemo(() => sanitizeBodyHtml(bodyToHtml(body ?? record?.bodyHtml)), [body, record?.bodyHtml]);
  const editable = useCallback((u: Unit) => canOnUnit(user, PERMISSIONS.recordsEdit, u), [user]);
  const nodes = useCatalogueNodes();
  // The standard catalogue is loaded when the record names an item or the user opens the picker.
  const [wantItems, setWantItems] = useState(false);
  // While searching, every domain is open (also when the items arrive after the search began).
  const [itemSearch, setItemSearch] = useState('');
  const [itemExpanded, setItemExpanded] = useState<(string | number)[]>([]);
  const standard = useStandardItems(wantItems || !!record?.standardItemId);
  const nodeOptions = useMemo(() => nodeTreeData(nodes), [nodes]);
  const itemOptions = useMemo(() => (standard ? itemTreeData(standard) : []), [standard]);

  // A new draft starts in the user's own unit when the user may draft there, else in the first unit it may.
  const defaultUnit = useMemo(() => {
    const own = user ? index.byId.get(user.unitId) : undefined;
    if (own && editable(own) && !own.abolished) return own.id;
    return [...index.byId.values()].find((u) => editable(u) && !u.abolished)?.id;
  }, [index, user, editable]);

  useEffect(() => {
    if (record) form.setFieldsValue(fromRecord(record));
    onDirtyChange(false);
    // The form follows the record each time a new version of it arrives.
  }, [record?.id, record?.version]);

  useEffect(() => {
    if (!record && defaultUnit && !form.getFieldValue('unitId')) form.setFieldValue('unitId', defaultUnit);
  }, [record, defaultUnit, form]);

  const recomputeDirty = () => {
    if (!record) {
      onDirtyChange(true);
      return;
    }
    onDirtyChange(Object.keys(changes(record, form.getFieldsValue(true) as Values)).length > 0);
  };

  async function save(values: Values) {
    setSaving(true);
    try {
      if (!record) {
        const created = await api.post<RecordView>('/records', { unitId: values.unitId, ...toPayload(values) });
        onSaved(created, true);
        return;
      }
      const patch = changes(record, values);
      if (!Object.keys(patch).length) {
        void message.info('没有需要保存的修改');
        return;
      }
      const saved = await api.patch<RecordView>(`/records/${record.id}`, { version: record.version, ...patch });
      onSaved(saved, false);
    } catch (e) {
      if (stale(e, onReload, { unsavedEdits: true })) return;
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : null;
      if (e instanceof ApiError && field && FORM_FIELDS.has(field)) {
        const name = field as keyof Values;
        form.setFields([{ name, errors: [e.message] }]);
        form.scrollToField(name, { block: 'center', focus: true });
        void message.error({ content: `未保存：${e.message}`, duration: 5 });
        return;
      }
      report(e);
    } finally {
      setSaving(false);
    }
  }

  function convertBody() {
    const current = form.getFieldValue('bodyHtml') as string | undefined;
    if (!current?.trim()) return;
    const apply = () => {
      form.setFieldValue('bodyHtml', textToParagraphs(current));
      recomputeDirty();
    };
    if (!looksLikeHtml(current)) apply();
    else
      modal.confirm({
        title: '正文中已有 HTML 标签',
        content: '按纯文本分段会把现有标签当作文字显示。确定按纯文本分段吗？',
        okText: '按纯文本分段',
        cancelText: '取消',
        onOk: apply,
      });
  }

  const proactive = attribute === 'proactive' || attribute === undefined;
  /** Help under a field, for whoever fills it in (not in the read-only view). */
  const hint = (t: string): string | undefined => (readOnly ? undefined : t);
  const hasValidity = VALIDITY_GENRES.has(genre ?? '');
  const groundOptions = options.grounds.map((g) => ({ value: g.code, label: groundLabel(g) }));

  return (
    <Card title={<h2 className="section-title">{readOnly ? '信息内容' : record ? '编辑草稿' : '起草新信息'}</h2>} className="record-card">
      <Form<Values>
        form={form}
        name="record"
        layout="vertical"
        disabled={readOnly}
        requiredMark={!readOnly}
        onFinish={save}
        onValuesChange={recomputeDirty}
        autoComplete="off"
        initialValues={{ attribute: 'proactive', genre: 'notice', topics: [], keywords: [], personalFields: [], needsInterpretation: false, bodyHtml: '' }}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <div className="form-grid">
          <Form.Item
            label="发布机构"
            name="unitId"
            className="span-2"
            rules={[{ required: true, message: '请选择发布机构' }]}
            extra={hint(record ? '发布机构在起草时确定，不能修改' : '只能选择您有权起草信息的单位')}
          >
            <UnitTreeSelect id="record_unitId" index={index} allow={record ? undefined : editable} disabled={!!record || readOnly} placeholder="请选择发布机构" className="full-width" />
          </Form.Item>
          <Form.Item
            label="标题"
            name="title"
            className="span-2"
            rules={[
              { required: true, whitespace: true, message: '请输入标题' },
              { max: 300, message: '标题不能超过 300 个字' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="发文机关" name="issuer" extra={hint('不填则为发布机构')} rules={[{ max: 200, message: '发文机关不能超过 200 个字' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="文号" name="docNo" extra={hint('如 示发改〔2026〕7号；格式和重复由服务器检查')} rules={[{ max: 80, message: '文号不能超过 80 个字符' }]}>
            <Input spellCheck={false} />
          </Form.Item>
          <Form.Item label="体裁" name="genre" rules={[{ required: true, message: '请选择体裁' }]}>
            <Select options={options.genres} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择体裁" />
          </Form.Item>
          <Form.Item label="主题分类" name="topics" extra={hint('可选多项，也可输入后按回车添加')}>
            <Select mode="tags" options={DEFAULT_TOPICS.map((t) => ({ value: t, label: t }))} maxCount={10} placeholder="请选择主题分类" />
          </Form.Item>
          <Form.Item label="主题词" name="keywords" className="span-2" extra={hint('输入后按回车添加，最多 20 个')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ']} suffixIcon={null} maxCount={20} />
          </Form.Item>
          <Form.Item label="公开目录" name="catalogueNodeId" extra={hint('信息在门户“法定主动公开内容”中所在的栏目')}>
            <TreeSelect
              treeData={nodeOptions}
              treeNodeLabelProp="label"
              showSearch={{ treeNodeFilterProp: 'title' }}
              allowClear
              treeDefaultExpandAll
              placeholder={readOnly ? '未选择' : '请选择公开目录'}
              popupMatchSelectWidth={false}
              listHeight={360}
            />
          </Form.Item>
          <Form.Item label="标准目录事项" name="standardItemId" extra={hint('按事项标准目录应公开的信息：发布后计入该事项本期的公开义务')}>
            <TreeSelect
              treeData={itemOptions}
              treeNodeLabelProp="label"
              showSearch={{ treeNodeFilterProp: 'title', onSearch: setItemSearch }}
              treeExpandedKeys={itemSearch.trim() ? itemOptions.map((o) => o.value) : itemExpanded}
              onTreeExpand={(keys) => setItemExpanded(keys.map((k) => (typeof k === 'number' ? k : String(k))))}
              allowClear
              placeholder={readOnly ? '未选择' : '请选择标准目录事项'}
              popupMatchSelectWidth={false}
              listHeight={360}
              notFoundContent={standard ? '标准目录中还没有事项' : '正在加载…'}
              onOpenChange={(open) => open && setWantItems(true)}
              onFocus={() => setWantItems(true)}
            />
          </Form.Item>
          <Form.Item label="成文日期" name="writtenOn">
            <DatePicker format={DATE} className="full-width" />
          </Form.Item>
          <Form.Item label="形成或变更日期" name="formedOn" extra={hint('公开期限由此起算；不填则为成文日期或今天')}>
            <DatePicker format={DATE} className="full-width" />
          </Form.Item>
          <Form.Item label="公开属性" name="attribute" className="span-2" rules={[{ required: true, message: '请选择公开属性' }]}>
            <Radio.Group options={ATTRIBUTE_OPTIONS} />
          </Form.Item>
          {!proactive ? (
            <Form.Item
              label="公开属性依据"
              name="attributeGround"
              className="span-2"
              extra={hint('《政府信息公开条例》第十四、十五、十六条')}
              rules={[{ required: true, message: '非主动公开的信息须选择法律依据' }]}
            >
              <Select options={groundOptions} placeholder="请选择法律依据" popupMatchSelectWidth={false} />
            </Form.Item>
          ) : null}
          <Form.Item
            label="公开属性说明"
            name="attributeReason"
            className="span-2"
            rules={[
              { required: !proactive, whitespace: true, message: '非主动公开的信息须说明理由' },
              { max: 1000, message: '说明不能超过 1000 个字' },
            ]}
          >
            <Input.TextArea rows={3} placeholder={readOnly ? undefined : proactive ? '（可不填）' : '说明不予主动公开的具体理由'} />
          </Form.Item>
          {hasValidity ? (
            <>
              <Form.Item label="施行日期" name="effectiveOn">
                <DatePicker format={DATE} className="full-width" />
              </Form.Item>
              <Form.Item label="有效期至" name="expiresOn" extra={hint('不填则长期有效')}>
                <DatePicker format={DATE} className="full-width" />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="needsInterpretation" valuePropName="checked" className="span-2">
            <Checkbox>需要政策解读</Checkbox>
          </Form.Item>
        </div>

        <h3 className="subsection-title first">个人信息字段</h3>
        <p className="muted small">如被处罚人姓名：这些值不公开，个人信息检查会在标题、正文和附件中查找它们。</p>
        <Form.List name="personalFields">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" className="personal-row" wrap>
                  <Form.Item name={[f.name, 'field']} rules={[{ required: true, whitespace: true, message: '请输入字段名' }, { max: 40, message: '字段名不能超过 40 个字' }]}>
                    <Input aria-label={`第 ${i + 1} 项 字段名`} placeholder="字段名，如 被处罚人姓名" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']} rules={[{ required: true, whitespace: true, message: '请输入字段值' }, { max: 200, message: '字段值不能超过 200 个字' }]}>
                    <Input aria-label={`第 ${i + 1} 项 字段值`} placeholder="字段值" />
                  </Form.Item>
                  {!readOnly ? (
                    <Button icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 项个人信息字段`} onClick={() => { remove(f.name); recomputeDirty(); }} />
                  ) : null}
                </Space>
              ))}
              {!readOnly && fields.length < 50 ? (
                <Button icon={<PlusOutlined />} onClick={() => add({ field: '', value: '' })} className="personal-add">
                  添加字段
                </Button>
              ) : null}
              {readOnly && !fields.length ? <p className="muted">无</p> : null}
            </>
          )}
        </Form.List>

        <h3 className="subsection-title">正文</h3>
        <Form.Item label="内容概述" name="summary" rules={[{ max: 2000, message: '内容概述不能超过 2000 个字' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {!readOnly ? (
          <div className="body-editor">
            <Form.Item
              label="正文（HTML 或纯文本）"
              name="bodyHtml"
              extra="可粘贴 HTML；不含标签的纯文本按行分段。保存时服务器只保留段落、标题、列表、表格、链接等安全的格式。"
            >
              <Input.TextArea rows={14} spellCheck={false} className="body-source" />
            </Form.Item>
            <Space className="body-tools">
              <Button size="small" onClick={convertBody}>
                按纯文本分段
              </Button>
            </Space>
          </div>
        ) : null}
        <section className="body-preview-wrap" aria-labelledby="body-preview-title">
          <h4 id="body-preview-title" className="preview-title">
            {readOnly ? '正文' : '正文预览'}
          </h4>
          {preview ? <div className="body-preview" dangerouslySetInnerHTML={{ __html: preview }} /> : <p className="muted">（无正文）</p>}
        </section>

        {!readOnly ? (
          <div className="form-actions">
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
              {record ? '保存' : '保存草稿'}
            </Button>
            {record ? (
              <Button
                htmlType="button"
                onClick={() => {
                  form.setFieldsValue(fromRecord(record));
                  form.setFields((Object.keys(fromRecord(record)) as (keyof Values)[]).map((name) => ({ name, errors: [] })));
                  onDirtyChange(false);
                }}
              >
                放弃修改
              </Button>
            ) : null}
          </div>
        ) : null}
      </Form>
    </Card>
  );
}
