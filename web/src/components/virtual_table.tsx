// A virtualized table: only the rows in view (plus a margin) are in the DOM, so 50,000 rows scroll
// as smoothly as 50. Row positions are set through the CSSOM (element.style), which a strict
// `style-src 'self'` CSP allows, unlike style="" attributes in markup.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Column<T> {
  id: string;
  header: string;
  width: string; // a CSS grid track, e.g. "2fr" or "120px"
  cell: (row: T) => ComponentChildren;
}

const ROW_H = 32;
const OVERSCAN = 10;
const SLOTS = 1 << 10; // more than any viewport holds rows (a 4K screen shows ~70)

export function VirtualTable<T>(props: {
  rows: T[];
  columns: Column<T>[];
  label: string;
  rowKey: (row: T, i: number) => string;
  height?: number;
  onRowActivate?: (row: T) => void;
}): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(props.height ?? 560);
  const grid = props.columns.map((c) => c.width).join(' ');

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewH(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    // New filter results start at the top.
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [props.rows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(props.rows.length, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const visible = props.rows.slice(first, last);

  return (
    <div class="vtable" role="table" aria-label={props.label} aria-rowcount={props.rows.length + 1}>
      <div class="vrow vhead" role="row" aria-rowindex={1} style={{ gridTemplateColumns: grid }}>
        {props.columns.map((c) => (
          <div key={c.id} role="columnheader" class="vcell">
            {c.header}
          </div>
        ))}
      </div>
      <div
        class="vbody"
        ref={scroller}
        tabIndex={0}
        style={{ height: `${props.height ?? 560}px` }}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <div class="vspacer" role="rowgroup" style={{ height: `${props.rows.length * ROW_H}px` }}>
          {visible.map((row, i) => {
            const idx = first + i;
            // Keyed by slot, not by row: while scrolling, the same DOM rows are reused and only
            // their text and position change (no element churn, no garbage).
            return (
              <div
                key={idx % SLOTS}
                data-key={props.rowKey(row, idx)}
                role="row"
                aria-rowindex={idx + 2}
                class={idx % 2 ? 'vrow odd' : 'vrow'}
                style={{ transform: `translateY(${idx * ROW_H}px)`, gridTemplateColumns: grid }}
                onDblClick={props.onRowActivate ? () => props.onRowActivate!(row) : undefined}
              >
                {props.columns.map((c) => (
                  <div key={c.id} role="cell" class="vcell">
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
