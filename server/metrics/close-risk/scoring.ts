// The close-risk score: how each component's money and age, and the time left to the close
// deadline, become points. Monotone: more money, older problems, fewer working days left or
// more silent feeds never lower a score. Scores are numbers (not money); money stays exact
// strings everywhere else and only its ratio to materiality enters the score.
//
//   urgency   u = 1 when the deadline is today or past (or unknown), else 2 / (2 + working days left)
//                 (2 days left → 0.5, 5 → 0.29, 20 → 0.09)
//   money component (cap C): ratio r = money at risk in the reporting currency (the part with
//                 known rates) / the entity's materiality (materiality 0 or unset → 10,000);
//                 age a = 1 + min(oldest hours overdue, 240) / 240   (1 … 2: ten days doubles)
//                 points = min(C, C × r × a × u)   — one materiality, fresh, on the deadline fills C
//   stale feeds (cap C): points = min(C, C × (silent source-business-days / 2) × u)
//   score = min(100, Σ points); when Σ > 100 every contribution is scaled by 100 / Σ.
//   Contributions are rounded to 0.1 so that they add up to the score exactly (largest
//   remainder). Level: high ≥ 60, medium ≥ 30, else low.
export const defaultMateriality = '10000';
export const ageSaturationHours = 240;

export const scoringFormula =
  'score = min(100, Σ component points); money component points = min(cap, cap × (money at risk / materiality) × ' +
  '(1 + min(oldest hours overdue, 240) / 240) × urgency); stale feeds points = min(cap, cap × (silent source-business-days / 2) × urgency); ' +
  'urgency = 1 on or after the close deadline, else 2 / (2 + working days left); materiality 0 → 10000; ' +
  'contributions scaled by 100 / Σ when Σ > 100 and rounded to 0.1 to add up to the score; level high ≥ 60, medium ≥ 30, else low.';

export function urgency(workingDaysLeft: number | null, pastDeadline: boolean): number {
  if (workingDaysLeft === null || pastDeadline || workingDaysLeft <= 0) return 1;
  return 2 / (2 + workingDaysLeft);
}

export const ageFactor = (hours: number): number => 1 + Math.min(Math.max(hours, 0), ageSaturationHours) / ageSaturationHours;

/** The materiality used: the setting, or the default when it is zero, negative or unset. */
export function effectiveMateriality(setting: string | undefined): string {
  return setting !== undefined && Number(setting) > 0 ? setting : defaultMateriality;
}

export function moneyPoints(cap: number, ratio: number, ageHours: number, u: number): number {
  return Math.min(cap, cap * Math.max(ratio, 0) * ageFactor(ageHours) * u);
}

export function stalePoints(cap: number, silentSourceDays: number, u: number): number {
  return Math.min(cap, (cap * Math.max(silentSourceDays, 0) * u) / 2);
}

/** Contributions in tenths that add up to the (capped) score exactly. */
export function apportion(points: number[]): { contributions: number[]; score: number } {
  const sum = points.reduce((a, b) => a + b, 0);
  const scale = sum > 100 ? 100 / sum : 1;
  // Rounded to 1e-6 first so float noise never decides a tie (ties go to the earlier component).
  const tenths = points.map((x) => Math.round(x * scale * 1e7) / 1e6);
  const total = Math.min(1000, Math.round(sum * scale * 10));
  const floors = tenths.map(Math.floor);
  let short = total - floors.reduce((a, b) => a + b, 0);
  const order = tenths.map((t, i) => ({ i, rest: t - Math.floor(t) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (short <= 0) break;
    floors[i]! += 1;
    short -= 1;
  }
  return { contributions: floors.map((t) => t / 10), score: floors.reduce((a, b) => a + b, 0) / 10 };
}

export function riskLevel(score: number): 'low' | 'medium' | 'high' {
  return score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low';
}
