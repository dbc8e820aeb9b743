// A virtualized table: only the rows in view (plus a margin) are in the DOM, so 50,000 rows scroll
// as smoothly as 50. Row positions are set through the CSSOM (element.style), which a strict
// `style-src 'self'` CSP allows, unlike style="" attributes in markup.
//
// Keyboard: the body is one tab stop (an ARIA grid with aria-activedescendant, because the active
// row may not be in the DOM until it is scrolled to, so real focus cannot move onto rows). Arrow
// keys, Page Up/Down, Home and End move the active row and scroll it into view; Enter activates it.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

export interface Column<T> {
  id: string;
  header: string;
  width: string; // a CSS grid track, e.g. "2fr" or "120px"
  cell: (row: T) => ComponentChildren;
}

const ROW_H = 32;
const OVERSCAN = 10;
const SLOTS = 1 << 10; // more than any viewport holds rows (a 4K screen shows ~70)
let tables = 0; // makes row ids unique when a page shows two tables

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
  const [active, setActive] = useState(-1);
  const [idBase] = useState(() => `vt${++tables}`);
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
    setActive(-1);
  }, [props.rows]);

  const moveTo = (i: number) => {
    const n = props.rows.length;
    if (!n) return;
    const idx = Math.max(0, Math.min(n - 1, i));
    setActive(idx);
    const el = scroller.current;
    if (!el) return;
    const top = idx * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
    setScrollTop(el.scrollTop);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewH / ROW_H) - 1);
    const from = active < 0 ? -1 : active;
    switch (e.key) {
      case 'ArrowDown': moveTo(from + 1); break;
      case 'ArrowUp': moveTo(from < 0 ? 0 : from - 1); break;
      case 'PageDown': moveTo(from + page); break;
      case 'PageUp': moveTo(from - page); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(props.rows.length - 1); break;
      case 'Enter':
        if (active >= 0 && props.onRowActivate && props.rows[active]) props.onRowActivate(props.rows[active]);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(props.rows.length, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const visible = props.rows.slice(first, last);

  return (
    <div class="vtable" role="grid" aria-readonly="true" aria-label={props.label} aria-rowcount={props.rows.length + 1}>
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
        aria-activedescendant={active >= 0 && active >= first && active < last ? `${idBase}-r${active}` : undefined}
        aria-describedby={`${idBase}-keys`}
        onKeyDown={onKeyDown}
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
                id={`${idBase}-r${idx}`}
                data-key={props.rowKey(row, idx)}
                role="row"
                aria-rowindex={idx + 2}
                aria-selected={idx === active}
                class={`vrow${idx % 2 ? ' odd' : ''}${idx === active ? ' active' : ''}`}
                onClick={() => setActive(idx)}
                style={{ transform: `translateY(${idx * ROW_H}px)`, gridTemplateColumns: grid }}
                onDblClick={props.onRowActivate ? () => props.onRowActivate!(row) : undefined}
              >
                {props.columns.map((c) => (
                  <div key={c.id} role="gridcell" class="vcell">
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <p id={`${idBase}-keys`} class="sr-only">
        {t('tableKeys')}
      </p>
    </div>
  );
}
