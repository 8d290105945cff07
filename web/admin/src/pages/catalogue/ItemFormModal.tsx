// 新增事项 / 编辑事项: every column of the standard table. The 公开时限 is parsed as it is typed (the same
// parser the server saves the rule with), so that whoever writes it sees whether the platform can compute
// due dates from it; the 公开主体 is matched to units by the server unless the units are chosen here.
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select, Switch, TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { canonicalChannel, DOMAIN_PLATFORM_CHANNELS, STANDARD_CHANNELS } from '../../../../../src/core/catalogue/item.ts';
import { describeRule, isParsed, parseTimeLimit } from '../../../../../src/core/catalogue/time-limit.ts';
import { api, ApiError } from '../../api';
import type { CatalogueDomain, CatalogueItem, CatalogueItemInput } from '../../types';
import { unitSelectData, type UnitIndex } from '../../unitTree';
import { useApiError } from '../../useApiError';

export type ItemFormTarget = { mode: 'create'; domain: CatalogueDomain } | { mode: 'edit'; domain: CatalogueDomain; item: CatalogueItem };

interface Values {
  seq?: number | null;
  level1?: string;
  level2?: string;
  content?: string;
  basis?: string;
  timeLimitText?: string;
  responsibleText?: string;
  autoMatch?: boolean;
  responsibleUnitIds?: string[];
  standardChannels?: string[];
  otherChannels?: string[];
  audience?: string[];
  mode?: string[];
  level?: string[];
}

const STANDARD = new Set<string>(STANDARD_CHANNELS);
const AUDIENCE_OPTIONS = [
  { value: 'public', label: '全社会' },
  { value: 'specific', label: '特定群众' },
];
const MODE_OPTIONS = [
  { value: 'proactive', label: '主动' },
  { value: 'request', label: '依申请公开' },
];
const LEVEL_OPTIONS = [
  { value: 'county', label: '县级' },
  { value: 'township', label: '乡级' },
];

/** The fields the server names in its errors (details.field) and where they are in this form. */
const FIELD_NAMES: Record<string, keyof Values> = {
  seq: 'seq',
  level1: 'level1',
  level2: 'level2',
  content: 'content',
  basis: 'basis',
  timeLimitText: 'timeLimitText',
  timeLimitRule: 'timeLimitText',
  responsibleText: 'responsibleText',
  responsibleUnitIds: 'responsibleUnitIds',
  channels: 'standardChannels',
  audiencePublic: 'audience',
  audienceSpecific: 'audience',
  modeProactive: 'mode',
  modeRequest: 'mode',
  levelCounty: 'level',
  levelTownship: 'level',
};

function fromItem(i: CatalogueItem): Values {
  return {
    seq: i.seq,
    level1: i.level1,
    level2: i.level2,
    content: i.content,
    basis: i.basis,
    timeLimitText: i.timeLimitText,
    responsibleText: i.responsibleText,
    autoMatch: false,
    responsibleUnitIds: i.responsibleUnitIds,
    standardChannels: i.channels.filter((c) => STANDARD.has(c)),
    otherChannels: i.channels.filter((c) => !STANDARD.has(c)),
    audience: [i.audiencePublic && 'public', i.audienceSpecific && 'specific'].filter((v): v is string => !!v),
    mode: [i.modeProactive && 'proactive', i.modeRequest && 'request'].filter((v): v is string => !!v),
    level: [i.levelCounty && 'county', i.levelTownship && 'township'].filter((v): v is string => !!v),
  };
}

function toInput(v: Values): CatalogueItemInput {
  const text = (s: string | undefined) => (s ?? '').trim();
  return {
    ...(v.seq ? { seq: v.seq } : {}),
    level1: text(v.level1),
    level2: text(v.level2),
    content: text(v.content),
    basis: text(v.basis),
    timeLimitText: text(v.timeLimitText),
    responsibleText: text(v.responsibleText),
    ...(v.autoMatch ? {} : { responsibleUnitIds: v.responsibleUnitIds ?? [] }),
    channels: [...(v.standardChannels ?? []), ...(v.otherChannels ?? []).map((c) => c.trim()).filter(Boolean)],
    audiencePublic: !!v.audience?.includes('public'),
    audienceSpecific: !!v.audience?.includes('specific'),
    modeProactive: !!v.mode?.includes('proactive'),
    modeRequest: !!v.mode?.includes('request'),
    levelCounty: !!v.level?.includes('county'),
    levelTownship: !!v.level?.includes('township'),
  };
}

const atLeastOne = (message: string) => ({ validator: (_: unknown, v: string[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error(message))) });

export function ItemFormModal({ target, index, onClose, onSaved, onStale }: { target: ItemFormTarget | null; index: UnitIndex; onClose: () => void; onSaved: (item: CatalogueItem, created: boolean) => void; onStale: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const report = useApiError();
  const timeLimitText = Form.useWatch('timeLimitText', form);
  const autoMatch = Form.useWatch('autoMatch', form);
  const unitData = useMemo(() => unitSelectData(index, { disableAbolished: true }), [index]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue(fromItem(target.item));
    else form.setFieldsValue({ autoMatch: true, standardChannels: ['政府网站'], otherChannels: [], audience: ['public'], mode: ['proactive'], level: ['county'] });
  }, [target, form]);

  const rule = useMemo(() => {
    const t = (timeLimitText ?? '').trim();
    if (!t) return null;
    const r = parseTimeLimit(t);
    return { parsed: isParsed(r), description: describeRule(r) };
  }, [timeLimitText]);

  async function save(values: Values) {
    if (!target) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved =
        target.mode === 'create'
          ? await api.post<CatalogueItem>(`/catalogue/domains/${target.domain.id}/items`, input)
          : await api.patch<CatalogueItem>(`/catalogue/items/${target.item.id}`, { ...input, version: target.item.version });
      onSaved(saved, target.mode === 'create');
    } catch (e) {
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? FIELD_NAMES[e.details.field] : undefined;
      if (e instanceof ApiError && field) {
        form.setFields([{ name: field, errors: [e.message] }]);
        form.scrollToField(field, { block: 'center' });
      } else report(e, { onStale: () => { onClose(); onStale(); } });
    } finally {
      setSaving(false);
    }
  }

  // While the dialog closes, target is already null: keep the title it was opened with.
  const last = useRef(target);
  if (target) last.current = target;
  const title = last.current ? (last.current.mode === 'create' ? `新增事项：${last.current.domain.name}` : `编辑事项：${last.current.item.level2 || last.current.item.level1}`) : '';

  return (
    <Modal open={target !== null} title={title} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} forceRender width={820}>
      <Form<Values> form={form} name="catalogue-item" layout="vertical" onFinish={save} autoComplete="off" scrollToFirstError={{ block: 'center' }}>
        <div className="form-grid">
          <Form.Item label="序号" name="seq" extra="不填则排在最后">
            <InputNumber min={1} max={100000} precision={0} className="full-width" />
          </Form.Item>
          <div />
          <Form.Item label="一级事项" name="level1" rules={[{ required: true, whitespace: true, message: '请输入一级事项' }, { max: 200, message: '一级事项不能超过 200 个字' }]}>
            <Input placeholder="如 监督检查" />
          </Form.Item>
          <Form.Item label="二级事项" name="level2" rules={[{ required: true, whitespace: true, message: '请输入二级事项' }, { max: 200, message: '二级事项不能超过 200 个字' }]}>
            <Input placeholder="如 安全生产执法检查情况" />
          </Form.Item>
          <Form.Item label="公开内容（要素）" name="content" className="span-2" rules={[{ required: true, whitespace: true, message: '请输入公开内容（要素）' }, { max: 2000, message: '公开内容不能超过 2000 个字' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label="公开依据" name="basis" className="span-2" rules={[{ max: 2000, message: '公开依据不能超过 2000 个字' }]}>
            <Input.TextArea rows={2} placeholder="如 《中华人民共和国安全生产法》" />
          </Form.Item>
          <Form.Item
            label="公开时限"
            name="timeLimitText"
            className="span-2"
            rules={[{ required: true, whitespace: true, message: '请输入公开时限' }, { max: 500, message: '公开时限不能超过 500 个字' }]}
            extra="按标准表的写法填写，如“每季度”“每年3月31日前”“自信息形成或者变更之日起20个工作日内”"
          >
            <Input />
          </Form.Item>
          {rule ? (
            <Alert
              className="span-2 rule-preview"
              type={rule.parsed ? 'info' : 'warning'}
              showIcon
              title={rule.parsed ? `系统识别为：${rule.description}` : '系统无法识别这个公开时限'}
              description={rule.parsed ? undefined : '可以保存，但不会为该事项自动生成按期的公开义务，请人工跟踪。'}
            />
          ) : null}
          <Form.Item label="公开主体" name="responsibleText" className="span-2" rules={[{ required: true, whitespace: true, message: '请输入公开主体' }, { max: 500, message: '公开主体不能超过 500 个字' }]} extra="如“县应急局”，多个单位用顿号分隔">
            <Input />
          </Form.Item>
          <Form.Item name="autoMatch" valuePropName="checked" className="span-2" label="公开主体单位">
            <Switch checkedChildren="按名称自动匹配" unCheckedChildren="手动选择" aria-label="按公开主体的名称自动匹配单位" />
          </Form.Item>
          {!autoMatch ? (
            <Form.Item name="responsibleUnitIds" className="span-2" extra="公开义务按这些单位生成" label="选择单位">
              <TreeSelect
                multiple
                treeData={unitData}
                treeNodeLabelProp="label"
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder="请选择负责公开的单位"
                treeDefaultExpandedKeys={index.roots.map((r) => r.id)}
                popupMatchSelectWidth={false}
                listHeight={320}
              />
            </Form.Item>
          ) : (
            <p className="span-2 muted small item-match-hint">保存时按“公开主体”中的名称和单位别名匹配单位；匹配不到的名称不生成公开义务。</p>
          )}
          <Form.Item label="公开渠道和载体" name="standardChannels" className="span-2" rules={[{ validator: (_, v: string[] | undefined) => (v?.length || form.getFieldValue('otherChannels')?.length ? Promise.resolve() : Promise.reject(new Error('公开渠道和载体至少选择一项'))) }]}>
            <Checkbox.Group className="channel-options" options={STANDARD_CHANNELS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item label="其他渠道" name="otherChannels" className="span-2" extra="领域专用平台或其他渠道：选择或输入后按回车添加" rules={[{ type: 'array', max: 28, message: '渠道过多' }]}>
            <Select
              mode="tags"
              options={DOMAIN_PLATFORM_CHANNELS.map((c) => ({ value: c, label: c }))}
              tokenSeparators={['、', '，', ',']}
              placeholder="如 投资项目在线审批监管平台"
              onChange={(list: string[]) => {
                // A standard option typed here goes to its checkbox.
                const standard = list.map((c) => canonicalChannel(c)).filter((c): c is string => !!c && STANDARD.has(c));
                if (!standard.length) return;
                form.setFieldsValue({
                  otherChannels: list.filter((c) => !STANDARD.has(canonicalChannel(c) ?? '')),
                  standardChannels: [...new Set([...(form.getFieldValue('standardChannels') ?? []), ...standard])],
                });
              }}
            />
          </Form.Item>
          <Form.Item label="公开对象" name="audience" rules={[atLeastOne('公开对象至少选择一项')]}>
            <Checkbox.Group options={AUDIENCE_OPTIONS} />
          </Form.Item>
          <Form.Item label="公开方式" name="mode" rules={[atLeastOne('公开方式至少选择一项')]}>
            <Checkbox.Group options={MODE_OPTIONS} />
          </Form.Item>
          <Form.Item label="公开层级" name="level">
            <Checkbox.Group options={LEVEL_OPTIONS} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
