// `agent` (seed 002): AI doctor with a multi-agent workflow. `connection`
// gives each socket its own session id; replies are `status`, `stream_start`,
// `token`… and `stream_end` frames.
import {INVALID_JSON, isoZ, tokenize, uuid} from '../shared.js';
import {EMERGENCY_ALERT, HOSTILE_MARKDOWN, HOSTILE_TEXT, MEDICAL_REPLIES} from '../content.js';

const AGENTS = [
  {id: 'triage', name: 'Triage Agent', status: 'running_triage'},
  {id: 'diagnostic', name: 'Diagnostic Agent', status: 'running_diagnostic'},
  {id: 'treatment', name: 'Treatment Agent', status: 'running_treatment'},
];

/** @returns {import('../shared.js').ProtocolBackend} */
export function createAgentBackend() {
  /**
   * @param {import('../shared.js').Connection} conn
   * @param {string} sessionId  this socket's id
   * @param {any} frame
   */
  async function handle(conn, sessionId, frame) {
    const error = (errorType, message) => conn.send({type: 'error', error_type: errorType, message, timestamp: isoZ()});
    const status = (name, details) => conn.send({type: 'status', status: name, ...(details ? {details} : {}), timestamp: isoZ()});

    if (frame === INVALID_JSON) return error('validation_error', 'Invalid JSON format');
    if (typeof frame !== 'object' || frame === null || typeof frame.message !== 'string') {
      // Includes `{"type":"ping"}`: there are no application pings in this protocol.
      return error('validation_error', 'Field "message" is required');
    }
    // A session id from another socket (an old page, a reconnect) is silently ignored.
    if (frame.session_id != null && frame.session_id !== '' && frame.session_id !== sessionId) return undefined;
    const message = frame.message.trim();
    if (!message) return error('validation_error', 'Message cannot be empty');
    if (conn.stalled) return undefined;

    const xss = conn.faults.has('xss');
    const multi = frame.enable_agents !== false;
    await conn.reply(async () => {
      status('validating', {message: 'Validating input'});
      await conn.sleep(conn.delay * 4);
      if (/\b(overdose|suicide|suicidal)\b/i.test(message)) {
        error(
          'safety_violation',
          'I can’t help with this here. If you are in danger or thinking about harming yourself, please call your local emergency number or a crisis line (for example 988 in the US, 116 123 in the UK) right now.',
        );
        return;
      }
      status('checking_emergency', {message: 'Checking for emergency conditions'});
      await conn.sleep(conn.delay * 4);

      if (/chest pain/i.test(message)) {
        conn.send({
          type: 'stream_start',
          timestamp: isoZ(),
          metadata: {emergency: true, workflow: 'emergency', agents: [], severity: 'critical'},
        });
        for (const ch of Array.from(EMERGENCY_ALERT)) await conn.stream({type: 'token', content: ch, timestamp: isoZ()});
        conn.send({type: 'stream_end', timestamp: isoZ(), metadata: {agents_completed: [], session_id: sessionId, emergency: true}});
        return;
      }

      conn.send({
        type: 'stream_start',
        timestamp: isoZ(),
        metadata: {workflow: multi ? 'multi_agent' : 'single', agents: multi ? AGENTS.map((a) => a.id) : []},
      });

      const token = (content) => conn.stream({type: 'token', content, timestamp: isoZ()});
      if (/\bcrash\b/i.test(message)) {
        status('retrieving_context', {message: 'Fetching medical knowledge'});
        for (const t of tokenize('Let me look into that for you. Based on')) await token(t);
        error('processing_error', 'An error occurred while generating the response. Please try again.');
        return;
      }

      const sections = [...(MEDICAL_REPLIES.find((r) => r.pattern.test(message))?.sections ?? [])];
      const age = Number(frame.patient_profile?.age);
      if (Number.isFinite(age) && age > 0) {
        sections[0] = `Considering you are ${age} years old, I've taken age-related risk factors into account.\n\n${sections[0]}`;
      }
      if (xss) sections.splice(0, sections.length, HOSTILE_MARKDOWN, '', '', '');

      status('retrieving_context', {message: 'Fetching medical knowledge'});
      await conn.sleep(conn.delay * 4);
      if (multi) {
        for (const [i, agent] of AGENTS.entries()) {
          status(agent.status, {agent: xss ? HOSTILE_TEXT : agent.name, current_agent: agent.id});
          for (const t of tokenize(sections[i])) await token(t);
        }
        status('generating_response', {message: 'Writing the final answer'});
        for (const t of tokenize(sections[3])) await token(t);
      } else {
        status('generating_response', {message: 'Writing the answer'});
        for (const t of tokenize(sections.join(''))) await token(t);
      }
      conn.send({
        type: 'stream_end',
        timestamp: isoZ(),
        metadata: {agents_completed: multi ? AGENTS.map((a) => a.id) : [], session_id: sessionId},
      });
    });
    return undefined;
  }

  return {
    name: 'agent',

    route(pathname) {
      const m = /^\/api\/v1\/ws\/chat(?:\/([^/]*))?\/?$/.exec(pathname);
      return m ? {userId: m[1] ? decodeURIComponent(m[1]) : null} : null;
    },

    connect(conn) {
      conn.textField = 'content';
      const sessionId = uuid(); // a new id for every socket
      conn.onFrame = (frame) => conn.enqueue(() => handle(conn, sessionId, frame));
      conn.send({type: 'connection', status: 'connected', session_id: sessionId, timestamp: isoZ()});
    },
  };
}
