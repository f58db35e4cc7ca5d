/**
 * Demo accounts: one per role, all with the same password, printed when the platform
 * starts with demo data. Privileged roles sign in with a second factor; in the demo they
 * share one known TOTP secret (`npm run demo:totp` prints the current code).
 * Never use these outside a demonstration.
 */
export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const DEMO_ACCOUNTS = [
  { username: 'operator', roleZh: '平台运营（交易中心）', role: 'operator', secondFactor: true },
  { username: 'supervisor', roleZh: '财政监管', role: 'supervisor', secondFactor: true },
  { username: 'authority', roleZh: '行业主管部门', role: 'authority', secondFactor: true },
  { username: 'treasury', roleZh: '国库支付', role: 'treasury', secondFactor: true },
  { username: 'purchaser', roleZh: '采购人', role: 'purchaser', secondFactor: false },
  { username: 'agency', roleZh: '采购代理机构', role: 'agency', secondFactor: false },
  { username: 'supplier1', roleZh: '供应商（小型企业）', role: 'supplier', secondFactor: false },
  { username: 'supplier2', roleZh: '供应商（微型企业）', role: 'supplier', secondFactor: false },
  { username: 'supplier3', roleZh: '供应商（中型企业）', role: 'supplier', secondFactor: false },
  { username: 'supplier4', roleZh: '供应商（大型企业）', role: 'supplier', secondFactor: false },
  { username: 'expert1', roleZh: '评审专家', role: 'expert', secondFactor: false },
  { username: 'sysadmin', roleZh: '系统管理员', role: 'systemAdmin', secondFactor: true },
  { username: 'secadmin', roleZh: '安全管理员', role: 'securityAdmin', secondFactor: true },
  { username: 'auditadmin', roleZh: '审计管理员', role: 'auditAdmin', secondFactor: true },
] as const;
