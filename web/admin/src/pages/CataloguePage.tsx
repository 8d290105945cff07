// 标准目录: the domains of the 基层政务公开标准目录 (the 26 pilot domains by default) with the number of
// items in each; a domain opens its items. The open-government office (catalogue.manage) loads the pilot
// domains into an empty site and adds its own.
import { CheckSquareOutlined, CloudDownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, InputNumber, Modal, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { PERMISSIONS } from '../labels';
import { BASE, followLink, navigate } from '../router';
import { useSession } from '../session';
import type { CatalogueDomain } from '../types';
import { useApiError } from '../useApiError';
import { forgetCatalogue } from './catalogue/useCatalogue';

interface DomainValues {
  name?: string;
  code?: string;
  sortOrder?: number | null;
}

const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

function DomainModal({ open, nextSort, onClose, onSaved }: { open: boolean; nextSort: number; onClose: () => void; onSaved: (d: CatalogueDomain) => void }) {
  const [form] = Form.useForm<DomainValues>();
  const [busy, setBusy] = useState(false);
  const report = useApiError();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ sortOrder: nextSort });
  }, [open, nextSort, form]);

  async function save(values: DomainValues) {
    setBusy(true);
    try {
      const created = await api.post<CatalogueDomain>('/catalogue/domains', {
        name: (values.name ?? '').trim(),
        code: (values.code ?? '').trim(),
        ...(values.sortOrder !== undefined && values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
      });
      onSaved(created);
    } catch (e) {
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : null;
      if (field === 'name' || field === 'code' || field === 'sortOrder') form.setFields([{ name: field, errors: [(e as ApiError).message] }]);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title="新增领域" okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender>
      <Form<DomainValues> form={form} name="catalogue-domain" layout="vertical" onFinish={save} autoComplete="off">
        <Form.Item label="领域名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入领域名称' }, { max: 60, message: '领域名称不能超过 60 个字' }]}>
          <Input placeholder="如 优化营商环境" />
        </Form.Item>
        <Form.Item
          label="编码"
          name="code"
          extra="小写字母、数字、- 或 _，在本站点内唯一，如 business_environment"
          normalize={(v: string | undefined) => (v ?? '').toLowerCase()}
          rules={[
            { required: true, message: '请输入编码' },
            { max: 40, message: '编码不能超过 40 个字符' },
            { pattern: CODE_PATTERN, message: '编码只能包含小写字母、数字、- 或 _，并以字母或数字开头' },
          ]}
        >
          <Input spellCheck={false} />
        </Form.Item>
        <Form.Item label="排序" name="sortOrder" extra="数字小的排在前面">
          <InputNumber min={0} max={100000} className="full-width" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CataloguePage() {
  const { can } = useSession();
  const canManage = can(PERMISSIONS.catalogueManage);
  const [domains, setDomains] = useState<CatalogueDomain[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [seeding, setSeeding] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    try {
      setDomains(await api.get<CatalogueDomain[]>('/catalogue/domains'));
    } catch (e) {
      report(e);
      setDomains((d) => d ?? []);
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function seed() {
    setSeeding(true);
    try {
      const { created } = await api.post<{ created: number }>('/catalogue/domains/seed');
      forgetCatalogue();
      void message.success(created ? `已载入 ${created} 个试点领域` : '已有领域，未重复载入');
      await load();
    } catch (e) {
      report(e);
    } finally {
      setSeeding(false);
    }
  }

  const list = domains ?? [];
  const totalItems = list.reduce((n, d) => n + d.items, 0);
  const nextSort = list.length ? Math.min(100000, Math.max(...list.map((d) => d.sortOrder)) + 10) : 10;

  const columns: TableColumnsType<CatalogueDomain> = [
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 80, align: 'right' },
    { title: '领域', dataIndex: 'name', key: 'name', render: (name: string, d) => <Link to={`catalogue/${d.id}`}>{name}</Link> },
    { title: '编码', dataIndex: 'code', key: 'code', width: 260, render: (v: string) => <span className="mono">{v}</span> },
    { title: '事项数', dataIndex: 'items', key: 'items', width: 100, align: 'right', render: (n: number) => (n ? n : <span className="muted">0</span>) },
  ];

  return (
    <>
      <PageTitle
        title="标准目录"
        extra={
          <>
            <Button icon={<CheckSquareOutlined />} href={`${BASE}/obligations`} onClick={(e) => followLink(e, 'obligations')}>
              公开义务
            </Button>
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                新增领域
              </Button>
            ) : null}
          </>
        }
      >
        基层政务公开标准目录：每个领域列出应公开的事项，以及各事项的公开内容、依据、时限、主体、渠道、对象、方式和层级。按期公开的事项每年为公开主体生成公开义务。
      </PageTitle>
      <Table<CatalogueDomain>
        aria-label="标准目录领域"
        rowKey="id"
        columns={columns}
        dataSource={list}
        loading={domains === null}
        size="middle"
        pagination={false}
        locale={{
          emptyText: (
            <Empty description="还没有标准目录领域">
              {canManage ? (
                <Button type="primary" icon={<CloudDownloadOutlined />} loading={seeding} onClick={() => void seed()}>
                  载入26个试点领域
                </Button>
              ) : null}
            </Empty>
          ),
        }}
        summary={() =>
          list.length > 1 ? (
            <Table.Summary.Row className="summary-row">
              <Table.Summary.Cell index={0} />
              <Table.Summary.Cell index={1}>合计 {list.length} 个领域</Table.Summary.Cell>
              <Table.Summary.Cell index={2} />
              <Table.Summary.Cell index={3} align="right">
                {totalItems}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <DomainModal
        open={adding}
        nextSort={nextSort}
        onClose={() => setAdding(false)}
        onSaved={(d) => {
          setAdding(false);
          forgetCatalogue();
          void message.success(`已新增领域「${d.name}」，可在领域页面新增事项或导入表格`);
          navigate(`catalogue/${d.id}`);
        }}
      />
    </>
  );
}
