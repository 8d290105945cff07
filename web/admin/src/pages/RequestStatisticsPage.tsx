// 依申请公开统计: section 三 of the annual report (收到和处理政府信息公开申请情况) for a year, counted from
// the requests themselves, in the statutory layout (国办公开办函〔2021〕30号): the applicant columns, the
// rows 一 to 四 with the result rows of 三 exactly as /requests/meta names them, and the check the table's
// own note asks for: in every column 一 + 二 = 三（七）+ 四.
import { Alert, Card, Select, Spin } from 'antd';
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit } from '../access';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { currentYear, todayInShanghai } from '../format';
import { PERMISSIONS } from '../labels';
import { useSession } from '../session';
import type { ApplicantColumn, ApplicantCounts, RequestStatistics } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { groupResults, isSingleRow, useRequestMeta } from './requests/useRequestMeta';

const COLUMNS: ApplicantColumn[] = ['natural_person', 'enterprise', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
const COLUMN_LABELS: Record<ApplicantColumn, string> = {
  natural_person: '自然人',
  enterprise: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
  total: '总计',
};

function Cells({ counts }: { counts: ApplicantCounts | undefined }) {
  return (
    <>
      {COLUMNS.map((c) => (
        <td key={c} className="num">
          {counts?.[c] ?? 0}
        </td>
      ))}
    </>
  );
}

export default function RequestStatisticsPage() {
  const { session } = useSession();
  const meta = useRequestMeta();
  const { index } = useUnits(false);
  const thisYear = currentYear();
  // Until the reports are out (31 January, 31 March), the year to report on is the last one.
  const [year, setYear] = useState(Number(todayInShanghai().slice(5, 7)) <= 3 ? thisYear - 1 : thisYear);
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [stats, setStats] = useState<RequestStatistics | null>(null);
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setStats(await api.get<RequestStatistics>('/requests/statistics', { year, unitId }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [year, unitId, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const groups = useMemo(() => groupResults(meta?.results ?? []), [meta]);
  const resultRows = groups.reduce((n, g) => n + (isSingleRow(g) ? 1 : g.results.length), 0) + 1;
  const unitOptions = useMemo(
    () => (meta?.units ?? []).filter((u) => canOnUnit(session.user, PERMISSIONS.requestsRead, index.byId.get(u.id))).map((u) => ({ value: u.id, label: `${u.name}（含下级）` })),
    [meta, session.user, index],
  );
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }));

  const check = stats
    ? COLUMNS.map((c) => {
        const left = stats.newThisYear[c] + stats.carriedOver[c];
        const right = stats.resultsTotal[c] + stats.carriedForward[c];
        return { column: c, left, right, ok: left === right };
      })
    : [];
  const allOk = check.every((x) => x.ok);

  return (
    <>
      <PageTitle title="依申请公开统计">
        政府信息公开工作年度报告第三部分“收到和处理政府信息公开申请情况”，按收到申请之日和作出处理决定之日从申请台账自动统计。表格格式依照国务院办公厅政府信息公开办公室规定的年度报告格式。
      </PageTitle>
      <div className="toolbar" role="search" aria-label="统计范围">
        <Select aria-label="年度" value={year} onChange={setYear} options={years} className="year-select" />
        <Select aria-label="单位" placeholder="全部单位" allowClear showSearch={{ optionFilterProp: 'label' }} value={unitId} onChange={(v?: string) => setUnitId(v)} options={unitOptions} className="filter-unit" popupMatchSelectWidth={false} />
      </div>
      <Spin spinning={loading || !meta}>
        <Card className="record-card stats-card">
          <div className="stats-scroll" tabIndex={0} role="region" aria-label={`${year}年收到和处理政府信息公开申请情况表`}>
            <table className="stats-table">
              <caption>三、收到和处理政府信息公开申请情况（{year}年）</caption>
              <thead>
                <tr>
                  <td colSpan={3} rowSpan={3} className="stats-corner">
                    （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
                  </td>
                  <th colSpan={7} scope="colgroup">
                    申请人情况
                  </th>
                </tr>
                <tr>
                  <th rowSpan={2} scope="col">
                    自然人
                  </th>
                  <th colSpan={5} scope="colgroup">
                    法人或其他组织
                  </th>
                  <th rowSpan={2} scope="col">
                    总计
                  </th>
                </tr>
                <tr>
                  {COLUMNS.slice(1, 6).map((c) => (
                    <th key={c} scope="col">
                      {COLUMN_LABELS[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th colSpan={3} scope="row" className="stats-row-head">
                    一、本年新收政府信息公开申请数量
                  </th>
                  <Cells counts={stats?.newThisYear} />
                </tr>
                <tr>
                  <th colSpan={3} scope="row" className="stats-row-head">
                    二、上年结转政府信息公开申请数量
                  </th>
                  <Cells counts={stats?.carriedOver} />
                </tr>
                {groups.map((g, gi) => {
                  const lead = gi === 0 ? (
                    <th rowSpan={resultRows} scope="rowgroup" className="stats-row-head stats-section">
                      三、本年度办理结果
                    </th>
                  ) : null;
                  if (isSingleRow(g)) {
                    const r = g.results[0]!;
                    return (
                      <tr key={g.group}>
                        {lead}
                        <th colSpan={2} scope="row">
                          {r.label}
                        </th>
                        <Cells counts={stats?.results[r.value]} />
                      </tr>
                    );
                  }
                  return (
                    <Fragment key={g.group}>
                      {g.results.map((r, i) => (
                        <tr key={r.value}>
                          {i === 0 ? lead : null}
                          {i === 0 ? (
                            <th rowSpan={g.results.length} scope="rowgroup" className="stats-group">
                              {g.groupLabel}
                            </th>
                          ) : null}
                          <th scope="row" className="stats-sub">
                            {r.label}
                          </th>
                          <Cells counts={stats?.results[r.value]} />
                        </tr>
                      ))}
                    </Fragment>
                  );
                })}
                <tr className="stats-total">
                  <th colSpan={2} scope="row">
                    （七）总计
                  </th>
                  <Cells counts={stats?.resultsTotal} />
                </tr>
                <tr>
                  <th colSpan={3} scope="row" className="stats-row-head">
                    四、结转下年度继续办理
                  </th>
                  <Cells counts={stats?.carriedForward} />
                </tr>
              </tbody>
            </table>
          </div>
        </Card>
        {stats ? (
          <Card title={<h2 className="section-title">勾稽关系核对：一 ＋ 二 ＝ 三（七）＋ 四</h2>} className="record-card stats-card">
            <Alert
              className="form-alert"
              type={allOk ? 'success' : 'error'}
              showIcon
              title={allOk ? '各列均相符：第一项加第二项之和等于第三项（七）总计加第四项之和。' : `有 ${check.filter((x) => !x.ok).length} 列不相符，请核对申请台账。`}
            />
            <div className="stats-scroll" tabIndex={0} role="region" aria-label="勾稽关系核对表">
              <table className="stats-table stats-check">
                <thead>
                  <tr>
                    <td />
                    {COLUMNS.map((c) => (
                      <th key={c} scope="col">
                        {COLUMN_LABELS[c]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">一 ＋ 二</th>
                    {check.map((x) => (
                      <td key={x.column} className="num">
                        {x.left}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">三（七）＋ 四</th>
                    {check.map((x) => (
                      <td key={x.column} className="num">
                        {x.right}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">核对结果</th>
                    {check.map((x) => (
                      <td key={x.column} className={x.ok ? 'check-ok' : 'check-bad'}>
                        {x.ok ? '✓ 相符' : '✗ 不符'}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          </Card>
        ) : null}
      </Spin>
    </>
  );
}
