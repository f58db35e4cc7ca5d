import i18n from './i18n';

/** Times are shown in Shanghai time whatever the browser's zone (the law counts in it). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(i18n.language === 'en-US' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** A time left as mm:ss, or h:mm:ss from an hour on. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export function regionName(regions: { code: string; nameZh: string; nameEn: string }[] | undefined, code: string): string {
  const region = regions?.find((r) => r.code === code);
  if (!region) return code;
  return i18n.language === 'en-US' ? region.nameEn : region.nameZh;
}
