const M = require('@scoreline/model');
const { loadPddl } = require('../lib/data');
const matches = loadPddl('premier-league', 2016, 2024);
const model = M.createProductionModel({});
const its = [],
  its2 = [];
const wrapped = {
  fit: (h, a, c) => {
    const s = model.fit(h, a, c);
    its.push(s.dixonColes.iterations);
    its2.push(s.shots.iterations);
    return s;
  },
  predict: model.predict,
};
M.rollingBacktest(matches, { from: '2019-07-01', to: '2020-06-30', model: wrapped });
console.log(its.join(','));
console.log(its2.join(','));
