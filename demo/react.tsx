// React demo: `<ChatWidget>` from src/react.ts (the `chat-widget/react` entry), pointed at the
// reference backends that `npm start` runs. Every handler below gets its typed event class
// (ChatMessageEvent, ChatSendEvent …), so `e.detail` is typed without casts.
import {StrictMode, useRef, useState} from 'react';
import {createRoot} from 'react-dom/client';
import {ChatWidget, type ChatWidgetElement, type ChatSendEvent, type ConnectionStatus} from '../src/react.js';

type Backends = Record<'job' | 'brand' | 'agent' | 'session' | 'template', string>;

interface LogLine {
  id: number;
  text: string;
}

function App({backends}: {backends: Backends}) {
  const chat = useRef<ChatWidgetElement>(null);
  const [status, setStatus] = useState<ConnectionStatus>('idle');
  const [age, setAge] = useState(45);
  const [blockSecrets, setBlockSecrets] = useState(true);
  const [log, setLog] = useState<LogLine[]>([]);
  const add = (text: string) => setLog((l) => [{id: Date.now() + Math.random(), text}, ...l].slice(0, 12));

  // A host page can veto a message before it goes out (chat-send is cancelable).
  const onSend = (e: ChatSendEvent) => {
    if (blockSecrets && /password|\b\d{16}\b/i.test(e.detail.message.text)) {
      e.preventDefault();
      add('chat-send: blocked a message that looked like a secret');
    } else {
      add(`chat-send: “${e.detail.message.text}”`);
    }
  };

  return (
    <div className="framework-demo">
      <section className="controls" aria-label="Host controls">
        <p>
          Status: <b>{status}</b>
        </p>
        <label>
          Patient age (the <code>context</code> prop, sent as <code>patient_profile</code>):{' '}
          <input type="number" min={0} max={120} value={age} onChange={(e) => setAge(Number(e.target.value))} />
        </label>
        <label>
          <input type="checkbox" checked={blockSecrets} onChange={(e) => setBlockSecrets(e.target.checked)} /> cancel
          messages that contain “password”
        </label>
        <p>
          <button type="button" onClick={() => chat.current?.send('I have a headache and a mild fever')}>
            ref.send(…)
          </button>{' '}
          <button type="button" onClick={() => chat.current?.clear()}>
            ref.clear()
          </button>
        </p>
        <h2>Events</h2>
        <ol className="event-log" aria-live="polite">
          {log.map((l) => (
            <li key={l.id}>{l.text}</li>
          ))}
        </ol>
      </section>
      <ChatWidget
        ref={chat}
        protocol="agent"
        url={backends.agent}
        heading="AI Doctor (React)"
        persist="none"
        context={{patient_profile: {age, chronic_conditions: ['hypertension']}}}
        onChatStatus={(e) => setStatus(e.detail.status)}
        onChatSend={onSend}
        onChatMessage={(e) => add(`chat-message: ${e.detail.message.text.slice(0, 60)}…`)}
        onChatProgress={(e) => add(`chat-progress: ${e.detail.label}`)}
        onChatError={(e) => add(`chat-error (${e.detail.kind}): ${e.detail.message}`)}
      />
    </div>
  );
}

const backends: Backends = await (await fetch('/backends.json')).json();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App backends={backends} />
  </StrictMode>,
);
