// Small SVG charts: geometry in attributes (CSP allows those), colours from CSS classes.
import type { JSX } from 'preact';
import { fmtDate, fmtNumber } from '../i18n';

export interface Bar {
  label: string;
  value: number;
  cls?: string;
  href?: string;
}

/** Horizontal bars with the value written beside each (readable without colour). */
export function BarChart({ bars, title }: { bars: Bar[]; title: string }): JSX.Element {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 26;
  const labelW = 110;
  const width = 360;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${bars.length * rowH + 4}`} role="img" aria-label={title} class="chart-svg">
        {bars.map((b, i) => {
          const w = Math.max(b.value > 0 ? 2 : 0, ((width - labelW - 50) * b.value) / max);
          return (
            <g key={b.label} transform={`translate(0 ${i * rowH + 2})`}>
              <text x={labelW - 8} y={rowH / 2 + 4} text-anchor="end" class="chart-label">
                {b.label}
              </text>
              <rect x={labelW} y={3} width={w} height={rowH - 8} rx={3} class={`bar ${b.cls ?? ''}`} />
              <text x={labelW + w + 6} y={rowH / 2 + 4} class="chart-value">
                {fmtNumber(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="sr-only">{title}</figcaption>
    </figure>
  );
}

export interface TrendPoint {
  date: string;
  value: number;
  resolved?: number; // a second series (resolved findings per day) when the server gives one
}

/** A line over days; the last value and the change since the first are printed below it. */
export function TrendChart({ points, title }: { points: TrendPoint[]; title: string }): JSX.Element {
  const width = 360;
  const height = 110;
  const pad = 24;
  const max = Math.max(1, ...points.map((p) => Math.max(p.value, p.resolved ?? 0)));
  const x = (i: number) => pad + (points.length <= 1 ? 0 : ((width - 2 * pad) * i) / (points.length - 1));
  const y = (v: number) => height - pad - ((height - 2 * pad) * v) / max;
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)}`).join(' ');
  const hasResolved = points.some((p) => p.resolved !== undefined);
  const d2 = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.resolved ?? 0).toFixed(1)}`).join(' ');
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} class="chart-svg">
        <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} class="axis" />
        {points.length > 0 ? <path d={d} class="trend-line" fill="none" /> : null}
        {hasResolved ? <path d={d2} class="trend-line resolved" fill="none" /> : null}
        {points.map((p, i) => (
          <g key={p.date}>
            <circle cx={x(i)} cy={y(p.value)} r={3} class="trend-dot">
              <title>{`${fmtDate(p.date, false)}: ${fmtNumber(p.value)}${p.resolved !== undefined ? ` / ${fmtNumber(p.resolved)}` : ''}`}</title>
            </circle>
            {i === 0 || i === points.length - 1 ? (
              <text x={x(i)} y={height - 6} text-anchor={i === 0 ? 'start' : 'end'} class="chart-label">
                {fmtDate(p.date, false)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption class="sr-only">{title}</figcaption>
    </figure>
  );
}
