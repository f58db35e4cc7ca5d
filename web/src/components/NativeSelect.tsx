import { theme } from 'antd';
import type { CSSProperties } from 'react';

export interface NativeOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/**
 * A native <select> drawn like antd's Select (the rules are `.native-select` in index.html): a phone opens its
 * own picker, screen readers know it without help, and it costs the page nothing to download, where antd's
 * Select brings a virtual list, a popup and its positioning.
 */
export function NativeSelect({ id, value, options, onChange, empty, testId }: { id: string; value: string | undefined; options: NativeOption[]; onChange: (value: string | undefined) => void; /** The label of "no choice" (the filter off); without it a choice is required. */ empty?: string; testId?: string }) {
  const { token } = theme.useToken();
  const colours = { '--select-hover': token.colorPrimaryHover, '--select-active': token.colorPrimary, '--select-outline': token.controlOutline, '--select-placeholder': token.colorTextPlaceholder } as CSSProperties;
  return (
    <select id={id} className={value ? 'native-select' : 'native-select native-select-empty'} style={colours} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId}>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
