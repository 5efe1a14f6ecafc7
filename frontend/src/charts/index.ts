// Small dependency-free SVG charts. Each renders a <figure> with its title,
// the picture (role="img", named by the title), a legend, and its numbers
// as a table in a <details>.
import './charts.css';

export { BarChart, type BarChartProps, type BarRow } from './BarChart';
export { CumulativeCurve, type CumulativeCurveProps, type CurvePoint } from './CumulativeCurve';
export { HeatGrid, type HeatGridProps } from './HeatGrid';
export { LineChart, type LineChartProps, type LineSeries } from './LineChart';
export { StackedBarChart, type StackedBarChartProps, type StackSeries } from './StackedBarChart';
export { bandScale, labelEvery, linearScale, niceStep, valueAt, type LinearScale } from './scale';
