/**
 * The constraints of OptimizerInput as rows on the weights w: linear rows a'w ≥ b (bounds, net band, groups, the
 * budget as an equality) and absolute-value limits Σ|w − c| ≤ limit (gross exposure with c = 0, turnover with c the
 * previous weights), which the QP enforces by cutting planes (constrained-qp.ts). When no weight can be negative,
 * gross exposure is Σw, a linear row. Cheap necessary conditions are checked here first, so that the usual
 * impossible sets (group floors over the budget, caps too small, a turnover too small to reach the bounds) are
 * reported by the constraint at fault before any solver runs.
 */
import { boundConstraints, type LinearConstraint } from './active-set-qp';
import type { BudgetRange } from './bounds';
import type { OptimizerInput, WeightBounds } from './optimizer';
import { PortfolioError } from './portfolio-error';

export interface AbsoluteLimit {
  /** `gross` or `turnover`. */
  name: string;
  center: Float64Array;
  limit: number;
}

export interface ConstraintSet {
  equalities: LinearConstraint[];
  inequalities: LinearConstraint[];
  absolute: AbsoluteLimit[];
}

/** The OptimizerInput constraint a row (`upper:3`) or row family (`upper`) belongs to, as PortfolioError names it. */
export function constraintOf(row: string, input: OptimizerInput): string {
  if (row.startsWith('lower')) return input.minWeight !== undefined ? 'min-weight' : 'bounds';
  if (row.startsWith('upper')) return input.maxWeight !== undefined ? 'max-weight' : 'bounds';
  if (row.startsWith('group:')) return 'groups';
  if (row.startsWith('net')) return 'net';
  if (row === 'budget') return input.cashBuffer !== undefined ? 'cashBuffer' : 'budget';
  return row;
}

const ones = (n: number) => new Float64Array(n).fill(1);

function groupRows(optimizer: string, input: OptimizerInput, n: number): LinearConstraint[] {
  const rows: LinearConstraint[] = [];
  for (const g of input.groups ?? []) {
    const bad = (why: string) => new PortfolioError(optimizer, 'bad-input', `group ${g.name}: ${why}`, 'groups');
    if (g.members.length === 0) throw bad('has no members');
    const a = new Float64Array(n);
    for (const m of g.members) {
      if (!(Number.isInteger(m) && m >= 0 && m < n)) throw bad(`member ${m} is not an asset index in [0, ${n})`);
      if (a[m] === 1) throw bad(`member ${m} is listed twice`);
      a[m] = 1;
    }
    if (g.min === undefined && g.max === undefined) throw bad('needs a min or a max');
    if (g.min !== undefined && !Number.isFinite(g.min)) throw bad(`min must be a number, got ${g.min}`);
    if (g.max !== undefined && !Number.isFinite(g.max)) throw bad(`max must be a number, got ${g.max}`);
    if (g.min !== undefined && g.max !== undefined && g.min > g.max)
      throw new PortfolioError(optimizer, 'infeasible', `group ${g.name}: its floor ${g.min} is above its cap ${g.max}`, 'groups');
    if (g.min !== undefined) rows.push({ a, b: g.min, name: `group:${g.name}:min` });
    if (g.max !== undefined) rows.push({ a: a.map((v) => -v), b: -g.max, name: `group:${g.name}:max` });
  }
  return rows;
}

function checkGroups(optimizer: string, input: OptimizerInput, bounds: WeightBounds, budget: BudgetRange): void {
  const groups = input.groups ?? [];
  const infeasible = (why: string) => new PortfolioError(optimizer, 'infeasible', why, 'groups');
  for (const g of groups) {
    let low = 0;
    let high = 0;
    for (const m of g.members) {
      low += bounds.lower[m];
      high += bounds.upper[m];
    }
    if (g.max !== undefined && low > g.max) throw infeasible(`group ${g.name}: its members' lower bounds sum to ${low} > its cap ${g.max}`);
    if (g.min !== undefined && high < g.min) throw infeasible(`group ${g.name}: its members' upper bounds sum to ${high} < its floor ${g.min}`);
  }
  // With disjoint groups and no negative weight, the floors add up within the budget and the caps must reach it.
  const seen = new Uint8Array(bounds.lower.length);
  for (const g of groups) for (const m of g.members) seen[m]++;
  if (!seen.every((c) => c <= 1) || !bounds.lower.every((l) => l >= 0)) return;
  let floors = 0;
  for (const g of groups) floors += g.min ?? 0;
  if (floors > budget.max) throw infeasible(`the group floors sum to ${floors} > the budget ${budget.max}`);
  let reach = 0;
  for (let i = 0; i < seen.length; i++) if (!seen[i]) reach += bounds.upper[i];
  for (const g of groups) {
    let high = 0;
    for (const m of g.members) high += bounds.upper[m];
    reach += Math.min(high, g.max ?? Infinity);
  }
  if (reach < budget.min) throw infeasible(`the group caps (and the assets outside groups) reach only ${reach} < the budget ${budget.min}`);
}

/** Σ_i distance of c_i to [l_i, u_i]: the least Σ|w − c| any weights within the bounds can have. */
function distanceToBox(c: Float64Array, bounds: WeightBounds): number {
  let d = 0;
  for (let i = 0; i < c.length; i++) d += Math.max(bounds.lower[i] - c[i], c[i] - bounds.upper[i], 0);
  return d;
}

export function buildConstraintSet(optimizer: string, input: OptimizerInput, bounds: WeightBounds, budget: BudgetRange): ConstraintSet {
  const n = bounds.lower.length;
  const equalities: LinearConstraint[] = [];
  const inequalities: LinearConstraint[] = [];
  if (budget.min === budget.max) equalities.push({ a: ones(n), b: budget.min, name: 'budget' });
  else {
    inequalities.push({ a: ones(n), b: budget.min, name: 'net:min' });
    inequalities.push({ a: new Float64Array(n).fill(-1), b: -budget.max, name: 'net:max' });
  }
  inequalities.push(...boundConstraints(bounds.lower, bounds.upper));
  inequalities.push(...groupRows(optimizer, input, n));
  checkGroups(optimizer, input, bounds, budget);
  const absolute: AbsoluteLimit[] = [];
  if (input.gross !== undefined) {
    const g = input.gross;
    if (!(Number.isFinite(g) && g > 0)) throw new PortfolioError(optimizer, 'bad-input', `gross exposure limit must be > 0, got ${g}`, 'gross');
    const forced = distanceToBox(new Float64Array(n), bounds);
    if (forced > g) throw new PortfolioError(optimizer, 'infeasible', `the bounds alone force a gross exposure of ${forced} > ${g}`, 'gross');
    if (budget.min > g || budget.max < -g)
      throw new PortfolioError(
        optimizer,
        'infeasible',
        `gross exposure ${g} cannot hold a net exposure in [${budget.min}, ${budget.max}] (Σ|w| ≥ |Σw|)`,
        'gross',
      );
    if (bounds.lower.every((l) => l >= 0)) inequalities.push({ a: new Float64Array(n).fill(-1), b: -g, name: 'gross' });
    else absolute.push({ name: 'gross', center: new Float64Array(n), limit: g });
  }
  if (input.turnover !== undefined) {
    const { previous, max } = input.turnover;
    if (!(Number.isFinite(max) && max >= 0)) throw new PortfolioError(optimizer, 'bad-input', `turnover limit must be ≥ 0, got ${max}`, 'turnover');
    if (previous.length !== n || !previous.every(Number.isFinite))
      throw new PortfolioError(optimizer, 'bad-input', `turnover needs ${n} finite previous weights, got ${previous.length}`, 'turnover');
    const toBounds = distanceToBox(previous, bounds);
    if (toBounds > max)
      throw new PortfolioError(
        optimizer,
        'infeasible',
        `reaching the bounds from the previous weights trades ${toBounds} > the turnover limit ${max}`,
        'turnover',
      );
    let held = 0;
    for (const v of previous) held += v;
    const toBudget = Math.max(budget.min - held, held - budget.max, 0);
    if (toBudget > max)
      throw new PortfolioError(
        optimizer,
        'infeasible',
        `the previous weights sum to ${held}; reaching the budget [${budget.min}, ${budget.max}] trades at least ${toBudget} > the turnover limit ${max}`,
        'turnover',
      );
    absolute.push({ name: 'turnover', center: Float64Array.from(previous), limit: max });
  }
  return { equalities, inequalities, absolute };
}

/** Whether the input has any constraint beyond bounds and the plain budget Σw = 1. */
export const hasExtraConstraints = (input: OptimizerInput): boolean =>
  input.gross !== undefined ||
  input.net !== undefined ||
  (input.groups !== undefined && input.groups.length > 0) ||
  input.turnover !== undefined ||
  input.cashBuffer !== undefined;
