// Public API of @scoreline/bot-api-emulator: a local Bot API (telegram-test-api behind a server
// that long-polls like Telegram) and a front that injects Telegram's failures (429, 409, 403…).
export * from './emulator';
export * from './fault-front';
