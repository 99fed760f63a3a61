// Telegram reports a block (or an unblock) in a private chat as a membership change: record it
// now rather than at the next failed delivery.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';

export const membership = defineFeature({
  name: 'membership',
  composer(s) {
    const composer = new Composer<Context>();
    composer.on('my_chat_member', async (ctx) => {
      const status = ctx.myChatMember.new_chat_member.status;
      if (ctx.chat.type !== 'private') return;
      await s.chats.upsert(ctx.chat.id, { blocked: status === 'kicked' });
    });
    return composer;
  },
});
