/**
 * The balance over time as a small step chart in plain SVG (no chart library): each ledger
 * entry's running balance, oldest on the left. The balance holds between entries, hence steps.
 */
import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../shared/dto';
import { credits, creditsText, date } from '../lib/format';

const W = 640;
const H = 170;
const PAD = { left: 64, right: 12, top: 12, bottom: 26 };

export function BalanceChart({
  entries,
  currentBalance,
  partial = false,
}: {
  entries: LedgerEntry[];
  currentBalance: number;
  /** True when `entries` are only the newest part of the history (the line then starts mid-air). */
  partial?: boolean;
}) {
  // The chart runs to "now" so a quiet recent period shows as a flat line; fixed per mount.
  const [now] = useState(() => Date.now());
  const { t } = useTranslation();
  if (entries.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('chart.empty')}
      </Text>
    );
  }
  const points = [...entries].reverse().map((e) => ({ t: Date.parse(e.createdAt), b: e.balanceAfter }));
  const t0 = points[0]!.t;
  const t1 = Math.max(now, points[points.length - 1]!.t);
  const max = Math.max(1, ...points.map((p) => p.b));
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (b: number) => PAD.top + (1 - b / max) * (H - PAD.top - PAD.bottom);
  // The step line through every entry's running balance, held until now.
  let line = `${x(points[0]!.t)} ${y(points[0]!.b)}`;
  for (let i = 1; i < points.length; i++) {
    line += ` L ${x(points[i]!.t)} ${y(points[i - 1]!.b)} L ${x(points[i]!.t)} ${y(points[i]!.b)}`;
  }
  line += ` L ${x(t1)} ${y(points[points.length - 1]!.b)}`;
  // A full history rises from an empty balance; a partial one starts at its first entry.
  const d = partial ? `M ${line}` : `M ${x(t0)} ${y(0)} L ${line}`;
  const area = `M ${x(t0)} ${y(0)} L ${line} L ${x(t1)} ${y(0)} Z`;
  const label = t('chart.label', {
    first: creditsText(points[0]!.b),
    date: date(new Date(t0).toISOString()),
    now: creditsText(currentBalance),
    max: credits(max),
  });
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={label}
      style={{ maxHeight: 200, display: 'block' }}
    >
      <title>{label}</title>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(max * f)}
            y2={y(max * f)}
            stroke="var(--mantine-color-default-border)"
            strokeDasharray={f === 0 ? undefined : '3 3'}
          />
          <text x={PAD.left - 8} y={y(max * f) + 4} textAnchor="end" fontSize="11" fill="var(--mantine-color-dimmed)">
            {credits(Math.round(max * f))}
          </text>
        </g>
      ))}
      <path d={area} fill="var(--mantine-color-blue-light)" stroke="none" />
      <path d={d} fill="none" stroke="var(--mantine-color-blue-filled)" strokeWidth="2" />
      <text x={PAD.left} y={H - 6} fontSize="11" fill="var(--mantine-color-dimmed)">
        {date(new Date(t0).toISOString())}
      </text>
      <text x={W - PAD.right} y={H - 6} fontSize="11" textAnchor="end" fill="var(--mantine-color-dimmed)">
        {date(new Date(t1).toISOString())}
      </text>
    </svg>
  );
}
