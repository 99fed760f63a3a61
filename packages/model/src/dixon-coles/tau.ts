/**
 * Dixon-Coles low-score correction τ(x, y, λ, μ, ρ):
 * τ(0,0) = 1 − λμρ, τ(0,1) = 1 + λρ, τ(1,0) = 1 + μρ, τ(1,1) = 1 − ρ, otherwise 1.
 * ρ < 0 raises the probability of 0-0 and 1-1 and lowers 1-0 and 0-1. Valid while every τ > 0.
 */
export function tau(x: number, y: number, lambda: number, mu: number, rho: number): number {
  if (x === 0 && y === 0) return 1 - lambda * mu * rho;
  if (x === 0 && y === 1) return 1 + lambda * rho;
  if (x === 1 && y === 0) return 1 + mu * rho;
  if (x === 1 && y === 1) return 1 - rho;
  return 1;
}

/**
 * The interval of ρ for which all four τ values stay positive given λ, μ:
 * max(−1/λ, −1/μ) < ρ < min(1/(λμ), 1).
 */
export function rhoBounds(lambda: number, mu: number): [number, number] {
  return [Math.max(-1 / lambda, -1 / mu), Math.min(1 / (lambda * mu), 1)];
}
