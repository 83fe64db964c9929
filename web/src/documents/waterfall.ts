// The document timeline's waterfall: events (instants) and the spans that carried them
// (intervals) placed on one time axis, as percentages of the axis so plain divs can draw it;
// plus axis ticks. Pure; times are epoch milliseconds.
import { formatDuration } from '../components/format-duration.ts';

export interface WaterfallSpanInput {
  id: string;
  label: string;
  /** Swimlane, e.g. the service that ran the span. */
  lane: string;
  startMs: number;
  endMs: number;
  failed: boolean;
}

export interface WaterfallEventInput {
  id: string;
  label: string;
  /** The system that sent the event. */
  lane: string;
  atMs: number;
}

export interface WaterfallBar {
  id: string;
  kind: 'span' | 'event';
  label: string;
  lane: string;
  startMs: number;
  endMs: number;
  /** Left edge and width as % of the axis (width ≥ a sliver so instants stay visible). */
  leftPct: number;
  widthPct: number;
  durationLabel: string;
  failed: boolean;
}

export interface Waterfall {
  startMs: number;
  endMs: number;
  bars: WaterfallBar[];
  ticks: { atMs: number; leftPct: number }[];
}

const minimumWidthPct = 0.4;

function pct(value: number, start: number, span: number): number {
  return span <= 0 ? 0 : Math.min(100, Math.max(0, ((value - start) / span) * 100));
}

/** Bars in time order (events before spans that start at the same instant), on an axis from the first to the last instant. */
export function toWaterfall(spans: readonly WaterfallSpanInput[], events: readonly WaterfallEventInput[], tickCount = 5): Waterfall {
  const instants = [...spans.flatMap((s) => [s.startMs, Math.max(s.startMs, s.endMs)]), ...events.map((e) => e.atMs)].filter(Number.isFinite);
  if (instants.length === 0) return { startMs: 0, endMs: 0, bars: [], ticks: [] };
  const startMs = Math.min(...instants);
  const endMs = Math.max(...instants);
  const span = endMs - startMs;
  const bars: WaterfallBar[] = [
    ...events.map((e) => ({ id: e.id, kind: 'event' as const, label: e.label, lane: e.lane, startMs: e.atMs, endMs: e.atMs, failed: false })),
    ...spans.map((s) => ({ id: s.id, kind: 'span' as const, label: s.label, lane: s.lane, startMs: s.startMs, endMs: Math.max(s.startMs, s.endMs), failed: s.failed })),
  ]
    .sort((a, b) => a.startMs - b.startMs || (a.kind === b.kind ? a.label.localeCompare(b.label) : a.kind === 'event' ? -1 : 1))
    .map((bar) => {
      const leftPct = pct(bar.startMs, startMs, span);
      const widthPct = Math.max(minimumWidthPct, pct(bar.endMs, startMs, span) - leftPct);
      return { ...bar, leftPct: Math.min(leftPct, 100 - minimumWidthPct), widthPct, durationLabel: bar.kind === 'event' ? 'instant' : formatDuration(bar.endMs - bar.startMs) };
    });
  const ticks = span <= 0 ? [{ atMs: startMs, leftPct: 0 }] : Array.from({ length: tickCount }, (_, i) => ({ atMs: startMs + (span * i) / (tickCount - 1), leftPct: (100 * i) / (tickCount - 1) }));
  return { startMs, endMs, bars, ticks };
}

export interface StageInput {
  stage: string;
  enteredMs: number;
  /** null while the document is still in the stage. */
  leftMs: number | null;
  durationMs: number;
}

export interface StageLine {
  stage: string;
  label: string;
  current: boolean;
  durationMs: number;
  durationLabel: string;
  /** Share of the longest stage, 0–100, for a bar. */
  sharePct: number;
}

/** Time in each stage, in the order entered; the stage still open is marked current. */
export function toStageLines(stages: readonly StageInput[]): StageLine[] {
  const ordered = [...stages].sort((a, b) => a.enteredMs - b.enteredMs);
  const longest = Math.max(1, ...ordered.map((s) => s.durationMs));
  return ordered.map((s) => ({
    stage: s.stage,
    label: s.stage.replace(/^finance\./, '').replace(/[._]/g, ' '),
    current: s.leftMs === null,
    durationMs: s.durationMs,
    durationLabel: formatDuration(s.durationMs),
    sharePct: Math.max(1, (s.durationMs / longest) * 100),
  }));
}
