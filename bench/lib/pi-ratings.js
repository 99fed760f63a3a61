// Pi-ratings (Constantinou & Fenton 2013), a candidate pool member measured in bench/tune.js
// (--part pi) on the protocol's development period only. Each team has a home and an away
// rating in goal-difference units; the expected goal difference of a match is
// ψ(R_home,H) − ψ(R_away,A) with ψ(r) = sign(r)·(10^{|r|/3} − 1); after the match the side's
// rating at that venue moves by λ·φ(e) and its other rating by γ times that, with
// φ(e) = sign(e)·3·log10(1 + |e|) and e = observed − expected goal difference. The expected
// difference is mapped to 1X2 by an ordered logit, as Elo's ratings are.
const psi = (r) => Math.sign(r) * (Math.pow(10, Math.abs(r) / 3) - 1);
const phi = (e) => Math.sign(e) * 3 * Math.log10(1 + Math.abs(e));
const DAY = 86400000;

/**
 * Ratings that learn from matches in date order. `advanceTo(date)` learns every match strictly
 * before `date` (so a forecast as of a fit date sees what the other members see), `expect`
 * gives the expected goal difference, and `samples` the pre-match values for the link.
 */
function createPi(matches, { lambda = 0.035, gamma = 0.7, margin } = {}) {
  const H = new Map();
  const A = new Map();
  const get = (m, t) => m.get(t) ?? 0;
  const expect = (home, away) => psi(get(H, home)) - psi(get(A, away));
  const samples = { x: [], outcome: [], day: [] };
  let next = 0;
  return {
    samples,
    expect,
    advanceTo(date) {
      while (next < matches.length && matches[next].date < date) {
        const m = matches[next++];
        const g = expect(m.home, m.away);
        samples.x.push(g);
        samples.outcome.push(m.homeGoals > m.awayGoals ? 0 : m.homeGoals === m.awayGoals ? 1 : 2);
        samples.day.push(Math.floor(Date.parse(m.date) / DAY));
        const d = lambda * phi((margin ? margin(m) : m.homeGoals - m.awayGoals) - g);
        H.set(m.home, get(H, m.home) + d);
        A.set(m.home, get(A, m.home) + gamma * d);
        A.set(m.away, get(A, m.away) - d);
        H.set(m.away, get(H, m.away) - gamma * d);
      }
    },
  };
}

module.exports = { createPi };
