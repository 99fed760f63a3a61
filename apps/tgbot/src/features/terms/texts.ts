// The terms: 18+, not advice, where to get help with gambling, how forecasts are made and scored.
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import { defineTexts } from '../../i18n/texts';

export interface TermsTexts {
  terms: Html;
  /** Shown before the terms when a gated command was asked for first. */
  gate(command: string): Html;
  acceptButton: string;
  accepted(command: string | null): Html;
  acceptedAt(when: string): Html;
  acceptedToast: string;
}

export const TERMS_TEXTS = defineTexts<TermsTexts>(
  {
    terms: joinHtml(
      [
        tgHtml`<b>Условия</b>`,
        tgHtml`• Только для лиц старше 18 лет.`,
        tgHtml`• Scoreline показывает оценки статистической модели. Это не финансовый совет и не совет делать ставки; решения и риски — ваши. Ставьте только то, что можете позволить себе проиграть.`,
        tgHtml`• Если игра перестала быть развлечением, обратитесь за помощью: BeGambleAware — begambleaware.org, GamCare — gamcare.org.uk. В России можно обратиться к врачу-психиатру-наркологу по месту жительства или на горячую линию психологической помощи вашего региона.`,
        tgHtml`• Как делаются прогнозы: модель Диксона — Коулза с весами по времени и рейтинг Эло, смешанные и откалиброванные на истории матчей лиги; каждый прогноз сохраняется до начала матча.`,
        tgHtml`• Как они оцениваются: после матча — RPS, лог-лосс и Брайер (/stats); перевес — против цен букмекеров без маржи; в лигах, где модель уступает рынку, /value и алерты молчат.`,
        tgHtml`• Портфель (/portfolio) — бумажная торговля в условных единицах, без денег.`,
      ],
      '\n',
    ),
    gate: (command) => tgHtml`Перед первым ${command} примите, пожалуйста, условия.`,
    acceptButton: 'Принимаю',
    accepted: (command) =>
      command ? tgHtml`Условия приняты. Отправьте ${command} ещё раз.` : tgHtml`Условия приняты.`,
    acceptedAt: (when) => tgHtml`Вы приняли условия ${when} (UTC).`,
    acceptedToast: 'Условия приняты',
  },
  {
    terms: joinHtml(
      [
        tgHtml`<b>Terms</b>`,
        tgHtml`• For adults (18+) only.`,
        tgHtml`• Scoreline shows the estimates of a statistical model. This is not financial or betting advice; the decisions and risks are yours. Bet only what you can afford to lose.`,
        tgHtml`• If gambling stops being fun, get help: BeGambleAware — begambleaware.org, GamCare — gamcare.org.uk (UK); elsewhere, your local gambling helpline or doctor.`,
        tgHtml`• How forecasts are made: a time-weighted Dixon–Coles model and an Elo rating, blended and calibrated on the league's match history; every forecast is stored before kick-off.`,
        tgHtml`• How they are scored: after the match by RPS, log loss and Brier (/stats); edges are measured against bookmakers' prices without margin; where the model trails the market, /value and alerts stay silent.`,
        tgHtml`• The portfolio (/portfolio) is paper trading in units, with no money.`,
      ],
      '\n',
    ),
    gate: (command) => tgHtml`Before your first ${command}, please accept the terms.`,
    acceptButton: 'I accept',
    accepted: (command) =>
      command ? tgHtml`Terms accepted. Send ${command} again.` : tgHtml`Terms accepted.`,
    acceptedAt: (when) => tgHtml`You accepted the terms on ${when} (UTC).`,
    acceptedToast: 'Terms accepted',
  },
);
