// How good a season forecast was, once the season is over: the ranked probability score of each
// team's final-position distribution (0 is perfect), and Brier scores of the title, top-places
// and relegation probabilities, averaged over teams.
import type { TeamOutlook } from './simulate-season';

export interface SeasonForecastScores {
  positionRps: number;
  titleBrier: number;
  topBrier: number;
  relegationBrier: number;
}

/**
 * `finalOrder` is the final table's team order (champion first). Teams of the forecast missing
 * from it are an error: a forecast is scored on the season it was made for.
 */
export function scoreSeasonForecast(
  outlook: readonly TeamOutlook[],
  finalOrder: readonly string[],
  places: { top: number; relegation: number } = { top: 4, relegation: 3 },
): SeasonForecastScores {
  const n = finalOrder.length;
  const finish = new Map(finalOrder.map((t, i) => [t, i]));
  let rpsSum = 0;
  let title = 0;
  let top = 0;
  let relegation = 0;
  for (const t of outlook) {
    const actual = finish.get(t.team);
    if (actual === undefined) throw new Error(`${t.team} is not in the final table`);
    rpsSum += positionRps(t.positions, actual);
    title += (t.title - (actual === 0 ? 1 : 0)) ** 2;
    top += (t.top - (actual < places.top ? 1 : 0)) ** 2;
    relegation += (t.relegation - (actual >= n - places.relegation ? 1 : 0)) ** 2;
  }
  const k = outlook.length;
  return {
    positionRps: rpsSum / k,
    titleBrier: title / k,
    topBrier: top / k,
    relegationBrier: relegation / k,
  };
}

/** RPS over ordered positions: Σ (F(k) − O(k))² / (N − 1) over cumulative distributions. */
function positionRps(positions: readonly number[], actual: number): number {
  const n = positions.length;
  if (n < 2) return 0;
  let forecast = 0;
  let sum = 0;
  for (let k = 0; k < n - 1; k++) {
    forecast += positions[k]!;
    const observed = k >= actual ? 1 : 0;
    sum += (forecast - observed) ** 2;
  }
  return sum / (n - 1);
}
