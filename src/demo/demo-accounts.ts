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
  { username: 'purchaser', roleZh: '采购人（单位管理员）', role: 'purchaser', secondFactor: false },
  { username: 'purchaser-staff', roleZh: '采购人（经办人）', role: 'purchaser', secondFactor: false },
  { username: 'agency', roleZh: '采购代理机构', role: 'agency', secondFactor: false },
  { username: 'supplier1', roleZh: '供应商（小型企业）', role: 'supplier', secondFactor: false },
  { username: 'supplier2', roleZh: '供应商（微型企业）', role: 'supplier', secondFactor: false },
  { username: 'supplier3', roleZh: '供应商（中型企业）', role: 'supplier', secondFactor: false },
  { username: 'supplier4', roleZh: '供应商（大型企业）', role: 'supplier', secondFactor: false },
  { username: 'guarantor', roleZh: '保函开立机构（担保公司）', role: 'guarantor', secondFactor: false },
  { username: 'financier', roleZh: '银行信贷经办（政采贷）', role: 'financier', secondFactor: false },
  { username: 'expert1', roleZh: '评审专家（expert1–expert8 信息技术类，expert9–expert14 公路工程类，expert15–expert16 教学仪器类，expert17–expert20 办公设备类）', role: 'expert', secondFactor: false },
  { username: 'sysadmin', roleZh: '系统管理员', role: 'systemAdmin', secondFactor: true },
  { username: 'secadmin', roleZh: '安全管理员', role: 'securityAdmin', secondFactor: true },
  { username: 'auditadmin', roleZh: '审计管理员', role: 'auditAdmin', secondFactor: true },
  { username: 'supervisor-xh', roleZh: '区级财政监管（徐汇区）', role: 'supervisor', secondFactor: true },
  { username: 'purchaser-pd', roleZh: '采购人（浦东新区）', role: 'purchaser', secondFactor: false },
  { username: 'purchaser-sd', roleZh: '采购人（山东·济南）', role: 'purchaser', secondFactor: false },
  { username: 'supplier-sd', roleZh: '供应商（山东）', role: 'supplier', secondFactor: false },
  { username: 'supervisor-sd', roleZh: '财政监管（山东省）', role: 'supervisor', secondFactor: true },
  { username: 'operator-sd', roleZh: '平台运营（山东省）', role: 'operator', secondFactor: true },
] as const;

/** Shandong's own library: never drawn for a Shanghai project (GP-43 draws from the province's library). */
export const DEMO_EXPERTS_SD: typeof DEMO_EXPERTS = [{ username: 'expert-sd', displayName: '孔德明', employerName: '山东大学', title: '教授', specialities: ['A02'] }];

/** The demo expert library (all accounts belong to the operator's organisation; the employer is what recusal reads). */
export const DEMO_EXPERTS: { username: string; displayName: string; employerName: string; employer?: 'supplier3'; title: string; specialities: string[]; status?: 'suspended' }[] = [
  { username: 'expert1', displayName: '李建国', employerName: '上海交通大学', title: '教授', specialities: ['A02', 'C01'] },
  { username: 'expert2', displayName: '王芳', employerName: '复旦大学', title: '副教授', specialities: ['A02.01'] },
  { username: 'expert3', displayName: '张伟', employerName: '上海市信息化发展研究中心', title: '高级工程师', specialities: ['A02.02', 'C01'] },
  { username: 'expert4', displayName: '刘洋洋', employerName: '同济大学', title: '教授', specialities: ['A02'] },
  { username: 'expert5', displayName: '陈晓梅', employerName: '上海市计量测试技术研究院', title: '高级工程师', specialities: ['A02.01', 'A03'] },
  { username: 'expert6', displayName: '赵敏', employerName: '华东师范大学', title: '副教授', specialities: ['A02', 'D01'] },
  { username: 'expert7', displayName: '孙浩', employerName: '上海华东智能设备股份有限公司', employer: 'supplier3', title: '高级工程师', specialities: ['A02'] },
  { username: 'expert8', displayName: '周立', employerName: '上海大学', title: '教授', specialities: ['A02'], status: 'suspended' },
  // Highway works (the road authority's maintenance tender): engineers, and two cost engineers as its economists (WK-10).
  { username: 'expert9', displayName: '黄志刚', employerName: '同济大学', title: '教授', specialities: ['B03'] },
  { username: 'expert10', displayName: '吴雪峰', employerName: '上海市政工程设计研究总院', title: '教授级高级工程师', specialities: ['B03'] },
  { username: 'expert11', displayName: '郑丽华', employerName: '上海市城市建设设计研究总院', title: '高级工程师', specialities: ['B03', 'B01'] },
  { username: 'expert12', displayName: '马俊', employerName: '上海理工大学', title: '副教授', specialities: ['B03'] },
  { username: 'expert13', displayName: '冯静', employerName: '上海申元工程投资咨询有限公司', title: '高级工程师（造价）', specialities: ['B03', 'D01'] },
  { username: 'expert14', displayName: '蒋卫东', employerName: '上海建科造价咨询有限公司', title: '高级工程师（造价）', specialities: ['B03', 'D01'] },
  // Teaching instruments (the campus broadcasting consultation) and office equipment (the office-supplies framework agreement).
  { username: 'expert15', displayName: '钱文博', employerName: '上海师范大学', title: '教授', specialities: ['A03'] },
  { username: 'expert16', displayName: '沈佳怡', employerName: '上海市教育技术装备中心', title: '高级工程师', specialities: ['A03'] },
  { username: 'expert17', displayName: '韩立新', employerName: '上海市政府采购中心', title: '高级经济师', specialities: ['A05'] },
  { username: 'expert18', displayName: '杨慧', employerName: '上海财经大学', title: '副教授', specialities: ['A05', 'D01'] },
  { username: 'expert19', displayName: '朱国强', employerName: '上海市质量监督检验技术研究院', title: '高级工程师', specialities: ['A05'] },
  { username: 'expert20', displayName: '许晓静', employerName: '上海商学院', title: '副教授', specialities: ['A05'] },
];
