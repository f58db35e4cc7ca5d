import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the charts and components the dashboard draws, rendered as SVG: the whole of ECharts would
// triple the chunk. Only the supervision pages with charts import this module, so it loads with them;
// a page drawing another kind of chart registers it itself (the network page its graph).
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick {
  name: string;
  /** A graph's 'node' or 'edge'. */
  dataType?: string;
  dataIndex: number;
  seriesIndex?: number;
  data?: unknown;
}

/**
 * One ECharts chart in a box that follows its container's width (a phone's too). The chart is an
 * image to a screen reader, named by `label`; every page that draws one also lists its figures as
 * links or text beside it, for keyboards and screen readers.
 */
export function Chart({ option, label, height = 260, onClick, testId }: { option: ChartOption; label: string; height?: number; onClick?: (p: ChartClick) => void; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} className="yiwang-chart" style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
