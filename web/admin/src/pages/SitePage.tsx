// 站点设置: this government's name and the portal's footer particulars.
import { App, Button, Card, Form, Input, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import type { Tenant, TenantSettings } from '../types';
import { useApiError } from '../useApiError';
import { useSession } from '../session';

interface Values extends Required<TenantSettings> {
  name: string;
  shortName: string;
  regionCode: string;
}

export default function SitePage() {
  const [form] = Form.useForm<Values>();
  const [tenant, setTenant] = useState<Tenant | null>(null);
  const [saving, setSaving] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();
  const { refresh } = useSession();

  const load = useCallback(async () => {
    try {
      const t = await api.get<Tenant>('/tenant');
      setTenant(t);
      form.setFieldsValue({
        name: t.name,
        shortName: t.shortName,
        regionCode: t.regionCode ?? '',
        portalTitle: t.settings.portalTitle ?? '',
        address: t.settings.address ?? '',
        phone: t.settings.phone ?? '',
        icp: t.settings.icp ?? '',
        police: t.settings.police ?? '',
        siteCode: t.settings.siteCode ?? '',
      });
    } catch (e) {
      report(e);
    }
  }, [form, report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function save(v: Values) {
    if (!tenant) return;
    setSaving(true);
    try {
      const t = await api.patch<Tenant>('/tenant', {
        name: v.name.trim(),
        shortName: v.shortName.trim(),
        regionCode: v.regionCode.trim() || null,
        settings: {
          portalTitle: v.portalTitle.trim(),
          address: v.address.trim(),
          phone: v.phone.trim(),
          icp: v.icp.trim(),
          police: v.police.trim(),
          siteCode: v.siteCode.trim(),
        },
        version: tenant.version,
      });
      setTenant(t);
      void message.success('站点设置已保存');
      await refresh();
    } catch (e) {
      report(e, { onStale: () => void load() });
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageTitle title="站点设置">本政府的名称，以及门户网站页脚显示的联系方式和备案信息。</PageTitle>
      <Card>
        <Spin spinning={!tenant}>
          <Form<Values> form={form} name="site-form" layout="vertical" onFinish={save} className="site-form">
            <Form.Item label="政府全称" name="name" rules={[{ required: true, whitespace: true, message: '请输入政府全称' }, { max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="简称" name="shortName" rules={[{ required: true, whitespace: true, message: '请输入简称' }, { max: 40 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="行政区划代码" name="regionCode" rules={[{ pattern: /^\d{6}$/, message: '行政区划代码为 6 位数字' }]}>
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Form.Item label="网站名称" name="portalTitle" rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="地址" name="address" rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="电话" name="phone" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="ICP 备案号" name="icp" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="公安备案号" name="police" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="网站标识码" name="siteCode" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!tenant}>
              保存
            </Button>
          </Form>
        </Spin>
      </Card>
    </>
  );
}
