import i18n from './i18n';

/** Times are shown in Shanghai time whatever the browser's zone (the law counts in it). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(i18n.language === 'en-US' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function regionName(regions: { code: string; nameZh: string; nameEn: string }[] | undefined, code: string): string {
  const region = regions?.find((r) => r.code === code);
  if (!region) return code;
  return i18n.language === 'en-US' ? region.nameEn : region.nameZh;
}
