import type { ThemeConfig } from 'antd';

/**
 * The app's Ant Design theme. Colours are chosen for WCAG 2 AA contrast (GB/T 37668-2019,
 * 适老化): secondary and tertiary text, links, placeholders and the status tags reach at least
 * 4.5:1 on their backgrounds, where Ant Design's defaults (e.g. 45 % black, #1677ff) do not.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#c8161d',
    borderRadius: 4,
    colorLink: '#1f56b8',
    colorLinkHover: '#3a6fd6',
    colorLinkActive: '#163f8a',
    colorTextSecondary: '#4d4d4d',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    colorTextQuaternary: '#6b6b6b',
  },
};
