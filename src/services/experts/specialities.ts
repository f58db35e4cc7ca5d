/**
 * The expert speciality tree (评审专业分类), in the shape of the national government-procurement
 * expert classification: a code's children extend it with ".NN". A draw for "A02" takes experts
 * of every speciality under it. Kept in code for now; it belongs in the catalogues once the
 * operator needs to edit it.
 */
export const SPECIALITIES: { code: string; zh: string; en: string }[] = [
  { code: 'A', zh: '货物类', en: 'Goods' },
  { code: 'A02', zh: '信息技术设备', en: 'IT equipment' },
  { code: 'A02.01', zh: '计算机设备', en: 'Computers' },
  { code: 'A02.02', zh: '网络与安全设备', en: 'Network and security equipment' },
  { code: 'A03', zh: '教学与科研仪器', en: 'Teaching and research instruments' },
  { code: 'A05', zh: '办公设备与家具', en: 'Office equipment and furniture' },
  { code: 'B', zh: '工程类', en: 'Works' },
  { code: 'B01', zh: '房屋建筑', en: 'Buildings' },
  { code: 'B02', zh: '装饰装修', en: 'Fit-out' },
  { code: 'B03', zh: '市政与公路工程', en: 'Municipal and highway works' },
  { code: 'C', zh: '服务类', en: 'Services' },
  { code: 'C01', zh: '信息技术服务', en: 'IT services' },
  { code: 'C02', zh: '物业管理', en: 'Property management' },
  { code: 'D', zh: '经济类', en: 'Economics' },
  { code: 'D01', zh: '财务与审计', en: 'Finance and audit' },
  { code: 'D02', zh: '法律', en: 'Law' },
];

export const SPECIALITY_CODES = SPECIALITIES.map((s) => s.code);
