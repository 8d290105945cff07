// 期限计算器: "自某日起 N 个工作日" with the server's derivation.
import { Alert, Button, DatePicker, Form, InputNumber, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { weekdayOf } from '../../format';
import type { DeadlineResult } from '../../types';
import { useApiError } from '../../useApiError';

export function DeadlineCalculator({ today }: { today: string }) {
  const [result, setResult] = useState<DeadlineResult | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useApiError();

  async function calculate(values: { start: Dayjs; days: number }) {
    setBusy(true);
    try {
      setResult(await api.get<DeadlineResult>('/calendar/deadline', { start: values.start.format('YYYY-MM-DD'), days: values.days }));
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <Form layout="inline" name="deadline" initialValues={{ start: dayjs(today), days: 20 }} onFinish={calculate} className="deadline-form">
        <Form.Item label="起算日" name="start" rules={[{ required: true, message: '请选择起算日' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item label="工作日数" name="days" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={0} max={1000} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            计算
          </Button>
        </Form.Item>
      </Form>
      {result ? (
        <div className="deadline-result" aria-live="polite">
          <p>
            截止日：<span className="deadline-due">{result.due}</span>（{weekdayOf(result.due)}）
          </p>
          <p>{result.explanation}</p>
          {result.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} className="form-alert" />
          ))}
          {result.skipped.length ? (
            <details>
              <summary>跳过的 {result.skipped.length} 天</summary>
              <div className="skipped-list">
                {result.skipped.map((s) => (
                  <Tag key={s.date} className={s.reason === 'holiday' ? 'tag-danger' : 'tag-neutral'}>
                    {s.date} {s.name ?? (s.reason === 'weekend' ? '周末' : s.reason)}
                  </Tag>
                ))}
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
