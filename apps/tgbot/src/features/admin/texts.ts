// What the admin commands say, in Russian and English. Values arrive as they are (tgHtml
// escapes them).
import { tgHtml, type Html } from '@scoreline/queue';
import type { Locale } from '../../i18n/messages';

export type AdminJob = 'retrain' | 'sync' | 'backup';

export interface AdminTexts {
  menu: Record<'status' | AdminJob, string>;
  statusHeader(version: string, sha: string): Html;
  roles: Html;
  role(name: string, status: string, detail: string): Html;
  ago(seconds: number): string;
  absent: string;
  queues: Html;
  queueLine(name: string, waiting: number, active: number, delayed: number, failed: number): Html;
  /** The prediction ledger: records sealed, predictions still waiting for theirs. */
  ledger(sealed: number, waiting: number): Html;
  jobRuns: Html;
  noJobRuns: Html;
  unavailable(what: string): Html;
  jobLabel(job: AdminJob, scope: string | null): string;
  queued(label: string, jobId: string): Html;
  failed(label: string, reason: string): Html;
  gone(label: string): Html;
  stillRunning(label: string, minutes: number): Html;
  promoted(league: string, version: string, previous: string): Html;
  kept(league: string, version: string): Html;
  skipped(label: string, reason: string): Html;
  metrics(line: string): Html;
  syncDone(leagues: string, fixtures: number, odds: number): Html;
  backupDone(file: string): Html;
  backupSkipped(detail: string): Html;
  retrainUsage: Html;
  syncUsage: Html;
  backupUsage: Html;
  allLeagues: string;
}

export const ADMIN_TEXTS: Record<Locale, AdminTexts> = {
  ru: {
    menu: {
      status: 'Админ: состояние системы',
      retrain: 'Админ: переобучить модель',
      sync: 'Админ: синхронизация данных',
      backup: 'Админ: резервная копия',
    },
    statusHeader: (version, sha) => tgHtml`<b>Состояние</b> · ${version} (${sha})`,
    roles: tgHtml`<b>Роли</b> (heartbeat)`,
    role: (name, status, detail) =>
      tgHtml`${name}: <b>${status}</b>${detail ? tgHtml` — ${detail}` : ''}`,
    ago: (s) => `${s} с назад`,
    absent: 'нет сигналов',
    queues: tgHtml`<b>Очереди</b> (ждут · в работе · отложены · упали)`,
    queueLine: (name, w, a, d, f) => tgHtml`<code>${name}</code> ${w} · ${a} · ${d} · ${f}`,
    ledger: (sealed, waiting) =>
      tgHtml`<b>Журнал прогнозов</b>: запечатано ${sealed}, ждут печати ${waiting}${waiting > 0 ? ' (воркер запечатывает их в течение секунды; если число не убывает, воркер не работает)' : ''}`,
    jobRuns: tgHtml`<b>Последние запуски</b>`,
    noJobRuns: tgHtml`запусков ещё не было`,
    unavailable: (what) => tgHtml`${what}: недоступно`,
    jobLabel: (job, scope) =>
      ({ retrain: 'Переобучение', sync: 'Синхронизация', backup: 'Резервная копия' })[job] +
      (scope ? ` ${scope}` : ''),
    queued: (label, jobId) =>
      tgHtml`${label}: в очереди (<code>${jobId}</code>). Сообщу результат, когда закончится.`,
    failed: (label, reason) => tgHtml`❌ ${label}: ошибка — ${reason}`,
    gone: (label) => tgHtml`${label}: задача пропала из очереди, результат неизвестен.`,
    stillRunning: (label, minutes) =>
      tgHtml`${label}: не закончилось за ${minutes} мин. Проверьте /status.`,
    promoted: (league, version, previous) =>
      tgHtml`✅ Переобучение ${league}: новая модель <code>${version}</code> стала чемпионом${previous ? tgHtml` (была <code>${previous}</code>)` : ''}.`,
    kept: (league, version) =>
      tgHtml`Переобучение ${league}: чемпион остаётся, претендент <code>${version}</code> не лучше.`,
    skipped: (label, reason) => tgHtml`${label}: пропущено — ${reason}`,
    metrics: (line) => tgHtml`Метрики: ${line}`,
    syncDone: (leagues, fixtures, odds) =>
      tgHtml`✅ Синхронизация: лиги ${leagues}; матчей ${fixtures}, коэффициентов ${odds}.`,
    backupDone: (file) => tgHtml`✅ Резервная копия: <code>${file}</code>`,
    backupSkipped: (detail) => tgHtml`Резервная копия пропущена — ${detail}`,
    retrainUsage: tgHtml`<code>/retrain</code> — все лиги, <code>/retrain E0</code> — одна.`,
    syncUsage: tgHtml`<code>/sync</code> — без аргументов.`,
    backupUsage: tgHtml`<code>/backup</code> — без аргументов.`,
    allLeagues: 'все лиги',
  },
  en: {
    menu: {
      status: 'Admin: system status',
      retrain: 'Admin: retrain a model',
      sync: 'Admin: sync the data',
      backup: 'Admin: back up the database',
    },
    statusHeader: (version, sha) => tgHtml`<b>Status</b> · ${version} (${sha})`,
    roles: tgHtml`<b>Roles</b> (heartbeats)`,
    role: (name, status, detail) =>
      tgHtml`${name}: <b>${status}</b>${detail ? tgHtml` — ${detail}` : ''}`,
    ago: (s) => `${s} s ago`,
    absent: 'never seen',
    queues: tgHtml`<b>Queues</b> (waiting · active · delayed · failed)`,
    queueLine: (name, w, a, d, f) => tgHtml`<code>${name}</code> ${w} · ${a} · ${d} · ${f}`,
    ledger: (sealed, waiting) =>
      tgHtml`<b>Prediction ledger</b>: ${sealed} sealed, ${waiting} waiting${waiting > 0 ? ' (the worker seals them within a second; if the number does not fall, no worker runs)' : ''}`,
    jobRuns: tgHtml`<b>Last job runs</b>`,
    noJobRuns: tgHtml`no runs yet`,
    unavailable: (what) => tgHtml`${what}: unavailable`,
    jobLabel: (job, scope) =>
      ({ retrain: 'Retrain', sync: 'Sync', backup: 'Backup' })[job] + (scope ? ` ${scope}` : ''),
    queued: (label, jobId) =>
      tgHtml`${label}: queued (<code>${jobId}</code>). I will report the outcome here.`,
    failed: (label, reason) => tgHtml`❌ ${label} failed: ${reason}`,
    gone: (label) => tgHtml`${label}: the job left the queue; its outcome is unknown.`,
    stillRunning: (label, minutes) =>
      tgHtml`${label}: not finished after ${minutes} min. Check /status.`,
    promoted: (league, version, previous) =>
      tgHtml`✅ Retrain ${league}: promoted <code>${version}</code> to champion${previous ? tgHtml` (was <code>${previous}</code>)` : ''}.`,
    kept: (league, version) =>
      tgHtml`Retrain ${league}: champion kept; challenger <code>${version}</code> was not better.`,
    skipped: (label, reason) => tgHtml`${label}: skipped — ${reason}`,
    metrics: (line) => tgHtml`Metrics: ${line}`,
    syncDone: (leagues, fixtures, odds) =>
      tgHtml`✅ Sync: leagues ${leagues}; ${fixtures} fixtures, ${odds} odds.`,
    backupDone: (file) => tgHtml`✅ Backup: <code>${file}</code>`,
    backupSkipped: (detail) => tgHtml`Backup skipped — ${detail}`,
    retrainUsage: tgHtml`<code>/retrain</code> for every league, <code>/retrain E0</code> for one.`,
    syncUsage: tgHtml`<code>/sync</code> takes no arguments.`,
    backupUsage: tgHtml`<code>/backup</code> takes no arguments.`,
    allLeagues: 'all leagues',
  },
};
