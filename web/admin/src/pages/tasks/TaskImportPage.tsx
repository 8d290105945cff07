// Importing a yearly notice (/admin/tasks/import, then /admin/tasks/imports/<id>): upload the notice; the
// parsed task list comes back for review — every unit name matched to the county's units (or expanded, for
// 各乡镇 and the like), the names nobody recognises listed to be mapped once (the mapping is kept as the unit's
// alias for next year), each task's time limit read into due dates; tasks may be left out or corrected; a
// person confirms, and only then are the tasks created. A bad file is refused with the server's words.
import { ArrowLeftOutlined, CheckOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Result, Select, Spin, Switch, Table, Tag, Upload, type TableColumnsType, type UploadProps } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { TASK_IMPORT_NAME_TAGS } from '../../labels';
import { BASE, followLink, navigate, useRoute } from '../../router';
import type { TaskImportListItem, TaskImportName, TaskImportResult, TaskImportTask, TaskImportView } from '../../types';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { useStaleDialog } from '../records/stale';
import './tasks.css';

const ACCEPT = '.docx,.xlsx,.html,.htm,.txt';
const IGNORE = '__ignore__';
const OPEN_STATUSES = new Set(['unmatched', 'ambiguous']);

function Uploader() {
  const [year, setYear] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [imports, setImports] = useState<TaskImportListItem[]>([]);
  const report = useApiError();
  const { message } = App.useApp();

  useEffect(() => {
    api.get<TaskImportListItem[]>('/task-imports').then(setImports).catch(report);
  }, [report]);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const f = file as File;
    setBusy(true);
    setRefusal(null);
    api
      .upload<TaskImportView>('/task-imports', f, { query: { year } })
      .then((v) => {
        onSuccess?.(v);
        void message.success(`已识别出 ${v.tasks.length} 项任务，请核对`);
        navigate(`tasks/imports/${v.id}`);
      })
      .catch((e: unknown) => {
        onError?.(e instanceof Error ? e : new Error(String(e)));
        if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401) setRefusal(e.message);
        else report(e);
      })
      .finally(() => setBusy(false));
  };

  return (
    <>
      <Card title={<h2 className="section-title">上传通知</h2>} className="task-card">
        <div className="task-upload">
          <p>选择年度工作要点或任务分解通知（Word .docx、Excel .xlsx、网页 .html 或纯文本 .txt），系统识别出任务清单后，由您核对、指定未识别的单位并确认导入。</p>
          <div className="doc-tools">
            <label htmlFor="task-import-year">计划年度（通知中没有写明时填写）</label>
            <InputNumber id="task-import-year" min={2000} max={2100} value={year} onChange={(v) => setYear(v)} placeholder="如 2026" />
            <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest}>
              <Button type="primary" icon={<UploadOutlined />} loading={busy}>
                选择通知文件
              </Button>
            </Upload>
          </div>
        </div>
        {refusal ? <Alert type="error" showIcon role="alert" title="未能导入" description={refusal} closable={{ 'aria-label': '关闭提示', onClose: () => setRefusal(null) }} /> : null}
      </Card>
      <Card title={<h2 className="section-title">导入记录</h2>} className="task-card">
        <Table<TaskImportListItem>
          aria-label="导入记录"
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={imports}
          locale={{ emptyText: '还没有导入过通知' }}
          columns={[
            { title: '通知', dataIndex: 'title', key: 'title', render: (t: string, i) => <Link to={i.planId ? `tasks/plans/${i.planId}` : `tasks/imports/${i.id}`}>{t}</Link> },
            { title: '文件', dataIndex: 'fileName', key: 'file' },
            { title: '任务', dataIndex: 'tasks', key: 'tasks', width: 70, render: (n: number) => `${n} 项` },
            { title: '上传', key: 'by', width: 200, render: (_: unknown, i) => `${i.createdByLabel} ${formatDateTime(i.createdAt).slice(0, 16)}` },
            { title: '状态', dataIndex: 'statusLabel', key: 'status', width: 90, render: (l: string, i) => <Tag className={i.status === 'draft' ? 'tag-warning' : i.status === 'confirmed' ? 'tag-success' : 'tag-neutral'}>{l}</Tag> },
          ]}
        />
      </Card>
    </>
  );
}

interface EditValues {
  category?: string;
  requirement: string;
  unitsText: string;
  deadlineText?: string;
}

function unitsTextOf(t: TaskImportTask): string {
  return t.units.map((n) => (t.leadUnits.includes(n) ? `${n}牵头` : t.supportingUnits.includes(n) ? `${n}配合` : n)).join('、');
}

function Review({ id }: { id: string }) {
  const [view, setView] = useState<TaskImportView | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [allNames, setAllNames] = useState(false);
  const [editing, setEditing] = useState<TaskImportTask | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [head] = Form.useForm<{ title: string; year: number | null }>();
  const [edit] = Form.useForm<EditValues>();
  const { units } = useUnits(false);
  const report = useApiError();
  const stale = useStaleDialog();
  const { message, modal } = App.useApp();

  const load = useCallback(async () => {
    try {
      const v = await api.get<TaskImportView>(`/task-imports/${id}`);
      setView(v);
      head.setFieldsValue({ title: v.title, year: v.year });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(e.message);
      else report(e);
    }
  }, [id, report, head]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = useCallback(
    async (patch: Record<string, unknown>, done?: string) => {
      if (!view) return false;
      setSaving(true);
      setRefusal(null);
      try {
        const v = await api.put<TaskImportView>(`/task-imports/${view.id}`, { version: view.version, ...patch });
        setView(v);
        if (done) void message.success(done);
        return true;
      } catch (e) {
        if (stale(e, () => void load())) return false;
        if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
        else report(e);
        return false;
      } finally {
        setSaving(false);
      }
    },
    [view, message, stale, load, report],
  );

  const unitOptions = useMemo(() => units.filter((u) => !u.abolished).map((u) => ({ value: u.id, label: u.name })), [units]);

  if (missing) {
    return (
      <Result
        status="404"
        title={<h1 className="result-title">找不到这次导入</h1>}
        subTitle={missing}
        extra={
          <Button href={`${BASE}/tasks/import`} onClick={(e) => followLink(e, 'tasks/import')}>
            返回
          </Button>
        }
      />
    );
  }
  if (!view) return <Spin className="page-spin" description="正在加载…" spinning />;
  const draft = view.status === 'draft';

  const names = allNames ? view.names : view.names.filter((n) => OPEN_STATUSES.has(n.status) || n.status === 'mapped' || n.status === 'ignored');

  const nameColumns: TableColumnsType<TaskImportName> = [
    { title: '通知中的写法', dataIndex: 'name', key: 'name', width: 200, render: (n: string) => <strong>{n}</strong> },
    { title: '匹配结果', dataIndex: 'statusLabel', key: 'status', width: 150, render: (l: string, n) => <Tag className={TASK_IMPORT_NAME_TAGS[n.status] ?? 'tag-neutral'}>{l}</Tag> },
    {
      title: '对应单位',
      key: 'units',
      render: (_: unknown, n) =>
        n.units.length ? (
          <span>
            {n.units.length > 4 ? `${n.units.slice(0, 4).map((u) => u.name).join('、')} 等 ${n.units.length} 个单位` : n.units.map((u) => u.name).join('、')}
            {n.keepsAlias ? <div className="muted small">确认导入后，「{n.name}」将保存为该单位的别名，明年自动匹配</div> : null}
          </span>
        ) : (
          <span className="muted small">{n.note}</span>
        ),
    },
    { title: '涉及任务', dataIndex: 'taskCount', key: 'tasks', width: 90, render: (c: number) => `${c} 项` },
    ...(draft
      ? [
          {
            title: '指定为',
            key: 'map',
            width: 300,
            render: (_: unknown, n: TaskImportName) =>
              n.status === 'matched' || n.status === 'collective' ? (
                <span className="muted small">无需指定</span>
              ) : (
                <Select
                  aria-label={`「${n.name}」指定为`}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择对应的单位"
                  allowClear
                  disabled={saving}
                  value={n.status === 'ignored' ? IGNORE : n.status === 'mapped' && n.units.length === 1 ? n.units[0]!.id : undefined}
                  onChange={(v?: string) => void save({ mappings: [v === IGNORE ? { name: n.name, ignore: true } : { name: n.name, unitIds: v ? [v] : [] }] }, v ? `已指定「${n.name}」` : `已清除「${n.name}」的指定`)}
                  options={[
                    ...(n.candidates.length ? [{ label: '可能的单位', title: '可能的单位', options: n.candidates.map((c) => ({ value: c.id, label: c.name })) }] : []),
                    { label: '不是单位', title: '不是单位', options: [{ value: IGNORE, label: '不是具体单位，忽略' }] },
                    { label: '全部单位', title: '全部单位', options: unitOptions },
                  ]}
                  popupMatchSelectWidth={false}
                  className="full-width"
                />
              ),
          },
        ]
      : []),
  ];

  const taskColumns: TableColumnsType<TaskImportTask> = [
    {
      title: '导入',
      key: 'include',
      width: 64,
      render: (_: unknown, t) => <Checkbox checked={t.include} disabled={!draft || saving} aria-label={`导入第 ${t.index + 1} 项任务`} onChange={(e) => void save({ tasks: [{ index: t.index, include: e.target.checked }] })} />,
    },
    { title: '序号', key: 'index', width: 60, render: (_: unknown, t) => t.index + 1 },
    {
      title: '工作任务和要求',
      key: 'requirement',
      render: (_: unknown, t) => (
        <div>
          {t.category ? <span className="task-category">{t.category}</span> : null}
          <span className="task-requirement">{t.requirement}</span>
          <div className="muted small">{t.source}</div>
        </div>
      ),
    },
    {
      title: '责任单位',
      key: 'units',
      width: 260,
      render: (_: unknown, t) => (
        <div>
          <div className="task-unit-tags">
            {t.resolved.slice(0, 6).map((u) => (
              <Tag key={u.id} className={u.role === 'lead' ? 'tag-role' : 'tag-neutral'}>
                {u.name}
                {u.role !== 'responsible' ? `（${u.roleLabel.replace('单位', '')}）` : ''}
              </Tag>
            ))}
            {t.resolved.length > 6 ? <Tag className="tag-neutral">等 {t.resolved.length} 个单位</Tag> : null}
            {t.unresolved.map((n) => (
              <Tag key={n} className="tag-danger">
                {n}（未指定）
              </Tag>
            ))}
          </div>
          {t.unitsFrom === 'above' ? <div className="muted small">同上一行（合并单元格）</div> : null}
        </div>
      ),
    },
    {
      title: '时限要求',
      key: 'deadline',
      width: 260,
      render: (_: unknown, t) => (
        <div>
          <div>{t.deadlineText ?? <span className="muted">未写</span>}</div>
          <div className="muted small">{t.timeLimit.description}</div>
          {t.timeLimit.needsReview ? <div className="task-needs-review">需人工确定：{t.timeLimit.note}</div> : null}
          <ul className="task-due-list" aria-label={`第 ${t.index + 1} 项任务的截止日`}>
            {t.timeLimit.dueDates.slice(0, 4).map((d) => (
              <li key={`${d.date}-${d.label}`}>
                {d.date}（{d.label}）
              </li>
            ))}
            {t.timeLimit.dueDates.length > 4 ? <li>等 {t.timeLimit.dueDates.length} 个截止日</li> : null}
          </ul>
        </div>
      ),
    },
    ...(draft
      ? [
          {
            title: '操作',
            key: 'edit',
            width: 90,
            render: (_: unknown, t: TaskImportTask) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={`修改第 ${t.index + 1} 项任务`}
                onClick={() => {
                  edit.setFieldsValue({ category: t.category ?? '', requirement: t.requirement, unitsText: unitsTextOf(t), deadlineText: t.deadlineText ?? '' });
                  setEditing(t);
                }}
              >
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];

  async function confirm() {
    if (!view) return;
    setConfirming(true);
    setRefusal(null);
    try {
      const r = await api.post<TaskImportResult>(`/task-imports/${view.id}/confirm`, { version: view.version });
      void message.success(`已导入 ${r.tasks} 项任务，分配 ${r.assignments} 个单位次${r.aliases.length ? `；已保存别名 ${r.aliases.map((a) => `「${a.name}」`).join('、')}` : ''}`, 6);
      navigate(`tasks/plans/${r.planId}`);
    } catch (e) {
      if (stale(e, () => void load())) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setConfirming(false);
    }
  }

  const s = view.summary;
  return (
    <>
      <PageTitle
        title={draft ? '核对导入的任务' : `导入：${view.title}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} href={`${BASE}/tasks/import`} onClick={(e) => followLink(e, 'tasks/import')}>
            返回
          </Button>
        }
      >
        {draft ? '请核对识别出的任务和单位：未识别的单位名称须指定一次（将保存为别名，明年自动匹配），不需要的任务可以取消勾选。确认导入后才会生成任务。' : `这次导入${view.statusLabel}。`}
        {view.planId ? (
          <>
            {' '}
            <Link to={`tasks/plans/${view.planId}`}>查看工作计划</Link>
          </>
        ) : null}
      </PageTitle>
      <Card title={<h2 className="section-title">通知</h2>} className="task-card">
        <Form
          form={head}
          name="task-import-head"
          layout="inline"
          disabled={!draft}
          onFinish={(v) => void save({ title: v.title, year: v.year ?? null }, '已保存')}
          className="task-import-summary"
        >
          <Form.Item label="计划名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }, { max: 300 }]}>
            <Input className="filter-unit" />
          </Form.Item>
          <Form.Item label="计划年度" name="year" rules={[{ required: true, message: '请填写计划年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          {draft ? (
            <Form.Item>
              <Button htmlType="submit" loading={saving}>
                保存
              </Button>
            </Form.Item>
          ) : null}
        </Form>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'file', label: '文件', children: view.fileName },
            { key: 'layout', label: '识别为', children: view.layout ?? '—' },
            { key: 'tasks', label: '任务', children: `${s.tasks} 项（导入 ${s.included} 项）` },
            { key: 'units', label: '涉及单位', children: `${s.units} 个` },
            { key: 'open', label: '待指定的单位名称', children: `${s.unmatched + s.ambiguous} 个` },
            { key: 'review', label: '时限需人工确定', children: `${s.needsReview} 项` },
            { key: 'by', label: '上传', children: `${view.createdByLabel} ${formatDateTime(view.createdAt).slice(0, 16)}` },
          ]}
        />
        {view.warnings.length ? (
          <Alert
            className="form-alert"
            type="info"
            showIcon
            title="识别说明"
            description={
              <ul className="task-progress-list">
                {view.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Card>
      {draft ? (
        view.problems.length ? (
          <Alert
            className="page-alert"
            type="warning"
            showIcon
            title="还不能确认导入"
            description={
              <ul className="task-progress-list" aria-label="还需处理的问题">
                {view.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert className="page-alert" type="success" showIcon title={`可以确认导入：${s.included} 项任务，分配到 ${s.units} 个单位`} />
        )
      ) : null}
      {refusal ? <Alert className="page-alert" type="error" showIcon role="alert" title="操作未完成" description={refusal} closable={{ 'aria-label': '关闭提示', onClose: () => setRefusal(null) }} /> : null}
      <Card
        title={<h2 className="section-title">单位名称</h2>}
        className="task-card"
        extra={
          <span className="switch-label">
            <Switch checked={allNames} onChange={setAllNames} id="task-all-names" aria-label="显示全部单位名称" />
            <label htmlFor="task-all-names">显示全部单位名称</label>
          </span>
        }
      >
        <Table<TaskImportName>
          aria-label="单位名称"
          className="task-names-table"
          rowKey="name"
          size="small"
          pagination={false}
          columns={nameColumns}
          dataSource={names}
          locale={{ emptyText: '所有单位名称都已匹配，无需指定' }}
          scroll={{ x: 900 }}
        />
      </Card>
      <Card title={<h2 className="section-title">任务清单</h2>} className="task-card">
        <Table<TaskImportTask>
          aria-label="任务清单"
          rowKey="index"
          size="small"
          columns={taskColumns}
          dataSource={view.tasks}
          pagination={false}
          rowClassName={(t) => (t.include ? (t.problems.length ? 'row-overdue' : '') : 'task-excluded')}
          scroll={{ x: 1100 }}
        />
      </Card>
      {draft ? (
        <div className="task-import-actions">
          <Button
            onClick={() =>
              modal.confirm({
                title: '放弃这次导入？',
                content: '放弃后不会生成任何任务，已做的核对也不再保留。',
                okText: '放弃导入',
                cancelText: '取消',
                onOk: async () => {
                  await api.post(`/task-imports/${view.id}/discard`, { version: view.version }).catch(report);
                  navigate('tasks/import');
                },
              })
            }
          >
            放弃导入
          </Button>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={!view.ready}
            loading={confirming}
            onClick={() =>
              modal.confirm({
                title: '确认导入',
                content: `将生成 ${s.included} 项任务，分配到 ${s.units} 个单位，并为各单位生成报送期和工作台账。${view.names.some((n) => n.keepsAlias) ? `「${view.names.filter((n) => n.keepsAlias).map((n) => n.name).join('」「')}」将保存为所指定单位的别名。` : ''}`,
                okText: '确认导入',
                cancelText: '取消',
                onOk: () => confirm(),
              })
            }
          >
            确认导入
          </Button>
        </div>
      ) : null}
      <Modal
        open={editing !== null}
        title={editing ? `修改第 ${editing.index + 1} 项任务` : '修改任务'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => edit.submit()}
        onCancel={() => setEditing(null)}
        forceRender
        destroyOnHidden={false}
      >
        <Form<EditValues>
          form={edit}
          name="task-import-edit"
          layout="vertical"
          onFinish={async (v) => {
            if (!editing) return;
            const ok = await save(
              { tasks: [{ index: editing.index, category: v.category?.trim() || null, requirement: v.requirement, unitsText: v.unitsText, deadlineText: v.deadlineText?.trim() || null }] },
              '已修改',
            );
            if (ok) setEditing(null);
          }}
        >
          <Form.Item label="工作任务（类别）" name="category" rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="工作要求" name="requirement" rules={[{ required: true, whitespace: true, message: '请填写工作要求' }, { max: 5000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item label="责任单位" name="unitsText" extra="用“、”分隔；牵头单位写“某某牵头”，配合单位写“某某配合”" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label="时限要求" name="deadlineText" extra="如：按季度公开、6月底前、信息形成之日起20个工作日内；不写则按年底计" rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function TaskImportPage() {
  const route = useRoute();
  const id = route.startsWith('tasks/imports/') ? route.slice('tasks/imports/'.length) : null;
  if (id) return <Review key={id} id={id} />;
  return (
    <>
      <PageTitle
        title="导入工作任务"
        extra={
          <Button icon={<ArrowLeftOutlined />} href={`${BASE}/tasks`} onClick={(e) => followLink(e, 'tasks')}>
            返回
          </Button>
        }
      >
        导入年度政务公开工作要点或重点工作任务分解表：表格（每格一行、制表符分隔、竖线分隔）和“（责任单位：……）”式的条文都能识别；没有责任单位的文件会说明原因，不会导入。
      </PageTitle>
      <Uploader />
    </>
  );
}
