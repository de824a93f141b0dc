// Plain TS: the class import brings the tag map, so createElement('chat-widget') is a ChatWidget.
import {ChatWidget, BUILTIN_PROTOCOLS, type ConnectionStatus} from 'chat-widget';
import 'chat-widget/define';

const el = document.createElement('chat-widget');
const isWidget: ChatWidget = el;
el.protocol = 'openai';
el.url = location.origin;
el.id = 'plain';
el.heading = 'Plain';
el.context = {plan: 'pro'};
el.imageHosts = ['cdn.example.com'];
const consumer: Record<string, unknown> = {protocols: BUILTIN_PROTOCOLS.length, isWidget: isWidget instanceof ChatWidget};
(window as unknown as {consumer: unknown}).consumer = consumer;
el.addEventListener('chat-message', (e) => (consumer.plain = e.detail.message.text));
document.body.append(el);
const status: ConnectionStatus = el.status;
consumer.initialStatus = status;
export function neverCalled(): void {
  // @ts-expect-error `status` is read-only
  el.status = 'open';
}
