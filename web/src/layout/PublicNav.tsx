import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';

export interface NavItem {
  /** The app's route, or (with `external`) an address the server answers itself. */
  to: string;
  label: ReactNode;
  external?: boolean;
}

/**
 * The portal's navigation: a list of links that looks like antd's Menu (horizontal in the header,
 * inline in the phone's drawer; the rules are `.public-nav` in index.html). A row of links needs none
 * of Menu's popups, tooltips and overflow measuring, which a visitor's first page would download.
 */
export function PublicNav({ items, selected, vertical = false }: { items: NavItem[]; selected: string[]; vertical?: boolean }) {
  const { token } = theme.useToken();
  const colours = { '--nav-active': token.colorPrimary, '--nav-active-bg': token.controlItemBgActive, '--nav-hover-bg': token.colorBgTextHover } as CSSProperties;
  return (
    <ul className={vertical ? 'public-nav public-nav-vertical' : 'public-nav'} style={colours}>
      {items.map((item) => (
        <li key={item.to}>
          {item.external ? (
            <a href={item.to}>{item.label}</a>
          ) : (
            <Link to={item.to} aria-current={selected.includes(item.to) ? 'page' : undefined}>
              {item.label}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
