import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { ConfigProvider, Spin } from 'antd';
import useListStyle from 'antd/es/list/style';
import usePaginationStyle from 'antd/es/pagination/style';
import { useContext, type CSSProperties, type LiHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { classes, useAntdClasses } from './light';

/*
 * antd's List and Pagination as the notice list uses them, drawn with antd's own styles (see light.tsx):
 * antd's Pagination imports Select for a page-size changer the list does not show (and List imports Pagination).
 */
/** A list with antd List's look (split by lines), a spinner over it while it loads. */
export function List({ loading, empty, children }: { loading: boolean; empty: ReactNode | false; children: ReactNode }) {
  const { prefixCls: list, root } = useAntdClasses('list', useListStyle);
  return (
    <div className={classes(root, `${list}-split`)}>
      <Spin spinning={loading}>{empty ? <div className={`${list}-empty-text`}>{empty}</div> : <ul className={`${list}-items`}>{children}</ul>}</Spin>
    </div>
  );
}

export function ListItem({ className, ...rest }: LiHTMLAttributes<HTMLLIElement>) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  return <li className={classes(`${getPrefixCls('list')}-item`, className)} {...rest} />;
}

/** The page numbers to show: the first, the last, and two either side of the current one; null for a gap. */
function pageWindow(current: number, last: number): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let n = 1; n <= last; n++) {
    if (n === 1 || n === last || Math.abs(n - current) <= 2) pages.push(n);
    else if (pages.at(-1) !== null) pages.push(null);
  }
  return pages;
}

/**
 * antd's small Pagination, its pages as links to their addresses (`href`), so that they can be opened in a
 * new tab; `onChange` handles an ordinary click in the app.
 */
export function Pagination({ current, pageSize, total, href, onChange, label, style }: { current: number; pageSize: number; total: number; href: (page: number) => string; onChange: (page: number) => void; label: string; style?: CSSProperties }) {
  const { prefixCls: pagination, root } = useAntdClasses('pagination', usePaginationStyle);
  const { locale } = useContext(ConfigProvider.ConfigContext);
  const last = Math.max(1, Math.ceil(total / pageSize));
  const go = (page: number) => (e: MouseEvent) => {
    e.preventDefault();
    onChange(page);
  };
  const step = (page: number, kind: 'prev' | 'next', title: string | undefined, icon: ReactNode) => {
    const disabled = page < 1 || page > last;
    return (
      <li title={title} className={classes(`${pagination}-${kind}`, disabled && `${pagination}-disabled`)}>
        <button type="button" className={`${pagination}-item-link`} disabled={disabled} aria-label={title} onClick={go(page)}>
          {icon}
        </button>
      </li>
    );
  };
  return (
    <nav aria-label={label} style={style}>
      <ul className={classes(root, `${pagination}-small`, `${pagination}-mini`)}>
        {step(current - 1, 'prev', locale?.Pagination?.prev_page, <LeftOutlined />)}
        {pageWindow(current, last).map((page, i) =>
          page === null ? (
            <li key={`gap-${i}`} className={`${pagination}-jump-next`} aria-hidden>
              <span className={`${pagination}-item-ellipsis`}>•••</span>
            </li>
          ) : (
            <li key={page} title={String(page)} className={classes(`${pagination}-item`, `${pagination}-item-${page}`, page === current && `${pagination}-item-active`)}>
              <a href={href(page)} aria-current={page === current ? 'page' : undefined} onClick={go(page)}>
                {page}
              </a>
            </li>
          ),
        )}
        {step(current + 1, 'next', locale?.Pagination?.next_page, <RightOutlined />)}
      </ul>
    </nav>
  );
}
