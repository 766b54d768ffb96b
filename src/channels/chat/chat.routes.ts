import { z } from 'zod';
import type { RouteDeps } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/server.js';
import { protectedErrors, Timestamp } from '../../platform/http/schemas.js';
import { ChatHub } from './chat.hub.js';
import { chatMessagesAfter, getChat } from './chat.service.js';
import { WIDGET_SOURCE } from './widget.js';

const ChatParams = z.object({ id: z.string().max(64) });
const ChatSchema = z.object({
  id: z.string(),
  status: z.string(),
  visitorName: z.string().nullable(),
  visitorEmail: z.string().nullable(),
  agentId: z.string().nullable(),
  ticketId: z.string().nullable(),
  pageUrl: z.string().nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  messages: z.array(z.object({ seq: z.number(), sender: z.string(), body: z.string(), at: Timestamp })),
});

/** Live chat: the WebSocket endpoint, the widget script, and chats for the console. */
export function registerChatRoutes(app: App, deps: RouteDeps): ChatHub {
  const hub = new ChatHub(deps);
  hub.attach(app.server);
  app.addHook('onClose', async () => hub.close());

  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').type('application/javascript; charset=utf-8').send(WIDGET_SOURCE),
  );

  app.get(
    '/api/v1/chat/status',
    { schema: { tags: ['chat'], security: [], response: { 200: z.object({ agentsOnline: z.number() }) }, description: 'Whether anyone is online to chat (the widget may hide itself)' } },
    async (_request, reply) => reply.header('access-control-allow-origin', '*').send({ agentsOnline: hub.agentsOnline() }),
  );

  app.get('/api/v1/chats/:id', { schema: { tags: ['chat'], params: ChatParams, response: { 200: ChatSchema, ...protectedErrors } }, preHandler: deps.guard.require('tickets:read') }, async (request) => {
    const chat = await getChat(deps, request.params.id);
    if (!chat) throw notFound('Chat');
    const messages = await chatMessagesAfter(deps, chat.id, 0);
    return {
      id: chat.id,
      status: chat.status,
      visitorName: chat.visitor_name,
      visitorEmail: chat.visitor_email,
      agentId: chat.agent_id,
      ticketId: chat.ticket_id,
      pageUrl: chat.page_url,
      startedAt: chat.started_at,
      endedAt: chat.ended_at,
      messages: messages.map((m) => ({ seq: m.seq, sender: m.sender, body: m.body, at: m.created_at })),
    };
  });
  return hub;
}
