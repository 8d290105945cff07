// One domain of the standard catalogue (/admin/catalogue/<id>): its items in the columns of the standard
// table, with the rule the platform reads from each 公开时限 and the units it matched in each 公开主体.
// Everyone may export the table (XLSX); the open-government office adds and edits items and imports a sheet.
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Result, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, apiUrl } from '../api';
import { PageTitle } from '../components/PageTitle';
import { PERMISSIONS } from '../labels';
import { BASE, followLink, routeParam, useRoute } from '../router';
import { useSession } from '../session';
import type { CatalogueDomain, CatalogueItem } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { ImportModal } from './catalogue/ImportModal';
import { ItemFormModal, type ItemFormTarget } from './catalogue/ItemFormModal';
import { forgetCatalogue } from './catalogue/useCatalogue';

function Tick({ on }: { on: boolean }) {
  return on ? (
    <span className="tick">
      <span aria-hidden="true">√</span>
      <span className="sr-only">是</span>
    </span>
  ) : (
    <span className="sr-only">否</span>
  );
}

/** Rows of the same 一级事项 one after another share one cell, as in the standard table. */
function level1Spans(items: readonly CatalogueItem[]): number[] {
  const spans = items.map(() => 1);
  for (let i = 0; i < items.length; ) {
    let j = i + 1;
    while (j < items.length && items[j]!.level1 === items[i]!.level1) {
      spans[j] = 0;
      j++;
    }
    spans[i] = j - i;
    i = j;
  }
  return spans;
}

export default function CatalogueDomainPage() {
  const route = useRoute();
  const id = routeParam(route, 'catalogue') ?? '';
  const { can } = useSession();
  const canManage = can(PERMISSIONS.catalogueManage);
  const { index } = useUnits(false);
  const [domain, setDomain] = useState<CatalogueDomain | null>(null);
  const [missing, setMissing] = useState(false);
  const [items, setItems] = useState<CatalogueItem[] | null>(null);
  const [formTarget, setFormTarget] = useState<ItemFormTarget | null>(null);
  const [importing, setImporting] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    try {
      const [domains, list] = await Promise.all([api.get<CatalogueDomain[]>('/catalogue/domains'), api.get<CatalogueItem[]>(`/catalogue/domains/${id}/items`)]);
      const d = domains.find((x) => x.id === id) ?? null;
      setDomain(d);
      setMissing(!d);
      setItems(list);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else report(e);
      setItems((prev) => prev ?? []);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const spans = useMemo(() => level1Spans(items ?? []), [items]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/catalogue`} onClick={(e) => followLink(e, 'catalogue')}>
      返回领域列表
    </Button>
  );

  if (missing) {
    return <Result status="404" title={<h1 className="result-title">找不到这个领域</h1>} subTitle="它可能已被删除，或地址有误。" extra={back} />;
  }

  const columns: TableColumnsType<CatalogueItem> = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 56, align: 'center', fixed: 'left' },
    {
      title: '公开事项',
      key: 'matter',
      children: [
        { title: '一级事项', dataIndex: 'level1', key: 'level1', width: 100, onCell: (_, i) => ({ rowSpan: spans[i ?? 0] ?? 1 }) },
        { title: '二级事项', dataIndex: 'level2', key: 'level2', width: 130, render: (v: string) => <strong className="item-level2">{v}</strong> },
      ],
    },
    { title: '公开内容（要素）', dataIndex: 'content', key: 'content', width: 190, render: (v: string) => <span className="pre-line">{v}</span> },
    { title: '公开依据', dataIndex: 'basis', key: 'basis', width: 150, render: (v: string) => (v ? <span className="pre-line">{v}</span> : <span className="muted">—</span>) },
    {
      title: '公开时限',
      dataIndex: 'timeLimitText',
      key: 'timeLimit',
      width: 190,
      render: (v: string, i) => (
        <div>
          <div>{v}</div>
          {i.timeLimitRule.kind === 'unparsed' ? (
            <Tag className="tag-warning rule-tag">无法识别，不生成公开义务</Tag>
          ) : (
            <div className="rule-description small">
              <span className="sr-only">系统识别为：</span>
              {i.timeLimitDescription}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '公开主体',
      dataIndex: 'responsibleText',
      key: 'responsible',
      width: 160,
      render: (v: string, i) => (
        <div>
          <div>{v}</div>
          <div className="matched-units">
            {i.responsibleUnitNames.length ? (
              i.responsibleUnitNames.map((n, k) => (
                <Tag key={`${n}-${k}`} className="tag-info">
                  {n || '（已删除的单位）'}
                </Tag>
              ))
            ) : (
              <Tag className="tag-warning">未匹配到单位</Tag>
            )}
          </div>
        </div>
      ),
    },
    {
      title: '公开渠道和载体',
      dataIndex: 'channels',
      key: 'channels',
      width: 150,
      render: (list: string[]) => (
        <ul className="channel-list">
          {list.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ),
    },
    {
      title: '公开对象',
      key: 'audience',
      children: [
        { title: '全社会', dataIndex: 'audiencePublic', key: 'audiencePublic', width: 68, align: 'center', render: (v: boolean) => <Tick on={v} /> },
        { title: '特定群众', dataIndex: 'audienceSpecific', key: 'audienceSpecific', width: 80, align: 'center', render: (v: boolean) => <Tick on={v} /> },
      ],
    },
    {
      title: '公开方式',
      key: 'mode',
      children: [
        { title: '主动', dataIndex: 'modeProactive', key: 'modeProactive', width: 56, align: 'center', render: (v: boolean) => <Tick on={v} /> },
        { title: '依申请公开', dataIndex: 'modeRequest', key: 'modeRequest', width: 92, align: 'center', render: (v: boolean) => <Tick on={v} /> },
      ],
    },
    {
      title: '公开层级',
      key: 'level',
      children: [
        { title: '县级', dataIndex: 'levelCounty', key: 'levelCounty', width: 56, align: 'center', render: (v: boolean) => <Tick on={v} /> },
        { title: '乡级', dataIndex: 'levelTownship', key: 'levelTownship', width: 56, align: 'center', render: (v: boolean) => <Tick on={v} /> },
      ],
    },
    ...(canManage && domain
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, i: CatalogueItem) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', domain, item: i })} aria-label={`编辑事项：${i.level2 || i.level1}`}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  const title = domain ? `${domain.name}领域标准目录` : '标准目录';
  return (
    <>
      <PageTitle
        title={title}
        extra={
          <>
            {domain ? (
              <Button icon={<DownloadOutlined />} href={apiUrl(`/catalogue/domains/${domain.id}/xlsx`)} download={`${domain.name}领域基层政务公开标准目录.xlsx`}>
                导出 XLSX
              </Button>
            ) : null}
            {canManage && domain ? (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  导入 XLSX
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create', domain })}>
                  新增事项
                </Button>
              </>
            ) : null}
            {back}
          </>
        }
      >
        {domain ? (
          <>
            共 {items?.length ?? domain.items} 项。“公开时限”下方是系统识别出的期限规则，按期公开的事项据此生成公开义务；“公开主体”下方是匹配到的单位。
          </>
        ) : null}
      </PageTitle>
      <Table<CatalogueItem>
        aria-label={`${domain?.name ?? ''}领域标准目录事项`}
        className="catalogue-table"
        rowKey="id"
        columns={columns}
        dataSource={items ?? []}
        loading={items === null}
        bordered
        size="small"
        pagination={false}
        scroll={{ x: 1620 }}
        locale={{ emptyText: canManage ? '该领域还没有事项：可新增事项，或导入标准表格式的 XLSX' : '该领域还没有事项' }}
      />
      {domain ? (
        <>
          <ItemFormModal
            target={formTarget}
            index={index}
            onClose={() => setFormTarget(null)}
            onStale={() => void load()}
            onSaved={(item, created) => {
              setFormTarget(null);
              forgetCatalogue();
              void message.success(created ? `已新增事项「${item.level2 || item.level1}」` : `已保存事项「${item.level2 || item.level1}」`);
              void load();
            }}
          />
          <ImportModal
            domain={domain}
            open={importing}
            onClose={() => setImporting(false)}
            onImported={(n) => {
              setImporting(false);
              forgetCatalogue();
              void message.success(`已导入 ${n} 项`);
              void load();
            }}
          />
        </>
      ) : null}
    </>
  );
}
