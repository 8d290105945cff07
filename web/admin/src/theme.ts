// Ant Design theme: the default look, with text colours dark enough for WCAG 2.1 AA contrast.
import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1554ad',
    colorLink: '#1554ad',
    colorError: '#c4161c',
    colorSuccess: '#2a7d14',
    // Derived from the dark green above, the success background comes out a muddy grey-green: set it.
    colorSuccessBg: '#f0f9eb',
    colorSuccessBorder: '#9fd38a',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.45)',
    colorIcon: 'rgba(0, 0, 0, 0.62)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif",
    fontSize: 14,
    borderRadius: 6,
    // The focus ring around inputs, selects and pickers: stronger than the default so it is clearly seen.
    controlOutline: 'rgba(21, 84, 173, 0.4)',
    controlOutlineWidth: 3,
  },
  components: {
    Layout: { headerBg: '#13407e', headerColor: '#ffffff', siderBg: '#ffffff', bodyBg: '#f3f5f8', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { itemSelectedColor: '#0f3f85', itemSelectedBg: '#e3edfb' },
  },
};
