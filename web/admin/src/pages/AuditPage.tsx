// 操作日志: every change and login of this government, newest first, with a hash-chain check.
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { endOfDayIso, formatDateTime, startOfDayIso } from '../format';
import { auditActionLabel, ENTITY_TYPE_LABELS, PERMISSIONS } from '../labels';
import { useSession } from '../session';
import type { AuditEntry, AuditPage as AuditPageData, AuditVerify } from '../types';
import { useApiError } from '../useApiError';
import { AuditDrawer } from './audit/AuditDrawer';

interface FilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  q?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Query {
  actor?: string;
  action?: string;
  entityType?: string;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export default function AuditPage() {
  const { can } = useSession();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 50 });
  const [data, setData] = useState<AuditPageData>({ total: 0, page: 1, pageSize: 50, items: [], actions: [] });
  const [loading, setLoading] = useState(true);
  const [verifying, setVerifying] = useState(false);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const report = useApiError();
  const { modal } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get<AuditPageData>('/audit', { ...query }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [query, report]);

  useEffect(() => {
    void load();
  }, [load]);

  function applyFilters(values: FilterValues) {
    const [from, to] = values.range ?? [null, null];
    setQuery((q) => ({
      page: 1,
      pageSize: q.pageSize,
      actor: values.actor?.trim() || undefined,
      action: values.action || undefined,
      entityType: values.entityType || undefined,
      q: values.q?.trim() || undefined,
      from: from ? startOfDayIso(from.format('YYYY-MM-DD')) : undefined,
      to: to ? endOfDayIso(to.format('YYYY-MM-DD')) : undefined,
    }));
  }

  async function verify() {
    setVerifying(true);
    try {
      const result = await api.post<AuditVerify>('/audit/verify', {});
      if (result.ok) {
        modal.success({ title: '操作日志完整', content: `已校验全部 ${result.entries} 条记录，哈希链完整，未发现篡改或缺失。`, okText: '知道了' });
      } else {
        modal.error({
          title: '操作日志校验未通过',
          content: result.problem ? `第 ${result.problem.seq} 条记录：${result.problem.reason}。请立即报告系统管理员并保留现场。` : `共 ${result.entries} 条记录，校验未通过。`,
          okText: '知道了',
        });
      }
    } catch (e) {
      report(e);
    } finally {
      setVerifying(false);
    }
  }

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (at: string) => formatDateTime(at) },
    { title: '操作人', dataIndex: 'actorLabel', key: 'actor', width: 180 },
    { title: '操作', dataIndex: 'action', key: 'action', width: 140, render: (a: string) => <span title={a}>{auditActionLabel(a)}</span> },
    { title: '摘要', dataIndex: 'summary', key: 'summary' },
    {
      title: '详情',
      key: 'detail',
      width: 70,
      render: (_: unknown, e: AuditEntry) => (
        <Button
          type="link"
          size="small"
          aria-label={`查看第 ${e.seq} 条详情`}
          onClick={(ev) => {
            ev.stopPropagation();
            setOpen(e);
          }}
        >
          查看
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="操作日志"
        extra={
          can(PERMISSIONS.auditVerify) ? (
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
              校验完整性
            </Button>
          ) : null
        }
      >
        登录和每一项修改都记入日志，逐条以哈希相连，不可修改或删除。点击一行查看修改前后的数据。
      </PageTitle>
      <Form<FilterValues> form={form} layout="inline" name="audit-filter" onFinish={applyFilters} className="toolbar audit-filter">
        <Form.Item label="操作人" name="actor">
          <Input allowClear placeholder="姓名或用户名" className="filter-short" />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select
            allowClear
            placeholder="全部操作"
            showSearch={{ optionFilterProp: 'label' }}
            options={data.actions.map((a) => ({ value: a, label: `${auditActionLabel(a)}（${a}）` }))}
            className="filter-action"
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label="对象类型" name="entityType">
          <Select allowClear placeholder="全部" options={Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }))} className="filter-short" />
        </Form.Item>
        <Form.Item label="摘要" name="q">
          <Input allowClear placeholder="摘要关键词" className="filter-short" />
        </Form.Item>
        <Form.Item label="日期" name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.resetFields();
              applyFilters({});
            }}
          >
            重置
          </Button>
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="seq"
        className="clickable-rows"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        size="small"
        scroll={{ x: 1000 }}
        onRow={(e) => ({ onClick: () => setOpen(e) })}
        pagination={{
          current: data.page,
          pageSize: data.pageSize,
          total: data.total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
      <AuditDrawer entry={open} onClose={() => setOpen(null)} />
    </>
  );
}
