import { ConfigProvider, Skeleton } from 'antd';
import useCardStyle from 'antd/es/card/style';
import useTypographyStyle from 'antd/es/typography/style';
import { createElement, useContext, type HTMLAttributes, type ReactNode } from 'react';

/*
 * antd's Card and Typography as the portal's first pages use them, drawn with antd's own styles (its style
 * hooks and class names, so they look the same), without what antd's components import and these pages never
 * show: Card's tab list (Tabs, with a dropdown, a menu and overflow measuring) and Typography's editing,
 * copying and ellipsis (a text area and tooltips). Some 20 KB br of the home page's first load.
 * List and Pagination likewise in light-list.tsx (a module of its own: the home page has no list).
 */

/** antd's class names for a component, its styles injected as antd's own component would. */
export function useAntdClasses(component: string, useStyle: (prefixCls: string) => readonly [string, string]) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls(component);
  const [hashId, cssVarCls] = useStyle(prefixCls);
  return { prefixCls, root: classes(prefixCls, hashId, cssVarCls) };
}

export const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

interface CardProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  title?: ReactNode;
  extra?: ReactNode;
  size?: 'small';
  /** A skeleton in place of the body while its data comes. */
  loading?: boolean;
  hoverable?: boolean;
}

export function Card({ title, extra, size, loading, hoverable, className, children, ...rest }: CardProps) {
  const { prefixCls: card, root } = useAntdClasses('card', useCardStyle);
  return (
    <div className={classes(root, `${card}-bordered`, size === 'small' && `${card}-small`, hoverable && `${card}-hoverable`, loading && `${card}-loading`, className)} {...rest}>
      {(title || extra) && (
        <div className={`${card}-head`}>
          <div className={`${card}-head-wrapper`}>
            {title && <div className={`${card}-head-title`}>{title}</div>}
            {extra && <div className={`${card}-extra`}>{extra}</div>}
          </div>
        </div>
      )}
      <div className={`${card}-body`}>{loading ? <Skeleton active paragraph={{ rows: 4 }} title={false} /> : children}</div>
    </div>
  );
}

type TextType = 'secondary' | 'danger';

export function Title({ level, className, ...rest }: HTMLAttributes<HTMLHeadingElement> & { level: 1 | 2 | 3 | 4 }) {
  const { root } = useAntdClasses('typography', useTypographyStyle);
  return createElement(`h${level}`, { className: classes(root, className), ...rest });
}

export function Paragraph({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  const { root } = useAntdClasses('typography', useTypographyStyle);
  return <div className={classes(root, className)} {...rest} />;
}

export function Text({ type, strong, className, children, ...rest }: HTMLAttributes<HTMLSpanElement> & { type?: TextType; strong?: boolean }) {
  const { prefixCls, root } = useAntdClasses('typography', useTypographyStyle);
  return (
    <span className={classes(root, type && `${prefixCls}-${type}`, className)} {...rest}>
      {strong ? <strong>{children}</strong> : children}
    </span>
  );
}

