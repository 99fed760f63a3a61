// What the admin commands say, in Russian and English. Values reach these functions escaped.
import type { Locale } from '../i18n/messages';

export type AdminJob = 'retrain' | 'sync' | 'backup';

export interface AdminTexts {
  menu: Record<'status' | AdminJob, string>;
  statusHeader(version: string, sha: string): string;
  roles: string;
  role(name: string, status: string, detail: string): string;
  ago(seconds: number): string;
  absent: string;
  queues: string;
  queueLine(name: string, waiting: number, active: number, delayed: number, failed: number): string;
  jobRuns: string;
  noJobRuns: string;
  unavailable(what: string): string;
  jobLabel(job: AdminJob, scope: string | null): string;
  queued(label: string, jobId: string): string;
  failed(label: string, reason: string): string;
  gone(label: string): string;
  stillRunning(label: string, minutes: number): string;
  promoted(league: string, version: string, previous: string): string;
  kept(league: string, version: string): string;
  skipped(label: string, reason: string): string;
  metrics(line: string): string;
  syncDone(leagues: string, fixtures: number, odds: number): string;
  backupDone(file: string): string;
  backupSkipped(detail: string): string;
  retrainUsage: string;
  syncUsage: string;
  backupUsage: string;
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
    statusHeader: (version, sha) => `<b>Состояние</b> · ${version} (${sha})`,
    roles: '<b>Роли</b> (heartbeat)',
    role: (name, status, detail) => `${name}: <b>${status}</b>${detail ? ` — ${detail}` : ''}`,
    ago: (s) => `${s} с назад`,
    absent: 'нет сигналов',
    queues: '<b>Очереди</b> (ждут · в работе · отложены · упали)',
    queueLine: (name, w, a, d, f) => `<code>${name}</code> ${w} · ${a} · ${d} · ${f}`,
    jobRuns: '<b>Последние запуски</b>',
    noJobRuns: 'запусков ещё не было',
    unavailable: (what) => `${what}: недоступно`,
    jobLabel: (job, scope) =>
      ({ retrain: 'Переобучение', sync: 'Синхронизация', backup: 'Резервная копия' })[job] +
      (scope ? ` ${scope}` : ''),
    queued: (label, jobId) =>
      `${label}: в очереди (<code>${jobId}</code>). Сообщу результат, когда закончится.`,
    failed: (label, reason) => `❌ ${label}: ошибка — ${reason}`,
    gone: (label) => `${label}: задача пропала из очереди, результат неизвестен.`,
    stillRunning: (label, minutes) =>
      `${label}: не закончилось за ${minutes} мин. Проверьте /status.`,
    promoted: (league, version, previous) =>
      `✅ Переобучение ${league}: новая модель <code>${version}</code> стала чемпионом` +
      (previous ? ` (была <code>${previous}</code>)` : '') +
      '.',
    kept: (league, version) =>
      `Переобучение ${league}: чемпион остаётся, претендент <code>${version}</code> не лучше.`,
    skipped: (label, reason) => `${label}: пропущено — ${reason}`,
    metrics: (line) => `Метрики: ${line}`,
    syncDone: (leagues, fixtures, odds) =>
      `✅ Синхронизация: лиги ${leagues}; матчей ${fixtures}, коэффициентов ${odds}.`,
    backupDone: (file) => `✅ Резервная копия: <code>${file}</code>`,
    backupSkipped: (detail) => `Резервная копия пропущена — ${detail}`,
    retrainUsage: '<code>/retrain</code> — все лиги, <code>/retrain E0</code> — одна.',
    syncUsage: '<code>/sync</code> — без аргументов.',
    backupUsage: '<code>/backup</code> — без аргументов.',
    allLeagues: 'все лиги',
  },
  en: {
    menu: {
      status: 'Admin: system status',
      retrain: 'Admin: retrain a model',
      sync: 'Admin: sync the data',
      backup: 'Admin: back up the database',
    },
    statusHeader: (version, sha) => `<b>Status</b> · ${version} (${sha})`,
    roles: '<b>Roles</b> (heartbeats)',
    role: (name, status, detail) => `${name}: <b>${status}</b>${detail ? ` — ${detail}` : ''}`,
    ago: (s) => `${s} s ago`,
    absent: 'never seen',
    queues: '<b>Queues</b> (waiting · active · delayed · failed)',
    queueLine: (name, w, a, d, f) => `<code>${name}</code> ${w} · ${a} · ${d} · ${f}`,
    jobRuns: '<b>Last job runs</b>',
    noJobRuns: 'no runs yet',
    unavailable: (what) => `${what}: unavailable`,
    jobLabel: (job, scope) =>
      ({ retrain: 'Retrain', sync: 'Sync', backup: 'Backup' })[job] + (scope ? ` ${scope}` : ''),
    queued: (label, jobId) =>
      `${label}: queued (<code>${jobId}</code>). I will report the outcome here.`,
    failed: (label, reason) => `❌ ${label} failed: ${reason}`,
    gone: (label) => `${label}: the job left the queue; its outcome is unknown.`,
    stillRunning: (label, minutes) => `${label}: not finished after ${minutes} min. Check /status.`,
    promoted: (league, version, previous) =>
      `✅ Retrain ${league}: promoted <code>${version}</code> to champion` +
      (previous ? ` (was <code>${previous}</code>)` : '') +
      '.',
    kept: (league, version) =>
      `Retrain ${league}: champion kept; challenger <code>${version}</code> was not better.`,
    skipped: (label, reason) => `${label}: skipped — ${reason}`,
    metrics: (line) => `Metrics: ${line}`,
    syncDone: (leagues, fixtures, odds) =>
      `✅ Sync: leagues ${leagues}; ${fixtures} fixtures, ${odds} odds.`,
    backupDone: (file) => `✅ Backup: <code>${file}</code>`,
    backupSkipped: (detail) => `Backup skipped — ${detail}`,
    retrainUsage: '<code>/retrain</code> for every league, <code>/retrain E0</code> for one.',
    syncUsage: '<code>/sync</code> takes no arguments.',
    backupUsage: '<code>/backup</code> takes no arguments.',
    allLeagues: 'all leagues',
  },
};
