// /portfolio: paper trading of value alerts, with ROI, hit rate and closing-line value.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { callbackRoute, defineFeature } from '../../context/feature';
import { portfolioButton, trackButton } from './buttons';
import { portfolioAction, registerPortfolio, trackFromAlert } from './portfolio';
import { PORTFOLIO_TEXTS } from './texts';

export const portfolio = defineFeature({
  name: 'portfolio',
  texts: PORTFOLIO_TEXTS,
  listing: [
    {
      command: 'portfolio',
      menu: { ru: 'Бумажный портфель', en: 'Paper portfolio' },
      help: {
        ru: tgHtml`/portfolio [kelly|flat|chart|csv] — бумажный портфель: ROI, попадания, CLV`,
        en: tgHtml`/portfolio [kelly|flat|chart|csv] — paper portfolio: ROI, hit rate, CLV`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerPortfolio(composer, s);
    return composer;
  },
  callbacks: [
    callbackRoute(portfolioButton, (ctx, s, action) =>
      portfolioAction(ctx, s, action.action, true),
    ),
    callbackRoute(trackButton, (ctx, s, action) => trackFromAlert(ctx, s, action.alertId)),
  ],
});
